// What lkind prints, in kind's manner: progress and messages go to stderr (stdout carries only
// program output such as cluster names or a kubeconfig), steps show as ` • step  ...` then
// ` ✓ step` (` ✗ step` on failure), on a terminal the pending line is rewritten in place with a
// green/red mark, and -q silences stderr. Errors end up as `ERROR: <message>` and exit code 1.

export interface Writable {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** An error to report to the user, optionally followed by more output (kind's "Command Output"). */
export class CommandError extends Error {
  constructor(message: string, readonly details?: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** Prefixes an error's message (kind's errors.Wrap), keeping its details. */
export function wrapError(err: unknown, prefix: string): CommandError {
  const message = err instanceof Error ? err.message : String(err);
  return new CommandError(`${prefix}: ${message}`, err instanceof CommandError ? err.details : undefined);
}

export class Ui {
  private pending: string | undefined;

  constructor(
    private readonly err: Writable,
    readonly out: Writable,
    private readonly quiet = false,
    private readonly color = Boolean(err.isTTY) && !process.env.NO_COLOR,
  ) {}

  /** A line of information on stderr. */
  info(line: string): void {
    if (!this.quiet) this.err.write(`${line}\n`);
  }

  /** Program output on stdout. */
  print(text: string): void {
    this.out.write(text);
  }

  /** Begins a step, ending the previous one as successful. */
  start(step: string): void {
    this.end(true);
    this.pending = step;
    if (this.quiet) return;
    this.err.write(this.err.isTTY ? ` • ${step}  ...` : ` • ${step}  ...\n`);
  }

  /** Ends the current step, if any, as a success or a failure. */
  end(success: boolean): void {
    const step = this.pending;
    if (step === undefined) return;
    this.pending = undefined;
    if (this.quiet) return;
    if (this.err.isTTY) this.err.write('\r\x1b[2K');
    const mark = success ? (this.color ? '\x1b[32m✓\x1b[0m' : '✓') : (this.color ? '\x1b[31m✗\x1b[0m' : '✗');
    this.err.write(` ${mark} ${step}\n`);
  }

  /** Reports a failed command like kind's logError; shown even with -q, where kind would be silent. */
  error(err: unknown): void {
    this.end(false);
    const message = err instanceof Error ? err.message : String(err);
    const label = this.color ? '\x1b[31mERROR\x1b[0m' : 'ERROR';
    this.err.write(`${label}: ${message}\n`);
    if (err instanceof CommandError && err.details) this.err.write(`\n${err.details.trimEnd()}\n`);
  }
}
