/**
 * A terminal progress bar without dependencies. On a TTY it redraws one line in place (at most ten
 * times a second, so a fast loop is not slowed by drawing); elsewhere, such as CI logs, it prints a
 * line at every tenth of the way instead of flooding the log.
 *
 *   导入 [##########----------] 10000/20000  50%  4321 行/秒  剩余 0:02
 */
export interface ProgressBar {
  update(done: number): void;
  /** Draws the final state and ends the line; call once, when the work is over. */
  finish(): void;
}

export interface ProgressBarOptions {
  stream?: NodeJS.WriteStream;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
}

const BAR_WIDTH = 20;
const REDRAW_INTERVAL_MS = 100;

export function createProgressBar(total: number, label: string, options: ProgressBarOptions = {}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const interactive = stream.isTTY === true;
  let done = 0;
  // The rate counts from the first update: what is already done then (say, rows rejected before any
  // writing) took no measurable time and would make the rate and ETA absurd.
  let baseline: { done: number; at: number } | undefined;
  let lastDrawAt = -Infinity;
  let lastTenth = 0;

  const line = () => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * BAR_WIDTH);
    const seconds = baseline ? (now() - baseline.at) / 1000 : 0;
    const rate = baseline && seconds > 0 ? (done - baseline.done) / seconds : 0;
    const eta = rate > 0 ? formatDuration((total - done) / rate) : '--:--';
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total}  ${Math.floor(fraction * 100)}%  ${Math.round(rate)} 行/秒  剩余 ${eta}`;
  };
  // \r returns to the line start; ESC[K clears what a longer previous line left behind.
  const redraw = () => stream.write(`\r${line()}\x1b[K`);

  return {
    update(next) {
      done = next;
      baseline ??= { done, at: now() };
      if (interactive) {
        if (now() - lastDrawAt < REDRAW_INTERVAL_MS) return;
        lastDrawAt = now();
        redraw();
        return;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${line()}\n`);
      }
    },
    finish() {
      if (interactive) {
        redraw();
        stream.write('\n');
      } else if (lastTenth < 10) {
        stream.write(`${line()}\n`);
      }
    },
  };
}

function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
