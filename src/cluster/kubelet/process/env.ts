// A container's environment as the kubelet builds it (kubelet_pods.go makeEnvironmentVariables):
// the image's ENV first, then envFrom (ConfigMaps and Secrets, with prefix), then env (values,
// fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef) with $(VAR) expanded against what is
// defined so far, then the `kubernetes` Service's variables where not set, and HOSTNAME as the
// runtime sets it. A required ConfigMap, Secret or key that is missing is the error the kubelet
// reports as CreateContainerConfigError. Pure: the objects are looked up beforehand.
import type { ConfigMap, Pod, Secret } from '../../../api/core-v1.js';
import { parseQuantity, toMilli } from '../../../machinery/quantity.js';
import type { EnvVar, ObjectFieldSelector, ResourceFieldSelector, RunContainer } from './container-spec.js';
import { runSpec } from './container-spec.js';

export interface EnvLookups {
  configMaps: Map<string, ConfigMap | undefined>;
  secrets: Map<string, Secret | undefined>;
}

export interface EnvContext {
  /** The image's ENV (PATH, HOME...). */
  imageEnv: Record<string, string>;
  /** Where the `kubernetes` Service really is: the API server's loopback host and port. */
  apiServer: { host: string; port: number };
  podIP: string;
  hostIP: string;
}

/** kube's CreateContainerConfigError. */
export class ContainerConfigError extends Error {}

/** The ConfigMaps and Secrets a container's environment reads. */
export function envReferences(c: RunContainer): { configMaps: Set<string>; secrets: Set<string> } {
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  for (const f of c.envFrom ?? []) {
    if (f.configMapRef?.name) configMaps.add(f.configMapRef.name);
    if (f.secretRef?.name) secrets.add(f.secretRef.name);
  }
  for (const e of c.env ?? []) {
    if (e.valueFrom?.configMapKeyRef?.name) configMaps.add(e.valueFrom.configMapKeyRef.name);
    if (e.valueFrom?.secretKeyRef?.name) secrets.add(e.valueFrom.secretKeyRef.name);
  }
  return { configMaps, secrets };
}

/** kube's expansion.Expand: $(VAR) from the mapping when defined, left as is otherwise; $$ is $. */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === '$') out += '$';
    else if (rest[0] === '(') {
      const close = rest.indexOf(')');
      if (close < 0) out += '$(';
      else {
        const name = rest.slice(1, close);
        out += lookup(name) ?? `$(${name})`;
        advance = close + 1;
      }
    } else out += `$${rest[0]}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

function decode(b64: string): string {
  return Buffer.from(b64, 'base64').toString('utf8');
}

function configMapData(cm: ConfigMap): Record<string, string> {
  const binary = Object.fromEntries(Object.entries(cm.binaryData ?? {}).map(([k, v]) => [k, decode(v)]));
  return { ...binary, ...cm.data };
}

function secretData(s: Secret): Record<string, string> {
  return Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, decode(v)]));
}

/** A downward API field of the pod (env's fieldRef and downwardAPI volume files). */
export function podField(pod: Pod, sel: ObjectFieldSelector, ctx: Pick<EnvContext, 'podIP' | 'hostIP'>): string {
  const path = sel.fieldPath;
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'metadata.labels': return formatMap(pod.metadata.labels);
    case 'metadata.annotations': return formatMap(pod.metadata.annotations);
    case 'spec.nodeName': return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName': return runSpec(pod).serviceAccountName ?? '';
    case 'status.hostIP': case 'status.hostIPs': return ctx.hostIP;
    case 'status.podIP': case 'status.podIPs': return ctx.podIP;
    default: throw new ContainerConfigError(`unsupported fieldPath: ${path}`);
  }
}

/** `key="value"` lines, sorted, as the downward API writes a whole label or annotation map. */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${JSON.stringify(m![k])}`).join('\n');
}

/** requests/limits of a container in the divisor's unit, rounded up as the downward API does. */
export function resourceField(pod: Pod, container: RunContainer, sel: ResourceFieldSelector): string {
  const c = sel.containerName ? (pod.spec.containers.find((x) => x.name === sel.containerName) ?? container) : container;
  const [kind, name] = sel.resource.split('.') as ['limits' | 'requests', string];
  const raw = c.resources?.[kind]?.[name] ?? (kind === 'limits' ? undefined : c.resources?.limits?.[name]);
  if (raw === undefined) return '0';
  const divisor = sel.divisor && sel.divisor !== '0' ? sel.divisor : '1';
  const q = parseQuantity(raw);
  const d = parseQuantity(divisor);
  if (name === 'cpu') return String(Math.ceil(toMilli(raw) / toMilli(divisor)));
  return String((q.num * d.den + (q.den * d.num) - 1n) / (q.den * d.num));
}

function fromKeyRef(kind: 'ConfigMap' | 'Secret', ns: string, ref: { name?: string; key: string; optional?: boolean }, data: Record<string, string> | undefined): string | undefined {
  const lower = kind === 'ConfigMap' ? 'configmap' : 'secret';
  if (!data) {
    if (ref.optional) return undefined;
    throw new ContainerConfigError(`${lower} "${ref.name ?? ''}" not found`);
  }
  if (!(ref.key in data)) {
    if (ref.optional) return undefined;
    throw new ContainerConfigError(`couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name ?? ''}`);
  }
  return data[ref.key];
}

function valueOf(e: EnvVar, pod: Pod, c: RunContainer, lookups: EnvLookups, ctx: EnvContext, defined: (n: string) => string | undefined): string | undefined {
  const ns = pod.metadata.namespace ?? '';
  const from = e.valueFrom;
  if (!from) return expand(e.value ?? '', defined);
  if (from.fieldRef) return podField(pod, from.fieldRef, ctx);
  if (from.resourceFieldRef) return resourceField(pod, c, from.resourceFieldRef);
  if (from.configMapKeyRef) {
    const cm = lookups.configMaps.get(from.configMapKeyRef.name ?? '');
    return fromKeyRef('ConfigMap', ns, from.configMapKeyRef, cm && configMapData(cm));
  }
  if (from.secretKeyRef) {
    const s = lookups.secrets.get(from.secretKeyRef.name ?? '');
    return fromKeyRef('Secret', ns, from.secretKeyRef, s && secretData(s));
  }
  return '';
}

/** The `kubernetes` Service's variables, pointing at the API server where it really listens. */
export function kubernetesServiceEnv({ host, port }: EnvContext['apiServer']): Record<string, string> {
  const url = `tcp://${host}:${port}`;
  return {
    KUBERNETES_SERVICE_HOST: host, KUBERNETES_SERVICE_PORT: String(port), KUBERNETES_SERVICE_PORT_HTTPS: String(port),
    KUBERNETES_PORT: url, [`KUBERNETES_PORT_${port}_TCP`]: url, [`KUBERNETES_PORT_${port}_TCP_PROTO`]: 'tcp',
    [`KUBERNETES_PORT_${port}_TCP_PORT`]: String(port), [`KUBERNETES_PORT_${port}_TCP_ADDR`]: host,
  };
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** The environment the container's process gets. Throws ContainerConfigError as the kubelet would. */
export function resolveEnv(pod: Pod, c: RunContainer, lookups: EnvLookups, ctx: EnvContext): Record<string, string> {
  const service = kubernetesServiceEnv(ctx.apiServer);
  const env: Record<string, string> = {};
  for (const f of c.envFrom ?? []) {
    let data: Record<string, string> | undefined;
    const ref = f.configMapRef ?? f.secretRef;
    if (f.configMapRef) data = mapOf(lookups.configMaps.get(f.configMapRef.name), configMapData);
    else if (f.secretRef) data = mapOf(lookups.secrets.get(f.secretRef.name), secretData);
    if (!ref) continue;
    if (!data) {
      if (ref.optional) continue;
      throw new ContainerConfigError(`${f.configMapRef ? 'configmap' : 'secret'} "${ref.name}" not found`);
    }
    for (const [k, v] of Object.entries(data)) {
      const name = `${f.prefix ?? ''}${k}`;
      if (ENV_NAME.test(name)) env[name] = v;
    }
  }
  const defined = (n: string) => env[n] ?? service[n];
  for (const e of c.env ?? []) {
    const v = valueOf(e, pod, c, lookups, ctx, defined);
    if (v !== undefined) env[e.name] = v;
  }
  const hostname = runSpec(pod).hostname ?? pod.metadata.name ?? '';
  return { ...ctx.imageEnv, HOSTNAME: hostname, ...service, ...env };
}

function mapOf<T>(obj: T | undefined, data: (o: T) => Record<string, string>): Record<string, string> | undefined {
  return obj === undefined ? undefined : data(obj);
}
