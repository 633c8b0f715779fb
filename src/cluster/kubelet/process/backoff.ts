// The kubelet's crash-loop back-off (client-go's flowcontrol.Backoff as kuberuntime's doBackOff
// uses it): a container that exits for the first time is restarted at once and its back-off set to
// the initial step; each later exit waits the current step from when it finished, the step
// doubling up to the maximum; an entry untouched for twice the maximum starts over. Pure: the
// caller passes the times.

export interface BackoffOptions { initialMs: number; maxMs: number }

interface Entry { backoffMs: number; lastUpdate: number }

export class CrashLoopBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly opts: BackoffOptions) {}

  private expired(entry: Entry, at: number): boolean {
    return at - entry.lastUpdate > 2 * this.opts.maxMs;
  }

  /**
   * How long a container that finished at `finishedAt` must still wait at `now` before its
   * restart (0: restart now, which also advances the back-off as kube's Next does).
   */
  restartDelay(key: string, finishedAt: number, now: number): number {
    const entry = this.entries.get(key);
    if (entry && !this.expired(entry, now) && now - finishedAt < entry.backoffMs) return finishedAt + entry.backoffMs - now;
    this.next(key, now);
    return 0;
  }

  /** The step a container waiting now would be told ("back-off 20s restarting failed container"). */
  current(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  private next(key: string, at: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry, at)) this.entries.set(key, { backoffMs: this.opts.initialMs, lastUpdate: at });
    else this.entries.set(key, { backoffMs: Math.min(entry.backoffMs * 2, this.opts.maxMs), lastUpdate: at });
  }

  forget(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}

/** kube's duration formatting of a back-off step: 10s, 1m20s, 5m0s. */
export function formatBackoff(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${s % 60}s`;
}
