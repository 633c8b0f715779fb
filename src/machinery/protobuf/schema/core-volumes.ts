// core/v1 volume sources, persistent volumes and claims, and the reference and node-selector types
// they share with the rest of core/v1 (ObjectReference, LocalObjectReference, NodeSelector...).
// Field numbers, JSON names and emptiness rules mirror k8s.io/api and k8s.io/apimachinery (generated.proto
// and the Go struct tags); the notation is explained in ../descriptor.ts. Wire facts only, no docs.
// Only messages reachable from the kinds in ./index.ts are listed; fields newer than 1.32 are
// included (numbers never change), so a newer client decodes too.
import type { SchemaTable } from '../descriptor.js';

export const coreVolumesSchema: SchemaTable = {
  package: 'core',
  messages: {
    ObjectReference:
      'kind=1:s namespace=2:s name=3:s uid=4:s apiVersion=5:s resourceVersion=6:s fieldPath=7:s',
    LocalObjectReference: 'name=1:s',
    VolumeSource: `hostPath=1:HostPathVolumeSource? emptyDir=2:EmptyDirVolumeSource?
      gcePersistentDisk=3:GCEPersistentDiskVolumeSource?
      awsElasticBlockStore=4:AWSElasticBlockStoreVolumeSource? gitRepo=5:GitRepoVolumeSource?
      secret=6:SecretVolumeSource? nfs=7:NFSVolumeSource? iscsi=8:ISCSIVolumeSource?
      glusterfs=9:GlusterfsVolumeSource? persistentVolumeClaim=10:PersistentVolumeClaimVolumeSource?
      rbd=11:RBDVolumeSource? flexVolume=12:FlexVolumeSource? cinder=13:CinderVolumeSource?
      cephfs=14:CephFSVolumeSource? flocker=15:FlockerVolumeSource? downwardAPI=16:DownwardAPIVolumeSource?
      fc=17:FCVolumeSource? azureFile=18:AzureFileVolumeSource? configMap=19:ConfigMapVolumeSource?
      vsphereVolume=20:VsphereVirtualDiskVolumeSource? quobyte=21:QuobyteVolumeSource?
      azureDisk=22:AzureDiskVolumeSource? photonPersistentDisk=23:PhotonPersistentDiskVolumeSource?
      projected=26:ProjectedVolumeSource? portworxVolume=24:PortworxVolumeSource?
      scaleIO=25:ScaleIOVolumeSource? storageos=27:StorageOSVolumeSource? csi=28:CSIVolumeSource?
      ephemeral=29:EphemeralVolumeSource? image=30:ImageVolumeSource?`,
    HostPathVolumeSource: 'path=1:s! type=2:s?',
    EmptyDirVolumeSource: 'medium=1:s sizeLimit=2:resource.Quantity? mode=3:i32?',
    GCEPersistentDiskVolumeSource: 'pdName=1:s! fsType=2:s partition=3:i32 readOnly=4:b',
    AWSElasticBlockStoreVolumeSource: 'volumeID=1:s! fsType=2:s partition=3:i32 readOnly=4:b',
    GitRepoVolumeSource: 'repository=1:s! revision=2:s directory=3:s',
    SecretVolumeSource: `secretName=1:s items=2:KeyToPath[] defaultMode=3:i32? optional=4:b?
      defaultUser=5:i64?`,
    KeyToPath: 'key=1:s! path=2:s! mode=3:i32? user=4:i64?',
    NFSVolumeSource: 'server=1:s! path=2:s! readOnly=3:b',
    ISCSIVolumeSource: `targetPortal=1:s! iqn=2:s! lun=3:i32! iscsiInterface=4:s fsType=5:s readOnly=6:b
      portals=7:s[] chapAuthDiscovery=8:b chapAuthSession=11:b secretRef=10:LocalObjectReference?
      initiatorName=12:s?`,
    GlusterfsVolumeSource: 'endpoints=1:s! path=2:s! readOnly=3:b',
    PersistentVolumeClaimVolumeSource: 'claimName=1:s! readOnly=2:b',
    RBDVolumeSource: `monitors=1:s[]! image=2:s! fsType=3:s pool=4:s user=5:s keyring=6:s
      secretRef=7:LocalObjectReference? readOnly=8:b`,
    FlexVolumeSource: 'driver=1:s! fsType=2:s secretRef=3:LocalObjectReference? readOnly=4:b options=5:{s:s}',
    CinderVolumeSource: 'volumeID=1:s! fsType=2:s readOnly=3:b secretRef=4:LocalObjectReference?',
    CephFSVolumeSource: `monitors=1:s[]! path=2:s user=3:s secretFile=4:s secretRef=5:LocalObjectReference?
      readOnly=6:b`,
    FlockerVolumeSource: 'datasetName=1:s datasetUUID=2:s',
    DownwardAPIVolumeSource: 'items=1:DownwardAPIVolumeFile[] defaultMode=2:i32? defaultUser=3:i64?',
    DownwardAPIVolumeFile: `path=1:s! fieldRef=2:ObjectFieldSelector?
      resourceFieldRef=3:ResourceFieldSelector? mode=4:i32? user=5:i64?`,
    ObjectFieldSelector: 'apiVersion=1:s fieldPath=2:s!',
    ResourceFieldSelector: 'containerName=1:s resource=2:s! divisor=3:resource.Quantity!',
    FCVolumeSource: 'targetWWNs=1:s[] lun=2:i32? fsType=3:s readOnly=4:b wwids=5:s[]',
    AzureFileVolumeSource: 'secretName=1:s! shareName=2:s! readOnly=3:b',
    ConfigMapVolumeSource: `localObjectReference=1:LocalObjectReference^ items=2:KeyToPath[]
      defaultMode=3:i32? optional=4:b? defaultUser=5:i64?`,
    VsphereVirtualDiskVolumeSource: 'volumePath=1:s! fsType=2:s storagePolicyName=3:s storagePolicyID=4:s',
    QuobyteVolumeSource: 'registry=1:s! volume=2:s! readOnly=3:b user=4:s group=5:s tenant=6:s',
    AzureDiskVolumeSource: 'diskName=1:s! diskURI=2:s! cachingMode=3:s? fsType=4:s? readOnly=5:b? kind=6:s?',
    PhotonPersistentDiskVolumeSource: 'pdID=1:s! fsType=2:s',
    ProjectedVolumeSource: 'sources=1:VolumeProjection[]! defaultMode=2:i32? defaultUser=3:i64?',
    VolumeProjection: `secret=1:SecretProjection? downwardAPI=2:DownwardAPIProjection?
      configMap=3:ConfigMapProjection? serviceAccountToken=4:ServiceAccountTokenProjection?
      clusterTrustBundle=5:ClusterTrustBundleProjection? podCertificate=6:PodCertificateProjection?`,
    SecretProjection: 'localObjectReference=1:LocalObjectReference^ items=2:KeyToPath[] optional=4:b?',
    DownwardAPIProjection: 'items=1:DownwardAPIVolumeFile[]',
    ConfigMapProjection: 'localObjectReference=1:LocalObjectReference^ items=2:KeyToPath[] optional=4:b?',
    ServiceAccountTokenProjection: 'audience=1:s expirationSeconds=2:i64? path=3:s! user=4:i64?',
    ClusterTrustBundleProjection: `name=1:s? signerName=2:s? labelSelector=3:meta.LabelSelector? optional=5:b?
      path=4:s! user=6:i64?`,
    PodCertificateProjection: `signerName=1:s keyType=2:s maxExpirationSeconds=3:i32? credentialBundlePath=4:s
      keyPath=5:s certificateChainPath=6:s userAnnotations=7:{s:s} user=8:i64?`,
    PortworxVolumeSource: 'volumeID=1:s! fsType=2:s readOnly=3:b',
    ScaleIOVolumeSource: `gateway=1:s! system=2:s! secretRef=3:LocalObjectReference~ sslEnabled=4:b
      protectionDomain=5:s storagePool=6:s storageMode=7:s volumeName=8:s fsType=9:s readOnly=10:b`,
    StorageOSVolumeSource: `volumeName=1:s volumeNamespace=2:s fsType=3:s readOnly=4:b
      secretRef=5:LocalObjectReference?`,
    CSIVolumeSource: `driver=1:s! readOnly=2:b? fsType=3:s? volumeAttributes=4:{s:s}
      nodePublishSecretRef=5:LocalObjectReference?`,
    EphemeralVolumeSource: 'volumeClaimTemplate=1:PersistentVolumeClaimTemplate?',
    PersistentVolumeClaimTemplate: 'metadata=1:meta.ObjectMeta! spec=2:PersistentVolumeClaimSpec!',
    PersistentVolumeClaimSpec: `accessModes=1:s[] selector=4:meta.LabelSelector?
      resources=2:VolumeResourceRequirements! volumeName=3:s storageClassName=5:s? volumeMode=6:s?
      dataSource=7:TypedLocalObjectReference? dataSourceRef=8:TypedObjectReference?
      volumeAttributesClassName=9:s?`,
    VolumeResourceRequirements: 'limits=1:{s:resource.Quantity} requests=2:{s:resource.Quantity}',
    TypedLocalObjectReference: 'apiGroup=1:s~ kind=2:s! name=3:s!',
    TypedObjectReference: 'apiGroup=1:s~ kind=2:s! name=3:s! namespace=4:s?',
    ImageVolumeSource: 'reference=1:s pullPolicy=2:s',
    NodeSelector: 'nodeSelectorTerms=1:NodeSelectorTerm[]!',
    NodeSelectorTerm: 'matchExpressions=1:NodeSelectorRequirement[] matchFields=2:NodeSelectorRequirement[]',
    NodeSelectorRequirement: 'key=1:s! operator=2:s! values=3:s[]',
    VolumeHealthCondition: 'status=1:s! reason=2:s! message=3:s',
    PersistentVolumeClaim: `metadata=1:meta.ObjectMeta! spec=2:PersistentVolumeClaimSpec!
      status=3:PersistentVolumeClaimStatus!`,
    PersistentVolumeClaimStatus: `phase=1:s accessModes=2:s[] capacity=3:{s:resource.Quantity}
      conditions=4:PersistentVolumeClaimCondition[] allocatedResources=5:{s:resource.Quantity}
      allocatedResourceStatuses=7:{s:s} currentVolumeAttributesClassName=8:s?
      modifyVolumeStatus=9:ModifyVolumeStatus? healthStatus=10:VolumeHealthStatus?`,
    PersistentVolumeClaimCondition: `type=1:s! status=2:s! lastProbeTime=3:meta.Time!
      lastTransitionTime=4:meta.Time! reason=5:s message=6:s`,
    ModifyVolumeStatus: 'targetVolumeAttributesClassName=1:s status=2:s!',
    VolumeHealthStatus: 'healthConditions=1:VolumeHealthCondition[] lastTransitionTime=2:meta.Time!',
    PersistentVolume: `metadata=1:meta.ObjectMeta! spec=2:PersistentVolumeSpec!
      status=3:PersistentVolumeStatus!`,
    PersistentVolumeSpec: `capacity=1:{s:resource.Quantity} persistentVolumeSource=2:PersistentVolumeSource^
      accessModes=3:s[] claimRef=4:ObjectReference? persistentVolumeReclaimPolicy=5:s storageClassName=6:s
      mountOptions=7:s[] volumeMode=8:s? nodeAffinity=9:VolumeNodeAffinity? volumeAttributesClassName=10:s?`,
    PersistentVolumeSource: `gcePersistentDisk=1:GCEPersistentDiskVolumeSource?
      awsElasticBlockStore=2:AWSElasticBlockStoreVolumeSource? hostPath=3:HostPathVolumeSource?
      glusterfs=4:GlusterfsPersistentVolumeSource? nfs=5:NFSVolumeSource? rbd=6:RBDPersistentVolumeSource?
      iscsi=7:ISCSIPersistentVolumeSource? cinder=8:CinderPersistentVolumeSource?
      cephfs=9:CephFSPersistentVolumeSource? fc=10:FCVolumeSource? flocker=11:FlockerVolumeSource?
      flexVolume=12:FlexPersistentVolumeSource? azureFile=13:AzureFilePersistentVolumeSource?
      vsphereVolume=14:VsphereVirtualDiskVolumeSource? quobyte=15:QuobyteVolumeSource?
      azureDisk=16:AzureDiskVolumeSource? photonPersistentDisk=17:PhotonPersistentDiskVolumeSource?
      portworxVolume=18:PortworxVolumeSource? scaleIO=19:ScaleIOPersistentVolumeSource?
      local=20:LocalVolumeSource? storageos=21:StorageOSPersistentVolumeSource?
      csi=22:CSIPersistentVolumeSource?`,
    GlusterfsPersistentVolumeSource: 'endpoints=1:s! path=2:s! readOnly=3:b endpointsNamespace=4:s?',
    RBDPersistentVolumeSource: `monitors=1:s[]! image=2:s! fsType=3:s pool=4:s user=5:s keyring=6:s
      secretRef=7:SecretReference? readOnly=8:b`,
    SecretReference: 'name=1:s namespace=2:s',
    ISCSIPersistentVolumeSource: `targetPortal=1:s! iqn=2:s! lun=3:i32! iscsiInterface=4:s fsType=5:s
      readOnly=6:b portals=7:s[] chapAuthDiscovery=8:b chapAuthSession=11:b secretRef=10:SecretReference?
      initiatorName=12:s?`,
    CinderPersistentVolumeSource: 'volumeID=1:s! fsType=2:s readOnly=3:b secretRef=4:SecretReference?',
    CephFSPersistentVolumeSource: `monitors=1:s[]! path=2:s user=3:s secretFile=4:s
      secretRef=5:SecretReference? readOnly=6:b`,
    FlexPersistentVolumeSource: `driver=1:s! fsType=2:s secretRef=3:SecretReference? readOnly=4:b
      options=5:{s:s}`,
    AzureFilePersistentVolumeSource: 'secretName=1:s! shareName=2:s! readOnly=3:b secretNamespace=4:s~',
    ScaleIOPersistentVolumeSource: `gateway=1:s! system=2:s! secretRef=3:SecretReference~ sslEnabled=4:b
      protectionDomain=5:s storagePool=6:s storageMode=7:s volumeName=8:s fsType=9:s readOnly=10:b`,
    LocalVolumeSource: 'path=1:s! fsType=2:s?',
    StorageOSPersistentVolumeSource: `volumeName=1:s volumeNamespace=2:s fsType=3:s readOnly=4:b
      secretRef=5:ObjectReference?`,
    CSIPersistentVolumeSource: `driver=1:s! volumeHandle=2:s! readOnly=3:b fsType=4:s volumeAttributes=5:{s:s}
      controllerPublishSecretRef=6:SecretReference? nodeStageSecretRef=7:SecretReference?
      nodePublishSecretRef=8:SecretReference? controllerExpandSecretRef=9:SecretReference?
      nodeExpandSecretRef=10:SecretReference?`,
    VolumeNodeAffinity: 'required=1:NodeSelector?',
    PersistentVolumeStatus: 'phase=1:s message=2:s reason=3:s lastPhaseTransitionTime=4:meta.Time?',
  },
};
