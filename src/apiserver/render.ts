// Writes objects and lists in the representation the client negotiated: plain JSON (served from
// the stored serialization when possible, so GET costs no re-encoding), a meta.k8s.io Table, or
// PartialObjectMetadata(List).
import type { ServerResponse } from 'node:http';
import type { ResourceInfo } from '../api/resource-info.js';
import type { KubeObject, ListMeta } from '../api/types.js';
import type { StoredObject } from '../storage/mvcc.js';
import { sendJSON } from './http.js';
import type { Rendering } from './negotiation.js';
import { toTable, type IncludeObject } from './tables/index.js';

function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

function jsonOf(info: ResourceInfo, stored: StoredObject): string {
  return stored.object.apiVersion === apiVersionOf(info) ? stored.json : JSON.stringify({ ...stored.object, apiVersion: apiVersionOf(info) });
}

function partial(obj: KubeObject): unknown {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

function includeObjectOf(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

export function renderTable(info: ResourceInfo, objects: KubeObject[], listMeta: ListMeta, query: URLSearchParams, now: Date) {
  return toTable(info, objects, { includeObject: includeObjectOf(query), listMeta, now });
}

export function sendObject(res: ServerResponse, code: number, info: ResourceInfo, stored: StoredObject | KubeObject, rendering: Rendering, query: URLSearchParams, now: Date, headers: Record<string, string | string[]> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  const isStored = 'json' in stored && 'key' in stored;
  const obj = isStored ? (stored as StoredObject).object : (stored as KubeObject);
  if (rendering === 'table') {
    sendJSON(res, code, renderTable(info, [obj], { resourceVersion: obj.metadata.resourceVersion }, query, now));
  } else if (rendering === 'metadata') {
    sendJSON(res, code, partial(obj));
  } else if (isStored) {
    sendJSON(res, code, jsonOf(info, stored as StoredObject));
  } else {
    sendJSON(res, code, { ...obj, apiVersion: apiVersionOf(info) });
  }
}

export function sendList(res: ServerResponse, info: ResourceInfo, items: StoredObject[], listMeta: ListMeta, rendering: Rendering, query: URLSearchParams, now: Date): void {
  if (rendering === 'table') {
    sendJSON(res, 200, renderTable(info, items.map((i) => i.object), listMeta, query, now));
    return;
  }
  if (rendering === 'metadata') {
    sendJSON(res, 200, {
      kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: listMeta,
      items: items.map((i) => partial(i.object)),
    });
    return;
  }
  const head = `{"kind":${JSON.stringify(info.listKind)},"apiVersion":${JSON.stringify(apiVersionOf(info))},"metadata":${JSON.stringify(listMeta)},"items":[`;
  sendJSON(res, 200, `${head}${items.map((i) => jsonOf(info, i)).join(',')}]}`);
}
