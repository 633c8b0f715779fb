// Names Liqo components and liqoctl agree on (reference §1): the install namespace, the identity
// ConfigMap and token Secret, the components' Deployments and Services, labels and annotations.
// One place, so a rename cannot leave one side behind.

/** The image of every liqo-ts component (ENTRYPOINT `node /app/bin/liqo.mjs`); the tag is the version. */
export const LIQO_IMAGE_REPOSITORY = 'ghcr.io/liqo-ts/liqo';

export const DEFAULT_LIQO_NAMESPACE = 'liqo';

export const CLUSTER_ID_CONFIGMAP = 'liqo-clusterid-configmap';
export const CLUSTER_ID_CONFIGMAP_SELECTOR = 'app.kubernetes.io/name=clusterid-configmap';
export const CLUSTER_ID_KEY = 'CLUSTER_ID';
export const CLUSTER_NAME_KEY = 'CLUSTER_NAME';

export const AUTH_TOKEN_SECRET = 'auth-token';
export const AUTH_TOKEN_KEY = 'token';

export const AUTH_SERVICE = 'liqo-auth';
export const OVERRIDE_ADDRESS_ANNOTATION = 'liqo.io/override-address';
export const OVERRIDE_PORT_ANNOTATION = 'liqo.io/override-port';

/** Every object of an installation carries these labels (uninstall and status find them so). */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const PART_OF_VALUE = 'liqo';
export const NAME_LABEL = 'app.kubernetes.io/name';
export const COMPONENT_LABEL = 'app.kubernetes.io/component';

/** The provider `liqoctl install <provider>` adds to the cluster labels. */
export const PROVIDER_LABEL = 'liqo.io/provider';

export const TENANT_NAMESPACE_LABEL = 'discovery.liqo.io/tenant-namespace';
export const CLUSTER_ID_LABEL = 'discovery.liqo.io/cluster-id';
export const STORAGE_NAMESPACE_LABEL = 'liqo.io/storage-provisioner';

/** The components of an installation, as `liqoctl status` checks them, and their subcommand. */
export const COMPONENTS = [
  { name: 'liqo-controller-manager', kind: 'Deployment', command: 'controller-manager' },
  { name: 'liqo-auth', kind: 'Deployment', command: 'auth' },
  { name: 'liqo-crd-replicator', kind: 'Deployment', command: 'crd-replicator' },
  { name: 'liqo-network-manager', kind: 'Deployment', command: 'network-manager' },
  { name: 'liqo-gateway', kind: 'Deployment', command: 'gateway' },
] as const;

/** The probe port every component serves /healthz and /readyz on. */
export const HEALTH_PORT = 8081;
/** The auth service's HTTPS port in its pod (the Service maps 443 to it). */
export const AUTH_PORT = 8443;
/** The gateway's port for peer connections (issue 6). */
export const GATEWAY_PORT = 5871;

// Networking (reference §3.4-3.6, §4.7).
/** The Service peers reach the gateway through (NodePort with `liqoctl install kind`). */
export const GATEWAY_SERVICE = 'liqo-gateway';
/** The gateway's Ed25519 key pair, created once by the gateway; the public key travels in NetworkConfigs. */
export const GATEWAY_KEYS_SECRET = 'liqo-gateway-keys';
/** NetworkConfig/TunnelEndpoint backendType of liqo-ts's gateway protocol (TCP, Ed25519 handshake). */
export const GATEWAY_BACKEND_TYPE = 'liqo-tcp';
/** backend_config keys of that backend. */
export const BACKEND_PUBLIC_KEY = 'publicKey';
export const BACKEND_PORT = 'port';
/** TunnelEndpoints carry the remote cluster's ID under this label (the ForeignCluster controller reads it). */
export const TEP_CLUSTER_ID_LABEL = 'clusterID';

/** The one IpamStorage of a cluster. */
export const IPAM_STORAGE_NAME = 'ipamstorage';
export const IPAM_STORAGE_LABEL = 'net.liqo.io/ipamstorage';

/** The certificate issued to a remote cluster, in its tenant namespace (an identity is issued once). */
export const REMOTE_CERTIFICATE_SECRET = 'liqo-remote-certificate';
/** A remote cluster's token, kept to authenticate back to it. */
export const REMOTE_TOKEN_LABEL = 'discovery.liqo.io/auth-token';
export const remoteTokenSecretName = (clusterID: string) => `remote-token-${clusterID}`;

/** The ClusterRoles granted to a remote cluster inside its tenant namespace (reference §4.3). */
export const PEERING_ROLES = {
  basic: 'liqo-remote-peering-basic',
  incoming: 'liqo-remote-peering-incoming',
  outgoing: 'liqo-remote-peering-outgoing',
} as const;
export const PEERING_PERMISSIONS_LABEL = 'auth.liqo.io/remote-peering-permissions';

// Peering (reference §1, §4).
export const DISCOVERY_TYPE_LABEL = 'discovery.liqo.io/discovery-type';
/** The CRD replicator's contract: a local object asks to be replicated to a remote cluster... */
export const REPLICATION_LABEL = 'liqo.io/replication';
export const REMOTE_ID_LABEL = 'liqo.io/remoteID';
/** ...and its replica says where it comes from. */
export const REPLICATED_LABEL = 'liqo.io/replicated';
export const ORIGIN_ID_LABEL = 'liqo.io/originID';
export const REPLICATOR_FINALIZER = 'crdReplicator.liqo.io';

/** The identity a provider issued to this cluster, in the local tenant namespace of that provider. */
export const IDENTITY_SECRET_PREFIX = 'liqo-identity-';
export const IDENTITY_SECRET_LABEL = 'discovery.liqo.io/identity';

export const VIRTUAL_NODE_TYPE_LABEL = 'liqo.io/type';
export const VIRTUAL_NODE_TYPE = 'virtual-node';
export const REMOTE_CLUSTER_ID_LABEL = 'liqo.io/remote-cluster-id';
export const VIRTUAL_NODE_TAINT = 'virtual-node.liqo.io/not-allowed';
export const virtualNodeName = (remoteClusterName: string) => `liqo-${remoteClusterName}`;

// Resource negotiation and the virtual kubelet (reference §4.6, §5.1).
/** How a ForeignCluster came to be: the provider creates one for a consumer whose ResourceRequest arrives. */
export const DISCOVERY_TYPE_INCOMING = 'IncomingPeering';
/** Held by the virtual kubelet on the ResourceOffer it serves, until its node is gone. */
export const NODE_FINALIZER = 'liqo.io/node';
/** On the virtual kubelet Deployment: the ResourceOffer it was started for. */
export const RESOURCE_OFFER_ANNOTATION = 'liqo.io/resourceoffer';
export const VIRTUAL_KUBELET_NAME = 'virtual-kubelet';
/** The ClusterRole of the virtual kubelet on its own (consumer) cluster, in deploy/liqo.yaml. */
export const VIRTUAL_KUBELET_LOCAL_ROLE = 'liqo-virtual-kubelet-local';
export const virtualKubeletBindingName = (remoteUniqueName: string) => `liqo-virtual-kubelet-${remoteUniqueName}`;
/** The Deployment the controller manager runs as, whose image the virtual kubelets share. */
export const CONTROLLER_MANAGER_DEPLOYMENT = 'liqo-controller-manager';
/** Node labels every virtual node carries besides its type and remote cluster (reference §5.1). */
export const VIRTUAL_NODE_ROLE = 'agent';
export const STORAGE_AVAILABLE_LABEL = 'storage.liqo.io/available';
/** A pod created on a provider from a ShadowPod, and the consumer it was offloaded from. */
export const MANAGED_BY_LABEL = 'liqo.io/managed-by';
export const MANAGED_BY_SHADOWPOD = 'shadowpod';
export const REFLECTION_ORIGIN_LABEL = 'virtualkubelet.liqo.io/origin';
