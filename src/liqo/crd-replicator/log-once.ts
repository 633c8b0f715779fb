// A log that says a repeated message once: a remote cluster that refuses us (403 until its
// permissions are bound) is retried with back-off for as long as it takes, and its answer is the
// same each time. A message is said again once `quietMs` passed since it was last said.

export function logOnce(log: (msg: string) => void, quietMs = 10 * 60_000, now = () => Date.now()): (msg: string) => void {
  const said = new Map<string, number>();
  return (msg) => {
    const t = now();
    const last = said.get(msg);
    if (last !== undefined && t - last < quietMs) return;
    if (said.size > 1000) said.clear();
    said.set(msg, t);
    log(msg);
  };
}
