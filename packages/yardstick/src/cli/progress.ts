// Progress of a long command on stderr: a redrawn bar on a terminal; otherwise (CI logs, nohup, a pipe) one
// plain line every 30 s, so that a log never stays silent for an hour. The plain line is written from a timer
// (work that awaits) and from update() (work that runs synchronously and never lets a timer fire).
import cliProgress from 'cli-progress';
import { formatDuration } from '../common/duration.js';

export const PLAIN_INTERVAL_MS = 30_000;

export interface Progress {
  /** The current status, shown on the bar or in the next plain line. */
  update(status: string): void;
  /** One more of `total` units done. */
  increment(): void;
  /** A result line: above the bar on a terminal, on stdout otherwise. */
  log(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Names the command in plain lines, e.g. "dasha". */
  label: string;
  /** Units of work (runs), when countable: shown as done/total. */
  total?: number;
  /** Default: whether stderr is a terminal. */
  tty?: boolean;
  intervalMs?: number;
  stream?: NodeJS.WritableStream;
  now?: () => number;
}

export function createProgress(o: ProgressOptions): Progress {
  const stream = o.stream ?? process.stderr;
  const tty = o.tty ?? process.stderr.isTTY === true;
  return tty ? barProgress(o, stream) : plainProgress(o, stream);
}

function barProgress(o: ProgressOptions, stream: NodeJS.WritableStream): Progress {
  const counted = o.total !== undefined;
  const bars = new cliProgress.MultiBar(
    {
      format: `${o.label} ${counted ? '[{bar}] {value}/{total} | ' : ''}{status}`,
      hideCursor: true,
      stream: stream as NodeJS.WriteStream,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(o.total ?? 1, 0, { status: 'starting' });
  return {
    update: (status) => bar.update({ status }),
    increment: () => bar.increment(),
    log: (line) => bars.log(`${line}\n`),
    stop: () => bars.stop(),
  };
}

function plainProgress(o: ProgressOptions, stream: NodeJS.WritableStream): Progress {
  const now = o.now ?? Date.now;
  const interval = o.intervalMs ?? PLAIN_INTERVAL_MS;
  const started = now();
  let last = started;
  let status = 'starting';
  let done = 0;
  const line = (): void => {
    last = now();
    const count = o.total === undefined ? '' : ` ${done}/${o.total}`;
    stream.write(`${o.label} ${formatDuration((last - started) / 1000)}${count}: ${status}\n`);
  };
  const due = (): void => {
    if (now() - last >= interval) line();
  };
  const timer = setInterval(due, Math.min(interval, 1000));
  timer.unref();
  return {
    update(s) {
      status = s;
      due();
    },
    increment() {
      done++;
      due();
    },
    log: (l) => console.log(l),
    stop: () => clearInterval(timer),
  };
}
