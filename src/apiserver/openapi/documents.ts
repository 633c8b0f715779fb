// Assembles whole documents: one OpenAPI 3.0 document per group version (what kube-apiserver serves
// at /openapi/v3/apis/<group>/<version>) and the single Swagger 2.0 document of /openapi/v2. Each
// holds the paths of its resources and exactly the definitions they reach, built-in kinds from
// the generated models and custom kinds from their CRD schemas. Caching and hashing are index.ts's.
import { modelNameFor } from '../../api/models.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import { addCustomKind } from './custom-kinds.js';
import { packageOfGroup } from './definition-names.js';
import { DefinitionSet, type GVK } from './definitions.js';
import { resourcePaths, type KindDefinitions } from './paths.js';
import type { PathSpec } from './operations.js';
import { renderPaths } from './render.js';
import type { Flavor, Schema } from './well-known.js';

const INFO = { title: 'Kubernetes', version: 'v1.32.0' };
const BEARER = { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' };

/** The path kube files a group version's document under: `api/v1`, `apis/apps/v1`. */
export function groupVersionPath(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group ? `apis/${info.group}/${info.version}` : `api/${info.version}`;
}

export function buildV3Document(infos: ResourceInfo[]): Schema {
  const { defs, paths } = collect(infos, 'v3');
  return {
    components: { schemas: sorted(defs.schemas), securitySchemes: { BearerToken: BEARER } },
    info: INFO,
    openapi: '3.0.0',
    paths: renderPaths(paths, 'v3'),
    security: [{ BearerToken: [] }],
  };
}

export function buildV2Document(infos: ResourceInfo[]): Schema {
  const { defs, paths } = collect(infos, 'v2');
  return {
    definitions: sorted(defs.schemas),
    info: INFO,
    paths: renderPaths(paths, 'v2'),
    security: [{ BearerToken: [] }],
    securityDefinitions: { BearerToken: BEARER },
    swagger: '2.0',
  };
}

function collect(infos: ResourceInfo[], flavor: Flavor): { defs: DefinitionSet; paths: PathSpec[] } {
  const defs = new DefinitionSet(flavor);
  const paths: PathSpec[] = [];
  const groupVersions = new Map<string, GVK>();
  for (const info of infos) {
    const names = kindDefinitions(info, defs);
    if (!names) continue; // a built-in kind without a generated model: nothing to describe it with
    paths.push(...resourcePaths(info, names, defs));
    groupVersions.set(groupVersionPath(info), { group: info.group, version: info.version, kind: '' });
  }
  tagMetaKinds(defs, [...groupVersions.values()]);
  return { defs, paths };
}

function kindDefinitions(info: ResourceInfo, defs: DefinitionSet): KindDefinitions | undefined {
  if (info.custom) return addCustomKind(info, defs);
  const model = modelNameFor(info);
  if (!model) return undefined;
  const pkg = packageOfGroup(info.group);
  const kind = defs.addModel(model, pkg);
  defs.tagKinds(kind, [{ group: info.group, version: info.version, kind: info.kind }]);
  // Create-only kinds (the access reviews) have no list kind and no list operation.
  if (!info.verbs.includes('list')) return { kind, list: kind };
  const list = defs.addModel(`${model}List`, pkg);
  defs.tagKinds(list, [{ group: info.group, version: info.version, kind: info.listKind }]);
  return { kind, list };
}

/**
 * Status, DeleteOptions and WatchEvent are registered in every group version (and in core v1);
 * kube lists each registration in the schema's group-version-kind extension.
 */
function tagMetaKinds(defs: DefinitionSet, groupVersions: GVK[]): void {
  const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';
  defs.tagKinds(`${meta}.Status`, [{ group: '', version: 'v1', kind: 'Status' }]);
  for (const kind of ['DeleteOptions', 'WatchEvent']) {
    const gvks = [{ group: '', version: 'v1', kind }, ...groupVersions.map((gv) => ({ ...gv, kind }))];
    defs.tagKinds(`${meta}.${kind}`, gvks);
  }
}

function sorted(schemas: Record<string, Schema>): Record<string, Schema> {
  return Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]!]));
}
