// Records core/v1 Events about objects, as client-go's EventRecorder and EventCorrelator do: the
// first occurrence creates `<name>.<hex>` in the object's namespace (default for cluster-scoped
// objects); a repeat of the same source, object, type, reason and message bumps `count` and
// `lastTimestamp` on that Event instead of creating another. Recording never throws: an event that
// cannot be written is logged and dropped, as in kube.
import type { CoreEvent, ObjectReference } from '../api/core-v1.js';
import type { KubeObject } from '../api/types.js';
import type { Client } from '../client/rest-client.js';
import { CORE } from '../client/resource.js';
import { isStatusError } from '../machinery/errors.js';
import type { Logger } from './controller.js';

export interface EventSource { component: string; host?: string }

/** Where controllers send events: a recorder, usually behind the spam filter. */
export interface EventSink {
  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** Repeats beyond this many distinct keys drop the oldest from the correlation cache. */
const CACHE_SIZE = 4096;

export function toObjectReference(obj: KubeObject): ObjectReference {
  return {
    apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name,
    uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion,
  };
}

export function forgeEvent(ref: ObjectReference, source: EventSource, type: 'Normal' | 'Warning', reason: string, message: string, now: Date): CoreEvent {
  const ts = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${ref.name ?? ''}.${(BigInt(now.getTime()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1e6))).toString(16)}`, namespace: ref.namespace || 'default' },
    involvedObject: ref, reason, message, type, source: { ...source },
    count: 1, firstTimestamp: ts, lastTimestamp: ts, reportingComponent: source.component, reportingInstance: source.host ?? '',
  };
}

export class EventRecorder implements EventSink {
  private readonly seen = new Map<string, { namespace: string; name: string; count: number }>();

  constructor(private readonly client: Client, private readonly source: EventSource, private readonly log: Logger, private readonly now = () => new Date()) {}

  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    void this.record(toObjectReference(obj), type, reason, message);
  }

  private async record(ref: ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    const key = [ref.uid ?? `${ref.kind}/${ref.namespace}/${ref.name}`, type, reason, message].join('\u0000');
    const prior = this.seen.get(key);
    try {
      if (prior) {
        prior.count++;
        const ts = this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
        await this.client.patch(CORE.events, prior.namespace, prior.name, { count: prior.count, lastTimestamp: ts });
        return;
      }
      const ev = forgeEvent(ref, this.source, type, reason, message, this.now());
      this.remember(key, { namespace: ev.metadata.namespace!, name: ev.metadata.name!, count: 1 });
      await this.client.create(CORE.events, ev);
    } catch (err) {
      if (prior && isStatusError(err) && err.code === 404) {
        this.seen.delete(key);
        return this.record(ref, type, reason, message);
      }
      this.log(`event ${reason} on ${ref.kind ?? ''} ${ref.namespace ?? ''}/${ref.name ?? ''} dropped: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private remember(key: string, v: { namespace: string; name: string; count: number }): void {
    if (this.seen.size >= CACHE_SIZE) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(key, v);
  }
}
