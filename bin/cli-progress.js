// What a long report is doing, for a person watching the terminal: one line
// on stderr rewritten in place ("cosine-heatmap: statistics 37% · 34 s"),
// erased when the report is done so only the summary stays. Nothing at all
// when stderr is not a terminal (a log, CI, a pipe) or with --quiet: there a
// stream of carriage returns is noise.

// What each phase of createReport() is called on the line.
const WORDS = {
  read: 'reading the embeddings',
  parse: 'parsing',
  labels: 'reading the labels',
  engine: 'loading the engine',
  order: 'ordering',
  overview: 'computing the overview',
  statistics: 'computing the statistics',
  html: 'building the report',
  write: 'writing',
};

// A terminal redraws happily at 10 lines a second; faster is flicker.
const REDRAW_MS = 100;

/**
 * @param {{isTTY?: boolean, columns?: number, write: (text: string) => unknown}} stream  usually process.stderr
 * @param {{quiet?: boolean, now?: () => number, tick?: number}} [options]
 *   now: the clock (tests pass their own); tick: ms between redraws of the
 *   elapsed time while a phase counts nothing (0: none)
 * @returns {{update: (p: {phase: string, done?: number, total?: number, detail?: string}) => void, finish: () => void, shown: boolean}}
 *   update() from createReport's onProgress; finish() before the summary line
 */
export function progressLine(stream, { quiet = false, now = () => performance.now(), tick = 1000 } = {}) {
  const shown = !quiet && stream.isTTY === true;
  if (!shown) return { update() {}, finish() {}, shown };

  const started = now();
  let current = null;
  let lastDraw = -Infinity;
  let width = 0;
  const timer = tick > 0 ? setInterval(() => draw(true), tick) : null;
  timer?.unref?.();

  function draw(force) {
    if (!current) return;
    const time = now();
    if (!force && time - lastDraw < REDRAW_MS) return;
    lastDraw = time;
    const text = fit(`cosine-heatmap: ${describe(current)} · ${seconds(time - started)}`, stream.columns);
    // Spaces over what a longer line left, then back to the start.
    stream.write(`\r${text}${' '.repeat(Math.max(0, width - text.length))}\r`);
    width = text.length;
  }

  return {
    shown,
    update(progress) {
      const changed = progress.phase !== current?.phase;
      current = progress;
      draw(changed || progress.done === progress.total);
    },
    finish() {
      if (timer) clearInterval(timer);
      if (width > 0) stream.write(`\r${' '.repeat(width)}\r`);
      current = null;
      width = 0;
    },
  };
}

/** "computing the statistics 37%", "ordering (spectral bisection)…". */
export function describe({ phase, done, total, detail }) {
  const words = `${WORDS[phase] ?? phase}${detail ? ` ${detail}` : ''}`;
  if (Number.isFinite(total) && total > 0 && Number.isFinite(done)) {
    return `${words} ${Math.min(100, Math.floor((100 * done) / total))}%`;
  }
  return `${words}…`;
}

function seconds(ms) {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

// A line longer than the terminal wraps, and \r then redraws only its last
// part: cut it to the width instead.
function fit(text, columns) {
  return Number.isInteger(columns) && columns > 1 && text.length >= columns ? `${text.slice(0, columns - 2)}…` : text;
}
