// Human-readable elapsed times for table cells (AGE, LAST SEEN, "N (5m ago)" restarts), with the
// precision rules of k8s.io/apimachinery/pkg/util/duration.HumanDuration: about two significant
// units, more detail while the duration is short. It does not localise or round: Go truncates
// every unit, and so do we, so that a cell reads the same as on kube-apiserver.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Formats a duration given in milliseconds, e.g. 150_000 → "2m30s", 3 days → "3d". */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  // Clock skew of up to two seconds between writer and reader reads as "just now".
  if (seconds < -1) return '<invalid>';
  if (seconds <= 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) return withRemainder(minutes, 'm', seconds % 60, 's');
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) return withRemainder(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) return withRemainder(days, 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return withRemainder(years, 'y', days % 365, 'd');
  return `${years}y`;
}

function withRemainder(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit}${minor}${minorUnit}`;
}

/** Parses an RFC 3339 timestamp as stored in objects; undefined when absent, empty or malformed. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (!RFC3339.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Elapsed time since a stored timestamp, as the printers' translateTimestampSince renders it:
 * "<unknown>" when the object carries no time (Go's zero time).
 */
export function since(timestamp: unknown, now: Date): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return '<unknown>';
  return humanDuration(now.getTime() - ms);
}
