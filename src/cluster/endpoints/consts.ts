// Label names and values of the endpoints domain (k8s.io/api/discovery/v1 well_known_labels.go
// and core/v1 well-known labels), in one place.
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY_CONTROLLER = 'endpointslice-controller.k8s.io';
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
/** Set on the Endpoints and EndpointSlices of headless Services (clusterIP None). */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
/** kube-controller-manager caps one Endpoints object at 1000 addresses, one slice at 100 endpoints. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
