// Content negotiation for responses, as kube-apiserver does it: kubectl asks for
// `application/json;as=Table;v=v1;g=meta.k8s.io` (tables), controllers may ask for
// PartialObjectMetadata(List), everyone else gets plain JSON. Protobuf is not served: a client
// that accepts only protobuf gets 406, one that also accepts JSON gets JSON.
import type { IncomingMessage } from 'node:http';
import { notAcceptable } from '../machinery/errors.js';

export type Rendering = 'object' | 'table' | 'metadata';

interface MediaRange { type: string; params: Record<string, string> }

function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) return [{ type: '*/*', params: {} }];
  return header.split(',').map((part) => {
    const [type, ...rest] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0) params[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
    }
    return { type: (type ?? '').toLowerCase(), params };
  });
}

const ACCEPTED = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf',
  'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];

export function negotiate(req: IncomingMessage): Rendering {
  const ranges = parseAccept(req.headers.accept);
  for (const r of ranges) {
    const jsonish = r.type === 'application/json' || r.type === '*/*' || r.type === 'application/*';
    if (!jsonish) continue;
    const as = r.params.as;
    if (!as) return 'object';
    if (r.params.g !== 'meta.k8s.io') continue;
    if (as === 'Table' && (r.params.v === 'v1' || r.params.v === 'v1beta1')) return 'table';
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return 'metadata';
  }
  throw notAcceptable(ACCEPTED);
}

/** Whether the client accepts aggregated discovery (apidiscovery.k8s.io/v2) for /api and /apis. */
export function wantsAggregatedDiscovery(req: IncomingMessage): 'v2' | 'v2beta1' | undefined {
  for (const r of parseAccept(req.headers.accept)) {
    if (r.type !== 'application/json' || r.params.g !== 'apidiscovery.k8s.io') continue;
    if (r.params.as !== 'APIGroupDiscoveryList') continue;
    if (r.params.v === 'v2' || r.params.v === 'v2beta1') return r.params.v;
  }
  return undefined;
}
