// DefaultTolerationSeconds: every new pod tolerates the not-ready and unreachable node taints for
// 300 s, so node-lifecycle eviction waits five minutes. Built-in, so webhooks see the result.
import { asObject } from '../../machinery/json.js';
import type { AdmissionPlugin } from './types.js';

const TAINT_KEYS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];
const DEFAULT_SECONDS = 300;

function withDefaultTolerations(existing: unknown): unknown[] {
  const list = Array.isArray(existing) ? [...existing] : [];
  for (const key of TAINT_KEYS) {
    const has = list.some((t) => asObject(t).key === key && (asObject(t).effect === 'NoExecute' || asObject(t).effect === undefined));
    if (!has) list.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_SECONDS });
  }
  return list;
}

export function defaultTolerationSeconds(): AdmissionPlugin {
  return {
    name: 'DefaultTolerationSeconds',
    mutate({ scope, operation, object }) {
      const { info, subresource } = scope;
      if (operation !== 'CREATE' || subresource || info.group !== '' || info.resource !== 'pods' || !object) return;
      const spec = asObject(object.spec);
      spec.tolerations = withDefaultTolerations(spec.tolerations);
      object.spec = spec;
    },
  };
}
