// The set of resources served right now: the built-ins plus every version of every established
// CRD. Discovery, OpenAPI and the request router read it; the CRD controller changes it, and
// listeners (discovery/OpenAPI caches) are told so they can rebuild lazily.
import { BUILTIN_RESOURCES, GROUP_ORDER } from '../api/builtin-resources.js';
import type { ResourceInfo } from '../api/resource-info.js';

export interface GroupVersions {
  group: string;
  versions: string[]; // preferred first
}

export class ResourceRegistry {
  private custom = new Map<string, ResourceInfo[]>(); // by CRD name
  private all: ResourceInfo[] = [...BUILTIN_RESOURCES];
  private readonly listeners = new Set<() => void>();
  private generationValue = 0;

  resources(): ResourceInfo[] {
    return this.all;
  }

  /** Bumped on every change; caches compare it to know they are stale. */
  generation(): number {
    return this.generationValue;
  }

  lookup(group: string, version: string, resource: string): ResourceInfo | undefined {
    return this.all.find((r) => r.group === group && r.version === version && r.resource === resource);
  }

  /** Any served version of group/resource, preferring the storage version for custom ones. */
  lookupAnyVersion(group: string, resource: string): ResourceInfo | undefined {
    const matches = this.all.filter((r) => r.group === group && r.resource === resource);
    return matches.find((r) => r.custom?.storage) ?? matches[0];
  }

  groups(): GroupVersions[] {
    const byGroup = new Map<string, string[]>();
    for (const r of this.all) {
      const versions = byGroup.get(r.group) ?? [];
      if (!versions.includes(r.version)) versions.push(r.version);
      byGroup.set(r.group, versions);
    }
    const order = (g: string) => {
      const i = GROUP_ORDER.indexOf(g);
      return i < 0 ? GROUP_ORDER.length : i;
    };
    return [...byGroup.entries()]
      .map(([group, versions]) => ({ group, versions: sortVersions(versions) }))
      .sort((a, b) => order(a.group) - order(b.group) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  }

  setCustom(crdName: string, infos: ResourceInfo[]): void {
    if (infos.length === 0) this.custom.delete(crdName);
    else this.custom.set(crdName, infos);
    this.all = [...BUILTIN_RESOURCES, ...[...this.custom.values()].flat()];
    this.generationValue++;
    for (const l of this.listeners) l();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first (v2 > v1 > v1beta2). */
export function sortVersions(versions: string[]): string[] {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const stage = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  return [...versions].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return a < b ? -1 : 1;
  });
}

export function storageKey(info: Pick<ResourceInfo, 'group' | 'resource' | 'namespaced'>, namespace: string, name?: string): string {
  const base = `/${info.group || 'core'}/${info.resource}/`;
  if (info.namespaced && namespace) return name === undefined ? `${base}${namespace}/` : `${base}${namespace}/${name}`;
  return name === undefined ? base : `${base}${name}`;
}
