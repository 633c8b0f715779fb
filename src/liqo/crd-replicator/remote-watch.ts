// One watch of a replicated resource on a remote cluster, in our tenant namespace there, on the
// replicas this cluster made (label selector on the replicated/origin labels): it brings a
// replica's status back as soon as the remote side writes it, and tells the reflection when a
// replica changes or disappears. The remote may refuse us until it binds our permissions (403),
// or be unreachable: the first list is retried with back-off (1 s doubling to 10 s), saying so
// once, and once listed the informer resumes and relists by itself.
import type { KubeObject } from '../../api/types.js';
import type { Client } from '../../client/rest-client.js';
import type { ResourceRef } from '../../client/resource.js';
import { errorText, type Logger } from '../../runtime/controller.js';
import { Informer, type InformerHandlers } from '../../runtime/informer.js';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 10_000;

export interface RemoteWatchOptions {
  client: Client;
  ref: ResourceRef;
  namespace: string;
  labelSelector: string;
  handlers: InformerHandlers<KubeObject>;
  /** Called once the first list is in the cache. */
  onSynced(): void;
  /** What is watched, for the log: `resourcerequests of cluster naples`. */
  what: string;
  log: Logger;
}

export class RemoteWatch {
  private informer: Informer<KubeObject> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly opts: RemoteWatchOptions) {}

  start(): void {
    void this.attempt(0, '');
  }

  synced(): boolean {
    return this.informer !== undefined;
  }

  get(name: string): KubeObject | undefined {
    return this.informer?.get(`${this.opts.namespace}/${name}`);
  }

  list(): KubeObject[] {
    return this.informer?.list() ?? [];
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.informer?.stop();
    this.informer = undefined;
  }

  private async attempt(failures: number, lastError: string): Promise<void> {
    if (this.stopped) return;
    const { client, ref, namespace, labelSelector, handlers, what, log } = this.opts;
    const informer = new Informer<KubeObject>(client, ref, { namespace, labelSelector }, handlers);
    try {
      await informer.start();
    } catch (err) {
      informer.stop();
      const message = errorText(err);
      if (message !== lastError) log(`cannot watch ${what} (namespace ${namespace}): ${message}; retrying with back-off`);
      const delay = Math.min(FIRST_RETRY_MS * 2 ** failures, MAX_RETRY_MS);
      this.timer = setTimeout(() => void this.attempt(failures + 1, message), delay);
      return;
    }
    if (this.stopped) {
      informer.stop();
      return;
    }
    this.informer = informer;
    if (failures > 0) log(`watching ${what} (namespace ${namespace})`);
    this.opts.onSynced();
  }
}
