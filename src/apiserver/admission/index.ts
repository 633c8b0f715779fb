// The admission chain, in kube-apiserver's order: the mutating phase (built-in plugins, then
// mutating webhooks) before the object is validated, the validating phase (built-in plugins, then
// validating webhooks) after. Plugins refuse a request by throwing a StatusError.
import type { MVCCStore } from '../../storage/mvcc.js';
import { defaultTolerationSeconds } from './default-toleration-seconds.js';
import { namespaceLifecycle } from './namespace-lifecycle.js';
import { serviceAccount } from './service-account.js';
import { mutatingWebhooks, validatingWebhooks, type PodAddressLookup } from './webhooks/dispatcher.js';
import type { AdmissionAttributes, AdmissionPlugin } from './types.js';

export type { AdmissionAttributes, AdmissionPlugin, Operation } from './types.js';

export class Admission {
  private readonly plugins: AdmissionPlugin[];

  // Built-in plugins first, webhook dispatchers last, as kube-apiserver orders them.
  constructor(store: MVCCStore, podAddress?: PodAddressLookup) {
    this.plugins = [
      namespaceLifecycle(store), serviceAccount(store), defaultTolerationSeconds(),
      mutatingWebhooks(store, podAddress), validatingWebhooks(store, podAddress),
    ];
  }

  async mutate(attrs: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) await p.mutate?.(attrs);
  }

  async validate(attrs: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) await p.validate?.(attrs);
  }
}
