// Serves custom resources as soon as their CRD is stored (apiextensions-apiserver's
// establishing and naming controllers in one): it publishes every served version to the resource
// registry, reports NamesAccepted/Established and storedVersions in the CRD status, and on CRD
// deletion removes all custom objects before releasing the cleanup finalizer, so data never
// outlives its definition.
import type { CustomResourceVersion, PrinterColumn, ResourceInfo, Verb } from '../../api/resource-info.js';
import type { KubeObject } from '../../api/types.js';
import { deepEqual } from '../../machinery/deep.js';
import type { StoredObject } from '../../storage/mvcc.js';
import type { ServerServices } from '../handlers/scope.js';
import { timestamp } from '../handlers/scope.js';
import { storageKey } from '../resource-registry.js';

export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';
const CRD_PREFIX = '/apiextensions.k8s.io/customresourcedefinitions/';
const VERBS: Verb[] = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** The ResourceInfo of each served version of a CRD. */
export function resourcesOfCRD(crd: KubeObject): ResourceInfo[] {
  const spec = asObj(crd.spec);
  const names = asObj(spec.names);
  const versions = Array.isArray(spec.versions) ? spec.versions.map(asObj) : [];
  return versions.filter((v) => v.served !== false).map((v) => {
    const sub = asObj(v.subresources);
    const scale = sub.scale ? asObj(sub.scale) : undefined;
    const custom: CustomResourceVersion = {
      crdName: crd.metadata.name ?? '',
      schema: asObj(asObj(v.schema).openAPIV3Schema),
      printerColumns: (Array.isArray(v.additionalPrinterColumns) ? v.additionalPrinterColumns : []) as PrinterColumn[],
      hasStatus: sub.status !== undefined,
      storage: v.storage === true,
      ...(scale ? { scale: {
        specReplicasPath: String(scale.specReplicasPath ?? '.spec.replicas'),
        statusReplicasPath: String(scale.statusReplicasPath ?? '.status.replicas'),
        ...(scale.labelSelectorPath ? { labelSelectorPath: String(scale.labelSelectorPath) } : {}),
      } } : {}),
    };
    const kind = String(names.kind ?? '');
    return {
      group: String(spec.group ?? ''), version: String(v.name ?? ''), resource: String(names.plural ?? ''),
      singular: String(names.singular ?? kind.toLowerCase()), kind, listKind: String(names.listKind ?? `${kind}List`),
      namespaced: spec.scope !== 'Cluster',
      shortNames: (names.shortNames as string[] | undefined) ?? [], categories: (names.categories as string[] | undefined) ?? [],
      verbs: VERBS, subresources: [...(custom.hasStatus ? ['status'] : []), ...(scale ? ['scale'] : [])], custom,
    };
  });
}

export class CRDController {
  private stop: (() => void) | undefined;

  constructor(private readonly services: ServerServices) {}

  start(): void {
    for (const stored of this.services.store.list(CRD_PREFIX)) this.reconcile(stored.key);
    this.stop = this.services.store.watch(CRD_PREFIX, this.services.store.revision(), (e) => {
      // Reconcile after the write that triggered us has returned to its caller.
      queueMicrotask(() => this.reconcile(e.key));
    });
  }

  close(): void {
    this.stop?.();
  }

  reconcile(key: string): void {
    const stored = this.services.store.get(key);
    const name = key.slice(CRD_PREFIX.length);
    if (!stored) {
      this.services.registry.setCustom(name, []);
      return;
    }
    if (stored.object.metadata.deletionTimestamp) {
      this.finalize(stored);
      return;
    }
    const infos = resourcesOfCRD(stored.object);
    const current = this.services.registry.resources().filter((r) => r.custom?.crdName === name);
    if (!deepEqual(current, infos)) this.services.registry.setCustom(name, infos);
    this.ensureStatus(stored);
  }

  private ensureStatus(stored: StoredObject): void {
    const crd = stored.object;
    const spec = asObj(crd.spec);
    const status = asObj(crd.status);
    const storageVersion = (Array.isArray(spec.versions) ? spec.versions.map(asObj) : []).find((v) => v.storage === true)?.name;
    const stored_ = new Set<string>((status.storedVersions as string[] | undefined) ?? []);
    if (storageVersion) stored_.add(String(storageVersion));
    const now = timestamp(this.services.now());
    const conditions = ['NamesAccepted', 'Established'].map((type) => {
      const existing = ((status.conditions as Obj[] | undefined) ?? []).find((c) => c.type === type);
      if (existing?.status === 'True') return existing;
      return type === 'NamesAccepted'
        ? { type, status: 'True', lastTransitionTime: now, reason: 'NoConflicts', message: 'no conflicts found' }
        : { type, status: 'True', lastTransitionTime: now, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' };
    });
    const next: Obj = { ...status, acceptedNames: spec.names, conditions, storedVersions: [...stored_] };
    const finalizers = crd.metadata.finalizers ?? [];
    const needsFinalizer = !finalizers.includes(CRD_CLEANUP_FINALIZER);
    if (deepEqual(next, status) && !needsFinalizer) return;
    this.services.store.update(stored.key, {
      ...crd,
      metadata: { ...crd.metadata, finalizers: needsFinalizer ? [...finalizers, CRD_CLEANUP_FINALIZER] : finalizers },
      status: next,
    }, stored.modRevision);
  }

  private finalize(stored: StoredObject): void {
    const crd = stored.object;
    const infos = resourcesOfCRD(crd);
    const any = infos[0];
    if (any) {
      for (const obj of this.services.store.list(storageKey(any, ''))) this.services.store.delete(obj.key);
    }
    this.services.registry.setCustom(crd.metadata.name ?? '', []);
    const finalizers = (crd.metadata.finalizers ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER);
    if (finalizers.length === (crd.metadata.finalizers ?? []).length) return;
    if (finalizers.length === 0) this.services.store.delete(stored.key);
    else this.services.store.update(stored.key, { ...crd, metadata: { ...crd.metadata, finalizers } });
  }
}
