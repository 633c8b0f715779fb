// Defaulting of pod specs and containers as k8s.io/kubernetes/pkg/apis/core/v1/defaults.go does it
// (plus the values the Priority admission plugin sets), so `kubectl get -o yaml` of a pod or a pod
// template shows what a real cluster shows. Mutates in place; callers own the object.
type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}
function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter((x): x is Obj => obj(x) !== undefined) : [];
}
function setDefault(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

export function defaultImagePullPolicy(image: unknown): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const tag = colon >= 0 ? withoutDigest.slice(colon + 1) : '';
  if (image.includes('@')) return 'IfNotPresent';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: unknown): void {
  const p = obj(probe);
  if (!p) return;
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  const http = obj(p.httpGet);
  if (http) {
    setDefault(http, 'path', '/');
    setDefault(http, 'scheme', 'HTTP');
  }
}

export function defaultContainer(c: Obj): void {
  setDefault(c, 'imagePullPolicy', defaultImagePullPolicy(c.image));
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  setDefault(c, 'resources', {});
  for (const port of arr(c.ports)) setDefault(port, 'protocol', 'TCP');
  for (const env of arr(c.env)) {
    const fieldRef = obj(obj(env.valueFrom)?.fieldRef);
    if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const resources = obj(c.resources)!;
  const limits = obj(resources.limits);
  if (limits) {
    const requests = obj(resources.requests) ?? {};
    for (const [k, v] of Object.entries(limits)) setDefault(requests, k, v);
    resources.requests = requests;
  }
}

function defaultVolume(v: Obj): void {
  for (const source of ['configMap', 'secret', 'downwardAPI', 'projected']) {
    const s = obj(v[source]);
    if (s) setDefault(s, 'defaultMode', 420);
  }
  const hasSource = Object.keys(v).some((k) => k !== 'name');
  if (!hasSource) v.emptyDir = {};
}

/** Defaults shared by pods and pod templates (SetDefaults_PodSpec). */
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) defaultContainer(c);
  for (const v of arr(spec.volumes)) defaultVolume(v);
}

/** Pod-only defaults (SetDefaults_Pod and the Priority admission plugin). */
export function defaultPod(pod: Obj): void {
  const spec = obj(pod.spec);
  if (!spec) return;
  defaultPodSpec(spec);
  setDefault(spec, 'enableServiceLinks', true);
  setDefault(spec, 'priority', 0);
  setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
}

type QoS = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** The pod's QoS class, as kubelet's qos.GetPodQOS computes it from requests and limits. */
export function podQOSClass(spec: Obj): QoS {
  const containers = [...arr(spec.containers), ...arr(spec.initContainers)];
  let anySet = false;
  let guaranteed = true;
  for (const c of containers) {
    const r = obj(c.resources) ?? {};
    const req = obj(r.requests) ?? {};
    const lim = obj(r.limits) ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) anySet = true;
    for (const res of ['cpu', 'memory']) {
      if (lim[res] === undefined || (req[res] !== undefined && req[res] !== lim[res])) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
