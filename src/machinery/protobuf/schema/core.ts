// core/v1 objects other than volumes and PodSpec: Pod status, Namespace, ConfigMap, Secret, Service,
// Node, Event, Endpoints, ResourceQuota, LimitRange, ReplicationController, Binding.
// Field numbers, JSON names and emptiness rules mirror k8s.io/api and k8s.io/apimachinery (generated.proto
// and the Go struct tags); the notation is explained in ../descriptor.ts. Wire facts only, no docs.
// Only messages reachable from the kinds in ./index.ts are listed; fields newer than 1.32 are
// included (numbers never change), so a newer client decodes too.
import type { SchemaTable } from '../descriptor.js';

export const coreSchema: SchemaTable = {
  package: 'core',
  messages: {
    Namespace: 'metadata=1:meta.ObjectMeta! spec=2:NamespaceSpec! status=3:NamespaceStatus!',
    NamespaceSpec: 'finalizers=1:s[]',
    NamespaceStatus: 'phase=1:s conditions=2:NamespaceCondition[]',
    NamespaceCondition: 'type=1:s! status=2:s! lastTransitionTime=4:meta.Time! reason=5:s message=6:s',
    ConfigMap: 'metadata=1:meta.ObjectMeta! immutable=4:b? data=2:{s:s} binaryData=3:{s:y}',
    Secret: 'metadata=1:meta.ObjectMeta! immutable=5:b? data=2:{s:y} stringData=4:{s:s} type=3:s',
    ServiceAccount: `metadata=1:meta.ObjectMeta! secrets=2:ObjectReference[]
      imagePullSecrets=3:LocalObjectReference[] automountServiceAccountToken=4:b?`,
    Service: 'metadata=1:meta.ObjectMeta! spec=2:ServiceSpec! status=3:ServiceStatus!',
    ServiceSpec: `ports=1:ServicePort[] selector=2:{s:s} clusterIP=3:s clusterIPs=18:s[] type=4:s
      externalIPs=5:s[] sessionAffinity=7:s loadBalancerIP=8:s loadBalancerSourceRanges=9:s[]
      externalName=10:s externalTrafficPolicy=11:s healthCheckNodePort=12:i32 publishNotReadyAddresses=13:b
      sessionAffinityConfig=14:SessionAffinityConfig? ipFamilies=19:s[] ipFamilyPolicy=17:s?
      allocateLoadBalancerNodePorts=20:b? loadBalancerClass=21:s? internalTrafficPolicy=22:s?
      trafficDistribution=23:s?`,
    ServicePort: `name=1:s protocol=2:s appProtocol=6:s? port=3:i32! targetPort=4:intstr.IntOrString!
      nodePort=5:i32`,
    SessionAffinityConfig: 'clientIP=1:ClientIPConfig?',
    ClientIPConfig: 'timeoutSeconds=1:i32?',
    ServiceStatus: 'loadBalancer=1:LoadBalancerStatus! conditions=2:meta.Condition[]',
    LoadBalancerStatus: 'ingress=1:LoadBalancerIngress[]',
    LoadBalancerIngress: 'ip=1:s hostname=2:s ipMode=3:s? ports=4:PortStatus[]',
    PortStatus: 'port=1:i32! protocol=2:s! error=3:s?',
    Pod: 'metadata=1:meta.ObjectMeta! spec=2:PodSpec! status=3:PodStatus!',
    PodStatus: `observedGeneration=17:i64 phase=1:s conditions=2:PodCondition[] message=3:s reason=4:s
      nominatedNodeName=11:s hostIP=5:s hostIPs=16:HostIP[] podIP=6:s podIPs=12:PodIP[] startTime=7:meta.Time?
      initContainerStatuses=10:ContainerStatus[] containerStatuses=8:ContainerStatus[] qosClass=9:s
      ephemeralContainerStatuses=13:ContainerStatus[] resize=14:s
      resourceClaimStatuses=15:PodResourceClaimStatus[]
      extendedResourceClaimStatus=18:PodExtendedResourceClaimStatus?
      allocatedResources=19:{s:resource.Quantity} resources=20:ResourceRequirements?
      nodeAllocatableResourceClaimStatuses=21:NodeAllocatableResourceClaimStatus[]
      volumeHealth=22:PodVolumeHealth[]`,
    PodCondition: `type=1:s! observedGeneration=7:i64 status=2:s! lastProbeTime=3:meta.Time!
      lastTransitionTime=4:meta.Time! reason=5:s message=6:s`,
    HostIP: 'ip=1:s!',
    PodIP: 'ip=1:s!',
    ContainerStatus: `name=1:s! state=2:ContainerState! lastState=3:ContainerState! ready=4:b!
      restartCount=5:i32! image=6:s! imageID=7:s! containerID=8:s started=9:b?
      allocatedResources=10:{s:resource.Quantity} resources=11:ResourceRequirements?
      volumeMounts=12:VolumeMountStatus[] user=13:ContainerUser? allocatedResourcesStatus=14:ResourceStatus[]
      stopSignal=15:s?`,
    ContainerState: `waiting=1:ContainerStateWaiting? running=2:ContainerStateRunning?
      terminated=3:ContainerStateTerminated?`,
    ContainerStateWaiting: 'reason=1:s message=2:s',
    ContainerStateRunning: 'startedAt=1:meta.Time!',
    ContainerStateTerminated: `exitCode=1:i32! signal=2:i32 reason=3:s message=4:s startedAt=5:meta.Time!
      finishedAt=6:meta.Time! containerID=7:s`,
    VolumeMountStatus: `name=1:s! mountPath=2:s! readOnly=3:b recursiveReadOnly=4:s?
      volumeStatus=5:VolumeStatus?`,
    VolumeStatus: 'image=1:ImageVolumeStatus?',
    ImageVolumeStatus: 'imageRef=1:s',
    ContainerUser: 'linux=1:LinuxContainerUser?',
    LinuxContainerUser: 'uid=1:i64! gid=2:i64! supplementalGroups=3:i64[]',
    ResourceStatus: 'name=1:s! resources=2:ResourceHealth[]',
    ResourceHealth: 'resourceID=1:s! health=2:s message=6:s?',
    PodResourceClaimStatus: 'name=1:s! resourceClaimName=2:s?',
    PodExtendedResourceClaimStatus: `requestMappings=1:ContainerExtendedResourceRequest[]!
      resourceClaimName=2:s!`,
    ContainerExtendedResourceRequest: 'containerName=1:s! resourceName=2:s! requestName=3:s!',
    NodeAllocatableResourceClaimStatus: `resourceClaimName=1:s! containers=2:s[]
      mapping=4:NodeAllocatableMappedResources[] overhead=5:NodeAllocatableOverheadResources[]`,
    NodeAllocatableMappedResources: 'name=1:s! quantity=2:resource.Quantity~',
    NodeAllocatableOverheadResources:
      'name=1:s! perPod=2:resource.Quantity? perContainer=3:resource.Quantity?',
    PodVolumeHealth: 'name=1:s! healthConditions=2:VolumeHealthCondition[] lastTransitionTime=3:meta.Time!',
    Endpoints: 'metadata=1:meta.ObjectMeta! subsets=2:EndpointSubset[]',
    EndpointSubset: `addresses=1:EndpointAddress[] notReadyAddresses=2:EndpointAddress[]
      ports=3:EndpointPort[]`,
    EndpointAddress: 'ip=1:s! hostname=3:s nodeName=4:s? targetRef=2:ObjectReference?',
    EndpointPort: 'name=1:s port=2:i32! protocol=3:s appProtocol=4:s?',
    Event: `metadata=1:meta.ObjectMeta! involvedObject=2:ObjectReference! reason=3:s message=4:s
      source=5:EventSource! firstTimestamp=6:meta.Time! lastTimestamp=7:meta.Time! count=8:i32 type=9:s
      eventTime=10:meta.MicroTime! series=11:EventSeries? action=12:s related=13:ObjectReference?
      reportingComponent=14:s! reportingInstance=15:s!`,
    EventSource: 'component=1:s host=2:s',
    EventSeries: 'count=1:i32 lastObservedTime=2:meta.MicroTime!',
    Node: 'metadata=1:meta.ObjectMeta! spec=2:NodeSpec! status=3:NodeStatus!',
    NodeSpec: `podCIDR=1:s podCIDRs=7:s[] providerID=3:s unschedulable=4:b taints=5:Taint[]
      configSource=6:NodeConfigSource? externalID=2:s podPreemptionPolicy=8:NodePodPreemptionPolicy?`,
    Taint: 'key=1:s! value=2:s effect=3:s! timeAdded=4:meta.Time?',
    NodeConfigSource: 'configMap=2:ConfigMapNodeConfigSource?',
    ConfigMapNodeConfigSource: 'namespace=1:s! name=2:s! uid=3:s resourceVersion=4:s kubeletConfigKey=5:s!',
    NodePodPreemptionPolicy: 'disableResizePreemption=1:s[]',
    NodeStatus: `capacity=1:{s:resource.Quantity} allocatable=2:{s:resource.Quantity} phase=3:s
      conditions=4:NodeCondition[] addresses=5:NodeAddress[] daemonEndpoints=6:NodeDaemonEndpoints!
      nodeInfo=7:NodeSystemInfo! images=8:ContainerImage[] volumesInUse=9:s[]
      volumesAttached=10:AttachedVolume[] config=11:NodeConfigStatus? runtimeHandlers=12:NodeRuntimeHandler[]
      features=13:NodeFeatures? declaredFeatures=14:s[]`,
    NodeCondition: `type=1:s! status=2:s! lastHeartbeatTime=3:meta.Time! lastTransitionTime=4:meta.Time!
      reason=5:s message=6:s`,
    NodeAddress: 'type=1:s! address=2:s!',
    NodeDaemonEndpoints: 'kubeletEndpoint=1:DaemonEndpoint!',
    DaemonEndpoint: 'Port=1:i32!',
    NodeSystemInfo: `machineID=1:s! systemUUID=2:s! bootID=3:s! kernelVersion=4:s! osImage=5:s!
      containerRuntimeVersion=6:s! kubeletVersion=7:s! kubeProxyVersion=8:s! operatingSystem=9:s!
      architecture=10:s! swap=11:NodeSwapStatus?`,
    NodeSwapStatus: 'capacity=1:i64?',
    ContainerImage: 'names=1:s[]! sizeBytes=2:i64',
    AttachedVolume: 'name=1:s! devicePath=2:s!',
    NodeConfigStatus: `assigned=1:NodeConfigSource? active=2:NodeConfigSource?
      lastKnownGood=3:NodeConfigSource? error=4:s`,
    NodeRuntimeHandler: 'name=1:s! features=2:NodeRuntimeHandlerFeatures?',
    NodeRuntimeHandlerFeatures: 'recursiveReadOnlyMounts=1:b? userNamespaces=2:b?',
    NodeFeatures: 'supplementalGroupsPolicy=1:b?',
    ResourceQuota: 'metadata=1:meta.ObjectMeta! spec=2:ResourceQuotaSpec! status=3:ResourceQuotaStatus!',
    ResourceQuotaSpec: 'hard=1:{s:resource.Quantity} scopes=2:s[] scopeSelector=3:ScopeSelector?',
    ScopeSelector: 'matchExpressions=1:ScopedResourceSelectorRequirement[]',
    ScopedResourceSelectorRequirement: 'scopeName=1:s! operator=2:s! values=3:s[]',
    ResourceQuotaStatus: 'hard=1:{s:resource.Quantity} used=2:{s:resource.Quantity}',
    LimitRange: 'metadata=1:meta.ObjectMeta! spec=2:LimitRangeSpec!',
    LimitRangeSpec: 'limits=1:LimitRangeItem[]!',
    LimitRangeItem: `type=1:s! max=2:{s:resource.Quantity} min=3:{s:resource.Quantity}
      default=4:{s:resource.Quantity} defaultRequest=5:{s:resource.Quantity}
      maxLimitRequestRatio=6:{s:resource.Quantity}`,
    ReplicationController: `metadata=1:meta.ObjectMeta! spec=2:ReplicationControllerSpec!
      status=3:ReplicationControllerStatus!`,
    ReplicationControllerSpec: `replicas=1:i32? minReadySeconds=4:i32 selector=2:{s:s}
      template=3:PodTemplateSpec?`,
    PodTemplateSpec: 'metadata=1:meta.ObjectMeta! spec=2:PodSpec!',
    ReplicationControllerStatus: `replicas=1:i32! fullyLabeledReplicas=2:i32 readyReplicas=4:i32
      availableReplicas=5:i32 observedGeneration=3:i64 conditions=6:ReplicationControllerCondition[]`,
    ReplicationControllerCondition: `type=1:s! status=2:s! lastTransitionTime=3:meta.Time! reason=4:s
      message=5:s`,
    PodTemplate: 'metadata=1:meta.ObjectMeta! template=2:PodTemplateSpec!',
    Binding: 'metadata=1:meta.ObjectMeta! target=2:ObjectReference!',
  },
};
