// What the gateway writes in a TunnelEndpoint's status.connection (reference §3.5): the state with
// Liqo's messages, and the latency as Go prints a time.Duration ("1.234567ms", "812.5µs"), the way
// Liqo's gateway fills it. Pure.
import type { Connection, ConnectionStatus } from '../apis/net.js';

export const CONNECTION_MESSAGES: Record<ConnectionStatus, string> = {
  Connected: 'VPN connection established',
  Connecting: 'Waiting VPN connection to be established',
  Error: 'No network connectivity towards remote cluster',
};

/** A latency stays fresh this long: a newer measurement is written only after it. */
export const LATENCY_REFRESH_MS = 10_000;

function trimFraction(whole: number, fraction: number, digits: number): string {
  const f = fraction.toString().padStart(digits, '0').replace(/0+$/, '');
  return f ? `${whole}.${f}` : String(whole);
}

/** Go's time.Duration.String() of a duration in milliseconds (nanosecond precision). */
export function formatDuration(ms: number): string {
  const ns = Math.max(0, Math.round(ms * 1e6));
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trimFraction(Math.floor(ns / 1e3), ns % 1e3, 3)}µs`;
  if (ns < 1e9) return `${trimFraction(Math.floor(ns / 1e6), ns % 1e6, 6)}ms`;
  const totalSeconds = Math.floor(ns / 1e9);
  const seconds = trimFraction(totalSeconds % 60, ns % 1e9, 9);
  const minutes = Math.floor(totalSeconds / 60) % 60;
  const hours = Math.floor(totalSeconds / 3600);
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

export interface PeerState {
  status: ConnectionStatus;
  /** The last measured round trip, while connected. */
  latencyMs?: number;
}

/**
 * The status patch to write, or undefined when `current` already says it: the state changed, or
 * a latency was measured and the written one is missing or older than LATENCY_REFRESH_MS.
 */
export function connectionUpdate(current: Connection | undefined, state: PeerState, now: Date): Connection | undefined {
  const message = CONNECTION_MESSAGES[state.status];
  const changed = current?.status !== state.status || current.statusMessage !== message;
  const writtenAt = current?.latency?.timestamp ? Date.parse(current.latency.timestamp) : NaN;
  const latencyDue = state.latencyMs !== undefined && (!(writtenAt <= now.getTime()) || now.getTime() - writtenAt >= LATENCY_REFRESH_MS);
  if (!changed && !latencyDue) return undefined;
  const next: Connection = { status: state.status, statusMessage: message };
  if (state.latencyMs !== undefined) {
    next.latency = { value: formatDuration(state.latencyMs), timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }
  return next;
}
