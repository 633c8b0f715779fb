// policy/v1, coordination.k8s.io/v1, autoscaling/v1, scheduling.k8s.io/v1, events.k8s.io/v1 and
// discovery.k8s.io/v1.
// Field numbers, JSON names and emptiness rules mirror k8s.io/api and k8s.io/apimachinery (generated.proto
// and the Go struct tags); the notation is explained in ../descriptor.ts. Wire facts only, no docs.
// Only messages reachable from the kinds in ./index.ts are listed; fields newer than 1.32 are
// included (numbers never change), so a newer client decodes too.
import type { SchemaTable } from '../descriptor.js';

export const policySchema: SchemaTable = {
  package: 'policy',
  messages: {
    Eviction: 'metadata=1:meta.ObjectMeta! deleteOptions=2:meta.DeleteOptions?',
    PodDisruptionBudget: `metadata=1:meta.ObjectMeta! spec=2:PodDisruptionBudgetSpec!
      status=3:PodDisruptionBudgetStatus!`,
    PodDisruptionBudgetSpec: `minAvailable=1:intstr.IntOrString? selector=2:meta.LabelSelector?
      maxUnavailable=3:intstr.IntOrString? unhealthyPodEvictionPolicy=4:s?`,
    PodDisruptionBudgetStatus: `observedGeneration=1:i64 disruptedPods=2:{s:meta.Time}
      disruptionsAllowed=3:i32! currentHealthy=4:i32! desiredHealthy=5:i32! expectedPods=6:i32!
      conditions=7:meta.Condition[]`,
  },
};

export const coordSchema: SchemaTable = {
  package: 'coord',
  messages: {
    Lease: 'metadata=1:meta.ObjectMeta! spec=2:LeaseSpec!',
    LeaseSpec: `holderIdentity=1:s? leaseDurationSeconds=2:i32? acquireTime=3:meta.MicroTime?
      renewTime=4:meta.MicroTime? leaseTransitions=5:i32? strategy=6:s? preferredHolder=7:s?`,
  },
};

export const autoscalingSchema: SchemaTable = {
  package: 'autoscaling',
  messages: {
    Scale: 'metadata=1:meta.ObjectMeta! spec=2:ScaleSpec! status=3:ScaleStatus!',
    ScaleSpec: 'replicas=1:i32',
    ScaleStatus: 'replicas=1:i32! selector=2:s',
    HorizontalPodAutoscaler: `metadata=1:meta.ObjectMeta! spec=2:HorizontalPodAutoscalerSpec!
      status=3:HorizontalPodAutoscalerStatus!`,
    HorizontalPodAutoscalerSpec: `scaleTargetRef=1:CrossVersionObjectReference! minReplicas=2:i32?
      maxReplicas=3:i32! targetCPUUtilizationPercentage=4:i32?`,
    CrossVersionObjectReference: 'kind=1:s! name=2:s! apiVersion=3:s',
    HorizontalPodAutoscalerStatus: `observedGeneration=1:i64? lastScaleTime=2:meta.Time?
      currentReplicas=3:i32! desiredReplicas=4:i32! currentCPUUtilizationPercentage=5:i32?`,
  },
};

export const schedulingSchema: SchemaTable = {
  package: 'scheduling',
  messages: {
    PriorityClass: `metadata=1:meta.ObjectMeta! value=2:i32! globalDefault=3:b description=4:s
      preemptionPolicy=5:s?`,
  },
};

export const eventsSchema: SchemaTable = {
  package: 'events',
  messages: {
    Event: `metadata=1:meta.ObjectMeta! eventTime=2:meta.MicroTime! series=3:EventSeries?
      reportingController=4:s reportingInstance=5:s action=6:s reason=7:s regarding=8:core.ObjectReference!
      related=9:core.ObjectReference? note=10:s type=11:s deprecatedSource=12:core.EventSource!
      deprecatedFirstTimestamp=13:meta.Time! deprecatedLastTimestamp=14:meta.Time! deprecatedCount=15:i32`,
    EventSeries: 'count=1:i32! lastObservedTime=2:meta.MicroTime!',
  },
};

export const discoverySchema: SchemaTable = {
  package: 'discovery',
  messages: {
    EndpointSlice: `metadata=1:meta.ObjectMeta! addressType=4:s! endpoints=2:Endpoint[]!
      ports=3:EndpointPort[]!`,
    Endpoint: `addresses=1:s[]! conditions=2:EndpointConditions! hostname=3:s?
      targetRef=4:core.ObjectReference? deprecatedTopology=5:{s:s} nodeName=6:s? zone=7:s?
      hints=8:EndpointHints?`,
    EndpointConditions: 'ready=1:b? serving=2:b? terminating=3:b?',
    EndpointHints: 'forZones=1:ForZone[] forNodes=2:ForNode[]',
    ForZone: 'name=1:s!',
    ForNode: 'name=1:s!',
    EndpointPort: 'name=1:s? protocol=2:s? port=3:i32? appProtocol=4:s?',
  },
};
