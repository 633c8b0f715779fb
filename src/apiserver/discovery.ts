// API discovery as kube-apiserver serves it: the legacy documents (/api, /apis, /apis/<g>,
// /api/v1 and /apis/<g>/<v> resource lists) and the aggregated apidiscovery.k8s.io/v2 list that
// kubectl 1.32 asks for first. Everything is derived from the ResourceRegistry and cached until it
// changes (a CRD is established or removed).
import { createHash } from 'node:crypto';
import type { ResourceInfo } from '../api/resource-info.js';
import type { ResourceRegistry } from './resource-registry.js';

const SUBRESOURCE_VERBS: Record<string, string[]> = {
  status: ['get', 'patch', 'update'],
  scale: ['get', 'patch', 'update'],
  binding: ['create'],
  log: ['get'],
  finalize: ['update'],
  eviction: ['create'],
  token: ['create'],
  approval: ['get', 'patch', 'update'],
};

function subresourceKind(info: ResourceInfo, sub: string): { group: string; version: string; kind: string } {
  if (sub === 'scale') return { group: 'autoscaling', version: 'v1', kind: 'Scale' };
  if (sub === 'binding') return { group: '', version: 'v1', kind: 'Binding' };
  if (sub === 'eviction') return { group: 'policy', version: 'v1', kind: 'Eviction' };
  if (sub === 'token') return { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' };
  return { group: info.group, version: info.version, kind: info.kind };
}

export function storageVersionHash(info: ResourceInfo): string {
  const h = createHash('sha256').update(`${info.group}/${info.version}/${info.kind}`).digest('base64');
  return h.slice(0, 11) + '=';
}

function legacyResources(infos: ResourceInfo[]): unknown[] {
  const out: unknown[] = [];
  for (const r of [...infos].sort((a, b) => (a.resource < b.resource ? -1 : 1))) {
    out.push({
      name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
      storageVersionHash: storageVersionHash(r),
    });
    for (const sub of [...r.subresources].sort()) {
      const k = subresourceKind(r, sub);
      out.push({
        name: `${r.resource}/${sub}`, singularName: '', namespaced: r.namespaced,
        ...(k.group !== r.group || k.version !== r.version ? { group: k.group, version: k.version } : {}),
        kind: k.kind, verbs: SUBRESOURCE_VERBS[sub] ?? ['get'],
      });
    }
  }
  return out;
}

function aggregatedResource(r: ResourceInfo): unknown {
  return {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
    ...(r.categories.length ? { categories: r.categories } : {}),
    ...(r.subresources.length ? {
      subresources: [...r.subresources].sort().map((sub) => ({
        subresource: sub, responseKind: subresourceKind(r, sub), verbs: SUBRESOURCE_VERBS[sub] ?? ['get'],
      })),
    } : {}),
  };
}

export class DiscoveryService {
  private cache = new Map<string, { body: string; etag: string }>();
  private seen = -1;

  constructor(private readonly registry: ResourceRegistry, private readonly serverAddress: string) {}

  private cached(key: string, build: () => unknown): { body: string; etag: string } {
    if (this.seen !== this.registry.generation()) {
      this.cache.clear();
      this.seen = this.registry.generation();
    }
    let hit = this.cache.get(key);
    if (!hit) {
      const body = JSON.stringify(build());
      hit = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32).toUpperCase()}"` };
      this.cache.set(key, hit);
    }
    return hit;
  }

  coreVersions(): { body: string; etag: string } {
    return this.cached('api', () => ({
      kind: 'APIVersions', versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: this.serverAddress }],
    }));
  }

  groupList(): { body: string; etag: string } {
    return this.cached('apis', () => ({
      kind: 'APIGroupList', apiVersion: 'v1',
      groups: this.registry.groups().filter((g) => g.group !== '').map((g) => this.groupDoc(g.group, g.versions)),
    }));
  }

  private groupDoc(group: string, versions: string[]): Record<string, unknown> {
    return {
      name: group,
      versions: versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${group}/${versions[0]}`, version: versions[0] },
    };
  }

  group(name: string): { body: string; etag: string } | undefined {
    const g = this.registry.groups().find((x) => x.group === name && name !== '');
    if (!g) return undefined;
    return this.cached(`group/${name}`, () => ({ kind: 'APIGroup', apiVersion: 'v1', ...this.groupDoc(g.group, g.versions) }));
  }

  resourceList(group: string, version: string): { body: string; etag: string } | undefined {
    const infos = this.registry.resources().filter((r) => r.group === group && r.version === version);
    if (infos.length === 0) return undefined;
    const gv = group ? `${group}/${version}` : version;
    return this.cached(`list/${gv}`, () => ({
      kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources: legacyResources(infos),
    }));
  }

  /** apidiscovery.k8s.io aggregated list for /api (core only) or /apis (all other groups). */
  aggregated(core: boolean, version: 'v2' | 'v2beta1'): { body: string; etag: string } {
    return this.cached(`agg/${core}/${version}`, () => ({
      kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {},
      items: this.registry.groups().filter((g) => (g.group === '') === core).map((g) => ({
        metadata: { ...(g.group ? { name: g.group } : {}), creationTimestamp: null },
        versions: g.versions.map((v) => ({
          version: v,
          resources: this.registry.resources()
            .filter((r) => r.group === g.group && r.version === v)
            .sort((a, b) => (a.resource < b.resource ? -1 : 1))
            .map(aggregatedResource),
          freshness: 'Current',
        })),
      })),
    }));
  }
}
