// liqoctl's output, shaped like pterm's: prefixed lines (` INFO `, ` WARN `, ` ERRO `), spinners
// that resolve into one of them, and titled boxes. Colours and spinners only on a terminal; in a
// pipe or a file every step is one plain line, so logs and tests read the same text.

export interface Stream { write(s: string): unknown; isTTY?: boolean }

const STYLE = {
  success: ['\x1b[30;42m', ' INFO '], info: ['\x1b[30;47m', ' INFO '], warn: ['\x1b[30;43m', ' WARN '], error: ['\x1b[30;41m', ' ERRO '],
} as const;
type Level = keyof typeof STYLE;

const FRAMES = ['▀ ', ' ▀', ' ▄', '▄ '];

export class Printer {
  private spinning: { text: string; timer: NodeJS.Timeout; frame: number } | undefined;

  constructor(private readonly out: Stream = process.stdout, private readonly verbose = false) {}

  get tty(): boolean {
    return Boolean(this.out.isTTY) && !process.env.NO_COLOR;
  }

  line(level: Level, msg: string): void {
    this.clearSpinner();
    const [color, prefix] = STYLE[level];
    const head = this.tty ? `${color}${prefix}\x1b[0m` : prefix;
    const [first, ...rest] = msg.split('\n');
    this.out.write(`${head} ${first}\n${rest.map((l) => `       ${l}\n`).join('')}`);
  }

  success(msg: string): void { this.line('success', msg); }
  info(msg: string): void { this.line('info', msg); }
  warn(msg: string): void { this.line('warn', msg); }
  error(msg: string): void { this.line('error', msg); }
  /** Only with --verbose. */
  debug(msg: string): void { if (this.verbose) this.line('info', msg); }

  /** Starts a spinner (a terminal only); `update` changes its text, e.g. progress. */
  spin(text: string): void {
    this.clearSpinner();
    if (!this.tty) return;
    const s = { text, frame: 0, timer: setInterval(() => this.drawSpinner(), 100) };
    s.timer.unref();
    this.spinning = s;
    this.drawSpinner();
  }

  update(text: string): void {
    if (this.spinning) this.spinning.text = text;
  }

  private drawSpinner(): void {
    const s = this.spinning;
    if (!s) return;
    this.out.write(`\r\x1b[2K${FRAMES[s.frame++ % FRAMES.length]} ${s.text}`);
  }

  private clearSpinner(): void {
    if (!this.spinning) return;
    clearInterval(this.spinning.timer);
    this.spinning = undefined;
    this.out.write('\r\x1b[2K');
  }

  /** Runs a step under a spinner; success ends it with `done`, failure rethrows after ERRO. */
  async step<T>(text: string, done: string | ((v: T) => string), fn: () => Promise<T>): Promise<T> {
    this.spin(text);
    try {
      const v = await fn();
      this.success(typeof done === 'function' ? done(v) : done);
      return v;
    } catch (err) {
      this.clearSpinner();
      throw err;
    }
  }

  /** A titled box, 80 columns wide like liqoctl's. */
  box(title: string, lines: string[]): void {
    this.clearSpinner();
    const width = 80;
    const bold = (s: string) => (this.tty ? `\x1b[1;35m${s}\x1b[0m` : s);
    const top = `┌─ ${bold(title)} ${'─'.repeat(Math.max(0, width - 5 - title.length))}┐`;
    const body = lines.map((l) => `|  ${l}${' '.repeat(Math.max(0, width - 4 - [...l].length))}|`);
    this.out.write([top, ...body, `└${'─'.repeat(width - 2)}┘`, ''].join('\n'));
  }
}

/** The message of a failure, as liqoctl prints it: API errors by their message, deadlines as kube does. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timed out waiting for the condition';
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT') {
      return `the cluster is unreachable (${err.message}): check the kubeconfig and that the cluster is running`;
    }
    return err.message;
  }
  return String(err);
}
