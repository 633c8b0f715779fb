// The reflection work queue's keys. A local key names a local object to replicate
// (`resourcerequests|<namespace>/<name>`); an orphan key names a replica on a remote cluster whose
// local source may be gone (`resourcerequests|@<clusterID>/<name>`; `@` cannot start a namespace
// name). Pure.

export type ReflectionKey =
  | { kind: 'local'; resource: string; namespace: string; name: string }
  | { kind: 'orphan'; resource: string; clusterID: string; name: string };

export const localKey = (resource: string, namespace: string, name: string) => `${resource}|${namespace}/${name}`;
export const orphanKey = (resource: string, clusterID: string, name: string) => `${resource}|@${clusterID}/${name}`;

export function parseKey(key: string): ReflectionKey | undefined {
  const m = /^([^|]+)\|(@?)([^/]+)\/(.+)$/.exec(key);
  if (!m) return undefined;
  const [, resource, at, scope, name] = m as unknown as [string, string, string, string, string];
  return at ? { kind: 'orphan', resource, clusterID: scope, name } : { kind: 'local', resource, namespace: scope, name };
}
