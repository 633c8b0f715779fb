// What an admission plugin sees (kube's admission.Attributes) and the two phases it may act in.
import type { KubeObject } from '../../api/types.js';
import type { RequestScope } from '../handlers/scope.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionAttributes {
  scope: RequestScope;
  operation: Operation;
  /** The object being written; mutating plugins may change it or replace it. Absent on DELETE. */
  object?: KubeObject;
  /** The stored object on UPDATE and DELETE. */
  oldObject?: KubeObject;
}

export interface AdmissionPlugin {
  name: string;
  /** Mutating phase: runs before the object is validated. */
  mutate?(attrs: AdmissionAttributes): Promise<void> | void;
  /** Validating phase: runs on the validated object; may only refuse. */
  validate?(attrs: AdmissionAttributes): Promise<void> | void;
}
