// What differs between kinds on the write path, in the shape of k8s.io/apiserver's
// RESTCreateStrategy/RESTUpdateStrategy: defaulting and reset of server-owned fields on create,
// carrying over what a main-resource update may not change, validation, and field selectors.
import type { KubeObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resource-info.js';
import type { FieldError } from '../../machinery/errors.js';
import type { MVCCStore } from '../../storage/mvcc.js';
import type { UserInfo } from '../authn.js';

export interface StrategyContext {
  now: Date;
  serviceSubnet: string;
  store: MVCCStore;
  /** Who makes the request (CSRs record their requester). */
  user: UserInfo;
}

export interface Strategy {
  /** Server-managed metadata.generation (bumped when anything but metadata/status changes). */
  tracksGeneration: boolean;
  /** Defaulting; also applied to the result of every update and patch. */
  defaults(obj: KubeObject): void;
  prepareForCreate(obj: KubeObject, ctx: StrategyContext): void;
  /** Carries over from `old` what an update of the main resource may not change (e.g. status). */
  prepareForUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate(obj: KubeObject, info: ResourceInfo): FieldError[];
  validateUpdate(obj: KubeObject, old: KubeObject, info: ResourceInfo): FieldError[];
  /** Field selector paths this kind supports besides metadata.name and metadata.namespace. */
  fieldSelectors: string[];
  /** Whether pods (for instance) delete gracefully instead of at once. */
  gracefulDelete?(obj: KubeObject): number | undefined;
}
