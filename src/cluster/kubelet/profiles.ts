// Profiles of the simulated kubelet, as kwok ships stage profiles: how long each stage of a pod's
// life takes. `instant` (tests) runs a bound pod straight to Running and a deleted one straight
// away; `realistic` (demos) shows ContainerCreating for about a second and stops containers in
// under a second; `chaos` is realistic plus containers that crash and restart now and then.

export interface KubeletProfile {
  name: string;
  /** Whether pods pass through ContainerCreating (Pending with a waiting container). */
  showContainerCreating: boolean;
  /** Range of the delay from ContainerCreating to Running. */
  startMs: [number, number];
  /** Range of the delay from the start of a Job's container to its completion. */
  completeMs: [number, number];
  /** Range of the delay from a deletion request to the final delete (capped by the grace period). */
  stopMs: [number, number];
  /** Range of the time a container runs before it crashes and restarts; undefined: never. */
  crashAfterMs?: [number, number];
  /** Whether the kubelet records Pulled/Created/Started events. */
  events: boolean;
}

export const PROFILES: Record<string, KubeletProfile> = {
  instant: { name: 'instant', showContainerCreating: false, startMs: [0, 0], completeMs: [0, 0], stopMs: [0, 0], events: false },
  realistic: { name: 'realistic', showContainerCreating: true, startMs: [500, 1500], completeMs: [1000, 3000], stopMs: [200, 800], events: true },
  chaos: {
    name: 'chaos', showContainerCreating: true, startMs: [500, 3000], completeMs: [1000, 5000], stopMs: [200, 2000],
    crashAfterMs: [10_000, 60_000], events: true,
  },
};

export function profileNamed(name: string): KubeletProfile {
  const p = PROFILES[name];
  if (!p) throw new Error(`unknown kubelet profile "${name}": use one of ${Object.keys(PROFILES).join(', ')}`);
  return p;
}

/**
 * A delay in [lo, hi] that is the same for the same seed (a pod's uid and stage), so a restarted
 * kubelet resumes a stage where it was instead of drawing a new delay.
 */
export function stableDelay([lo, hi]: [number, number], seed: string): number {
  if (hi <= lo) return lo;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return lo + (h % (hi - lo + 1));
}
