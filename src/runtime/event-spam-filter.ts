// client-go's EventSourceObjectSpamFilter in front of an EventRecorder: events about one object
// from one source share a token bucket of 25 that refills one token every 5 minutes, so a
// ReplicaSet creating 10,000 pods records its first 25 events, as kube-controller-manager's does,
// instead of writing 10,000 Events while the API server is busiest.
// The manager puts it in front of every component's recorder, as client-go's broadcaster does.
//
// It deliberately does not do the correlator's other half (EventAggregator's "(combined from
// similar events)" after 10 similar messages).
import type { KubeObject } from '../api/types.js';
import type { EventSink } from './events.js';

const BURST = 25;
const REFILL_PER_MS = 1 / 300_000;
const CACHE_SIZE = 4096;

export class SpamFilteredEvents implements EventSink {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly recorder: EventSink, private readonly now: () => number = Date.now) {}

  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (this.allow(obj)) this.recorder.event(obj, type, reason, message);
  }

  private allow(obj: KubeObject): boolean {
    const { namespace = '', name = '', uid = '' } = obj.metadata;
    const key = [obj.apiVersion ?? '', obj.kind ?? '', namespace, name, uid].join('\u0000');
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: BURST, at: t };
    b.tokens = Math.min(BURST, b.tokens + (t - b.at) * REFILL_PER_MS);
    b.at = t;
    this.buckets.delete(key);
    if (this.buckets.size >= CACHE_SIZE) this.buckets.delete(this.buckets.keys().next().value!);
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
