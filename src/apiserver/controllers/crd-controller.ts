// Serves custom resources as soon as their CRD is stored (apiextensions-apiserver's
// establishing and naming controllers in one): it publishes every served version to the resource
// registry, reports NamesAccepted/Established and storedVersions in the CRD status, and on CRD
// deletion removes all custom objects before releasing the cleanup finalizer, so data never
// outlives its definition.
import { asObject, type JsonObject } from '../../machinery/json.js';
import type { CustomResourceVersion, PrinterColumn, ResourceInfo, Verb } from '../../api/resource-info.js';
import type { KubeObject } from '../../api/types.js';
import { deepEqual } from '../../machinery/deep.js';
import type { StoredObject } from '../../storage/mvcc.js';
import type { ServerServices } from '../handlers/scope.js';
import { crdControllerStatus, type CRDNames } from '../schema/index.js';
import { timestamp } from '../handlers/scope.js';
import { storageKey } from '../resource-registry.js';

export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';
const CRD_PREFIX = '/apiextensions.k8s.io/customresourcedefinitions/';
const VERBS: Verb[] = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];


/** The ResourceInfo of each served version of a CRD. */
export function resourcesOfCRD(crd: KubeObject): ResourceInfo[] {
  const spec = asObject(crd.spec);
  const names = asObject(spec.names);
  const versions = Array.isArray(spec.versions) ? spec.versions.map(asObject) : [];
  return versions.filter((v) => v.served !== false).map((v) => {
    const sub = asObject(v.subresources);
    const scale = sub.scale ? asObject(sub.scale) : undefined;
    const custom: CustomResourceVersion = {
      crdName: crd.metadata.name ?? '',
      schema: asObject(asObject(v.schema).openAPIV3Schema),
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
    const current = this.ensureStatus(stored);
    const established = ((asObject(current.status).conditions as JsonObject[] | undefined) ?? [])
      .some((c) => c.type === 'Established' && c.status === 'True');
    const infos = established ? resourcesOfCRD(current) : [];
    const served = this.services.registry.resources().filter((r) => r.custom?.crdName === name);
    if (!deepEqual(served, infos)) this.services.registry.setCustom(name, infos);
  }

  /** Converges names, conditions and the cleanup finalizer; returns the CRD as stored afterwards. */
  private ensureStatus(stored: StoredObject): KubeObject {
    const crd = stored.object;
    const group = asObject(crd.spec).group;
    const groupAccepted = this.services.store.list(CRD_PREFIX)
      .filter((o) => o.key !== stored.key && asObject(o.object.spec).group === group)
      .map((o) => asObject(asObject(o.object.status).acceptedNames) as CRDNames);
    const status = crdControllerStatus(crd as unknown as JsonObject, groupAccepted, timestamp(this.services.now()));
    const finalizers = crd.metadata.finalizers ?? [];
    const needsFinalizer = !finalizers.includes(CRD_CLEANUP_FINALIZER);
    if (deepEqual(status, crd.status) && !needsFinalizer) return crd;
    const next = {
      ...crd,
      metadata: { ...crd.metadata, finalizers: needsFinalizer ? [...finalizers, CRD_CLEANUP_FINALIZER] : finalizers },
      status,
    };
    return this.services.store.update(stored.key, next, stored.modRevision).object;
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
