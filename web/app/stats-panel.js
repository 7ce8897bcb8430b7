import { definition, formatCount, formatNumber, fractionDone, plotText } from './plot-text.js';
import { followWidth } from './follow-width.js';

// An estimate first only when it comes well before the exact pass. A sample
// of 10⁷ pairs (with the closed forms) takes 1–3 s whatever n; the exact
// pass grows with the pairs (measured in Node, 2 workers, busy machine:
// 5,000 × 64 sample 1.1 s, exact 0.5 s; 10,000 × 384 2.2–3.0 s vs 5.4 s;
// 20,000 × 384 1.8–2.5 s vs 14–23 s). Below ESTIMATE_ABOVE_PAIRS (about
// 10,000 items) the panel waits for the exact statistics; above, it shows
// the estimate at once and replaces it with the exact result.
export const SAMPLE_PAIRS = 10_000_000;
export const ESTIMATE_ABOVE_PAIRS = 5 * SAMPLE_PAIRS;
const LISTED = 5; // near-duplicate pairs and outliers named in the panel
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
const now = () => performance.now();
const PENDING = '…computing';
const CANCELLED = 'exact pass cancelled';
const FAILED = 'exact pass failed';

/**
 * The statistics beside the heatmap: a histogram of the pair similarities
 * (the mean marked), the key numbers and the flags in words. Everything
 * shown as text is DOM text set with textContent, so labels stay inert and
 * screen readers read it; the numbers come from set.analyze(), computed in
 * the engine's workers.
 *
 * For a large set the panel shows an estimate first (analyze({estimate:
 * true}): a random sample of pairs, with standard errors), labelled as one,
 * with the exact pass's progress and a button to cancel it; the exact
 * statistics replace the estimate when they arrive. A cancelled exact pass
 * leaves the estimate shown, and the button runs it again.
 */
export class StatsPanel {
  #status;
  #progress;
  #exactButton;
  #histogram;
  #numbers;
  #flags;
  #lists;
  #run = null; // the analysis shown or being computed (see analyze())
  #stats = null;
  #labels = null;
  #exactKnown = new WeakSet(); // sets whose exact pass this panel has had: the engine keeps it

  /**
   * @param {HTMLElement} section  holds #stats-status, #stats-progress, #stats-exact, #stats-histogram,
   *   #stats-numbers, #stats-flags, #stats-lists
   */
  constructor(section) {
    const part = (id) => section.querySelector(`#${id}`);
    this.#status = part('stats-status');
    this.#progress = part('stats-progress');
    this.#exactButton = part('stats-exact');
    this.#histogram = part('stats-histogram');
    followWidth(this.#histogram);
    this.#numbers = part('stats-numbers');
    this.#flags = part('stats-flags');
    this.#lists = part('stats-lists');
    this.#exactButton.addEventListener('click', () => this.#toggleExact());
  }

  /** The last statistics shown (an estimate until the exact ones arrive), or null. */
  get stats() {
    return this.#stats;
  }

  /**
   * Analyzes `set` and shows the result: for a large set an estimate first,
   * then the exact statistics. An analysis still running is superseded; the
   * calls for this one start first, so a pass both need (the same set with
   * other groups) goes on instead of starting again.
   * @returns {Promise<object|null>}  the exact statistics, or null if superseded, cancelled or failed
   */
  async analyze(set, { groups, labels } = {}) {
    const previous = this.#run;
    const n = set.size;
    const pairs = (n * (n - 1)) / 2;
    const run = {
      set,
      groups: groups ?? undefined,
      pairs,
      controller: new AbortController(), // the whole analysis
      exact: null, // {controller, started, fraction, cancelled, error} of the exact pass
      started: now(),
      estimate: null, // the estimate shown, and estimateMs its time
      estimateMs: null,
      wantsEstimate: pairs >= ESTIMATE_ABOVE_PAIRS && !this.#exactKnown.has(set),
      shownPercent: null,
    };
    // A group change while the same set's exact pass runs joins that pass:
    // the estimate stays shown until the one with the new groups comes (at
    // once: the sample is kept), and the times shown count as before.
    const joins = previous?.set === set && previous.exact !== null && !previous.exact.done;
    const keepShown = joins && previous.estimate !== null;
    // A group change after the user cancelled the set's exact pass does not start it again.
    const stayCancelled = previous?.set === set && previous.exact?.done === true && previous.exact.cancelled;
    if (joins) run.started = previous.exact.started;
    if (keepShown || stayCancelled) {
      run.estimate = previous.estimate;
      run.estimateMs = previous.estimateMs;
    }
    this.#run = run;
    this.#labels = labels;
    const intro = run.wantsEstimate
      ? `Estimating the statistics from ${formatCount(SAMPLE_PAIRS)} random pairs of ${formatCount(pairs)} (${formatCount(n)} items); the exact pass follows…`
      : `Analysing ${formatCount(pairs)} pairs of ${formatCount(n)} items…`;
    if (!keepShown && !stayCancelled) {
      this.#progress.value = 0;
      this.#progress.hidden = false;
      this.#progress.setAttribute('aria-label', run.wantsEstimate ? 'Estimate computed' : 'Statistics computed');
      this.#exactButton.hidden = true;
      this.#setStatus(intro, 'busy');
    }
    const called = now();
    // The new calls start before the previous analysis is cancelled, so a
    // pass both need (the same set, other groups) goes on for this one.
    const estimate = run.wantsEstimate
      ? set.analyze({
        groups: run.groups,
        estimate: true,
        samplePairs: SAMPLE_PAIRS,
        signal: run.controller.signal,
        onProgress: (progress) => {
          if (this.#run === run && !run.estimate) this.#showProgress(progress, intro);
        },
      })
      : null;
    // The exact pass: joined at once when it runs already; otherwise started
    // once the estimate is in. The pool runs background jobs in the order
    // they come, so a pass queued first would hold the estimate's last job
    // (merging the closed forms) until the whole pass was done.
    const exactNow = !estimate || (joins && !stayCancelled) ? this.#startExact(run) : null;
    previous?.controller.abort(); // its calls only: a pass the new ones share goes on
    if (!estimate) return exactNow;
    let estimated = null;
    try {
      estimated = await estimate;
    } catch {
      // The exact pass says what went wrong (or succeeds); the bar follows it.
      run.wantsEstimate = false;
    }
    if (this.#run !== run) return null;
    // An estimate asked for once the exact pass is known is the exact result: the exact call shows it.
    if (estimated && !estimated.exact && !run.exact?.done) {
      run.estimate = estimated;
      if (!keepShown && !stayCancelled) run.estimateMs = now() - called;
      if (stayCancelled) run.exact = { ...previous.exact };
      this.#stats = estimated;
      this.render(this.#labels);
      this.#progress.setAttribute('aria-label', 'Exact statistics computed');
    }
    if (run.exact?.cancelled) {
      this.#showEstimateStatus(run);
      this.#progress.hidden = true;
      this.#offerExact();
      return null;
    }
    const exact = exactNow ?? this.#startExact(run);
    if (run.estimate && !run.exact.done) this.#showEstimateStatus(run);
    return exact;
  }

  /** Shows the statistics again with other labels (no recompute). */
  relabel(labels) {
    this.#labels = labels;
    if (this.#stats) this.render(labels);
  }

  /** Stops an analysis in progress and empties the panel. */
  clear(text = '') {
    this.#run?.controller.abort();
    this.#run = null;
    this.#stats = null;
    this.#progress.hidden = true;
    this.#exactButton.hidden = true;
    this.#numbers.replaceChildren();
    this.#flags.replaceChildren();
    this.#lists.replaceChildren();
    globalThis.Plotly?.purge(this.#histogram);
    this.#setStatus(text, 'done');
  }

  // The exact analysis of run.set (joining a pass that is running or kept).
  async #startExact(run) {
    const exact = { controller: new AbortController(), started: run.exact?.started ?? run.started, fraction: 0, cancelled: false, done: false };
    run.exact = exact;
    const stop = () => exact.controller.abort();
    run.controller.signal.addEventListener('abort', stop, { once: true });
    const current = () => this.#run === run && run.exact === exact;
    try {
      const stats = await run.set.analyze({
        groups: run.groups,
        signal: exact.controller.signal,
        onProgress: (progress) => {
          exact.fraction = fractionDone(progress);
          if (!current()) return;
          if (run.estimate) this.#showEstimateStatus(run);
          else if (!run.wantsEstimate) this.#showProgress(progress, `Analysing ${formatCount(run.pairs)} pairs of ${formatCount(run.set.size)} items…`);
        },
      });
      exact.done = true;
      this.#exactKnown.add(run.set);
      if (!current()) return null;
      this.#stats = stats;
      this.render(this.#labels);
      const took = formatDuration(now() - exact.started);
      const after = run.estimate ? `; the estimate from ${formatCount(run.estimate.sampledPairs)} random pairs came after ${formatDuration(run.estimateMs)}` : '';
      this.#setStatus(`Exact statistics of ${formatCount(stats.pairCount)} pairs (i < j, each once) in ${took}${after}.`, 'done');
      return stats;
    } catch (error) {
      exact.done = true;
      if (!current()) return null;
      if (exact.cancelled) {
        this.#showEstimateStatus(run);
      } else if (run.estimate) {
        exact.error = error?.message ?? String(error);
        this.#showEstimateStatus(run);
      } else {
        this.#setStatus(`Could not compute the statistics: ${error?.message ?? error}`, 'error');
      }
      if (run.estimate) this.render(this.#labels); // "…computing" no more
      return null;
    } finally {
      run.controller.signal.removeEventListener('abort', stop);
      if (current()) {
        this.#progress.hidden = true;
        // Hidden only when there is nothing to offer: hiding it would take the focus away.
        if ((exact.cancelled || exact.error) && run.estimate) this.#offerExact();
        else this.#exactButton.hidden = true;
      }
    }
  }

  // The button beside the progress bar: cancels the exact pass, or runs it again.
  #toggleExact() {
    const run = this.#run;
    if (!run?.estimate || !run.exact) return;
    if (!run.exact.done) {
      run.exact.cancelled = true;
      run.exact.controller.abort();
      return;
    }
    if (!run.exact.cancelled && !run.exact.error) return;
    run.started = now();
    run.exact = null;
    run.shownPercent = null;
    this.#progress.value = 0;
    this.#progress.hidden = false;
    this.#startExact(run);
    this.render(this.#labels);
    this.#showEstimateStatus(run);
  }

  // The button, once the exact pass was cancelled or failed: it runs it (again).
  #offerExact() {
    this.#exactButton.textContent = 'Compute the exact statistics';
    this.#exactButton.hidden = false;
  }

  // "Estimate from 10,000,000 random pairs of 199,990,000, in 912 ms — exact statistics: 34%…"
  #showEstimateStatus(run) {
    const { exact, estimate } = run;
    const intro = `Estimate from ${formatCount(estimate.sampledPairs)} random pairs of ${formatCount(estimate.pairCount)}, in ${formatDuration(run.estimateMs)}`;
    if (exact.done && exact.cancelled) {
      this.#setStatus(`${intro} — the exact pass was cancelled at ${percent.format(exact.fraction)}.`, 'cancelled');
    } else if (exact.done && exact.error) {
      this.#setStatus(`${intro} — the exact pass failed: ${exact.error}`, 'error');
    } else {
      const shown = percent.format(exact.fraction);
      this.#progress.value = exact.fraction;
      this.#exactButton.textContent = 'Cancel the exact pass';
      this.#exactButton.hidden = false;
      if (run.shownPercent === shown && this.#status.dataset.state === 'estimate') return;
      run.shownPercent = shown;
      this.#setStatus(`${intro} — exact statistics: ${shown}…`, 'estimate');
    }
  }

  #showProgress(progress, intro) {
    const fraction = fractionDone(progress);
    this.#progress.value = fraction;
    this.#setStatus(`${intro} ${percent.format(fraction)}`, 'busy');
  }

  render(labels) {
    const stats = this.#stats;
    const name = (i) => labels?.[i] ?? String(i);
    const pending = this.#pendingText();
    this.#renderNumbers(stats, pending);
    this.#renderFlags(stats, pending);
    this.#renderLists(stats, name, pending);
    this.#renderHistogram(stats);
  }

  // What an estimate shows for a number only the exact pass gives.
  #pendingText() {
    const exact = this.#run?.exact;
    if (exact?.done && exact.cancelled) return CANCELLED;
    if (exact?.done && exact.error) return FAILED;
    return PENDING;
  }

  #renderNumbers(s, pending) {
    const list = this.#numbers;
    list.replaceChildren();
    const estimated = (key) => s.estimated.includes(key);
    // An estimate's exact numbers say so; its estimated ones carry ± one standard error.
    const kind = (key) => (s.exact ? [] : [estimated(key) ? ' (estimated)' : ' (exact)']);
    const f = (key, digits) => ({ key, text: s[key] === null ? pending : formatNumber(s[key], digits) });
    const c = (key) => ({ key, text: s[key] === null ? pending : formatCount(s[key]) });
    definition(list, 'Items', [{ key: 'n', text: formatCount(s.n) }, ' × ', { key: 'dim', text: formatCount(s.dim) }, ' dimensions']);
    definition(list, 'Pairs', [
      { key: 'pairCount', text: formatCount(s.pairCount) },
      ...(s.exact ? [] : [' · ', { key: 'sampledPairs', text: formatCount(s.sampledPairs) }, ' drawn at random for the estimate']),
    ]);
    definition(list, 'Mean ± std', [f('mean'), ' ± ', f('std'), ...kind('mean')]);
    definition(list, 'Min / max', s.min === null && s.max === null ? [{ key: 'min', text: pending }] : [f('min'), ' / ', f('max')]);
    const quantiles = [];
    for (const { q, value, standardError } of s.quantiles) {
      if (quantiles.length) quantiles.push(' · ');
      quantiles.push(`${q * 100}%: `, { key: `q${q * 100}`, text: formatNumber(value) });
      if (!s.exact) quantiles.push(' ± ', { key: `q${q * 100}Error`, text: formatError(standardError) });
    }
    quantiles.push(s.exact
      ? ` (within ${s.quantilePrecision.toPrecision(1)})`
      : ` (estimated: ± one standard error; binned within ${s.quantilePrecision.toPrecision(1)})`);
    definition(list, 'Quantiles', quantiles);
    const shares = [];
    for (const { threshold, share, standardError } of s.shareAbove) {
      if (shares.length) shares.push(' · ');
      shares.push(`≥ ${threshold}: `, { key: `share${threshold}`, text: formatNumber(100 * share, 2) });
      if (!s.exact) shares.push(' ± ', { key: `share${threshold}Error`, text: formatError(100 * standardError, 2) });
      shares.push('%');
    }
    if (!s.exact) shares.push(' (estimated)');
    definition(list, 'Share of pairs', shares);
    definition(list, 'Effective dimension', [
      { key: 'effectiveDimension', text: formatNumber(s.effectiveDimension, 2) },
      ` of ${formatCount(s.dim)} (participation ratio of the singular values); entropy rank `,
      { key: 'effectiveDimensionEntropy', text: formatNumber(s.effectiveDimensionEntropy, 2) },
      ...kind('effectiveDimension'),
    ]);
    definition(list, `Near-duplicate pairs (≥ ${s.duplicateThreshold})`, [c('nearDuplicateCount')]);
    definition(list, `Outliers (best neighbour < ${s.outlierThreshold})`, [c('outlierCount')]);
    if (s.zeroRows > 0) definition(list, 'Zero vectors', [{ key: 'zeroRows', text: formatCount(s.zeroRows) }]);
    if (s.groups) {
      definition(list, 'Groups', [
        'within ', { key: 'withinMean', text: formatNumber(s.groups.withinMean) },
        ' · between ', { key: 'betweenMean', text: formatNumber(s.groups.betweenMean) },
        ' · silhouette ', { key: 'silhouette', text: formatNumber(s.groups.silhouette) },
        ...(s.groups.note ? [` (${s.groups.note})`] : []),
        ...(s.exact ? [] : [' (exact)']),
      ]);
    }
  }

  // The flags in words (an estimate's say so in their own words); an
  // estimate adds which checks wait for the exact pass.
  #renderFlags(s, pending) {
    const list = this.#flags;
    const items = s.flags.map((flag) => {
      const item = document.createElement('li');
      item.className = `flag flag-${flag.level}`;
      item.dataset.flag = flag.id;
      const level = document.createElement('strong');
      level.textContent = flag.level === 'warning' ? 'Warning: ' : 'Note: ';
      const evidence = document.createElement('span');
      evidence.className = 'flag-evidence';
      evidence.textContent = ` (value ${flagNumber(flag.value)} vs threshold ${flagNumber(flag.threshold)})`;
      item.append(level, flag.message, evidence);
      return item;
    });
    if (!s.exact) {
      const item = document.createElement('li');
      item.className = 'flag flag-pending';
      item.textContent = (items.length ? '' : 'No sign of risk in the estimate so far. ')
        + (pending === PENDING
          ? 'Outliers and the exact near-duplicate count are checked when the exact pass is done.'
          : `Outliers and the exact near-duplicate count are not checked (${pending}).`);
      items.push(item);
    } else if (items.length === 0) {
      const item = document.createElement('li');
      item.className = 'flag flag-none';
      item.textContent = 'No sign of risk at the thresholds used.';
      items.push(item);
    }
    list.replaceChildren(...items);
  }

  #renderLists(s, name, pending) {
    const parts = [];
    if (!s.exact) {
      const note = document.createElement('p');
      note.className = 'hint stats-pending';
      note.textContent = pending === PENDING
        ? 'The most similar pairs and the most isolated items are listed when the exact pass is done.'
        : `The most similar pairs and the most isolated items need the exact pass (${pending}).`;
      parts.push(note);
    }
    if (s.nearDuplicates?.length) {
      parts.push(heading(`Most similar pairs (of ${formatCount(s.nearDuplicateCount)} ≥ ${s.duplicateThreshold})`));
      parts.push(listOf(s.nearDuplicates.slice(0, LISTED), ({ i, j, score }) => `${name(i)} ↔ ${name(j)}: ${formatNumber(score)}`));
    }
    if (s.outliers?.length) {
      parts.push(heading(`Most isolated items (of ${formatCount(s.outlierCount)})`));
      parts.push(listOf(s.outliers.slice(0, LISTED), ({ i, bestNeighbour, score }) => (
        bestNeighbour < 0 ? `${name(i)}: no neighbour` : `${name(i)}: best neighbour ${name(bestNeighbour)} at ${formatNumber(score)}`
      )));
    }
    this.#lists.replaceChildren(...parts);
  }

  #renderHistogram(s) {
    const Plotly = globalThis.Plotly;
    const element = this.#histogram;
    const what = s.exact
      ? `${formatCount(s.pairCount)} pair similarities`
      : `${formatCount(s.sampledPairs)} randomly drawn pair similarities (an estimate for all ${formatCount(s.pairCount)})`;
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', `Histogram of ${what} from −1 to 1; mean ${formatNumber(s.mean, 3)}`);
    if (!Plotly || s.pairCount === 0) return;
    const { edges, counts } = s.histogram;
    const width = edges[1] - edges[0];
    const pairs = s.exact ? 'pairs' : 'sampled pairs';
    const trace = {
      type: 'bar',
      x: counts.map((_, k) => edges[k] + width / 2),
      y: counts,
      width,
      marker: { color: s.exact ? '#6b9ed6' : '#9bb4cf', line: { width: 0 } },
      hovertemplate: `%{x:.3f} ± ${plotText((width / 2).toPrecision(2))}: %{y} ${pairs}<extra></extra>`,
    };
    const annotations = [{ x: s.mean, y: 1, yref: 'paper', yanchor: 'bottom', showarrow: false, text: `mean ${formatNumber(s.mean, 3)}`, font: { color: '#a3212b', size: 11 } }];
    if (!s.exact) {
      annotations.push({
        x: 0, xref: 'paper', xanchor: 'left', y: 1, yref: 'paper', yanchor: 'bottom', showarrow: false,
        text: `estimate: ${plotText(formatCount(s.sampledPairs))} random pairs`, font: { color: '#5a6472', size: 11 },
      });
    }
    const layout = {
      height: 220,
      margin: { l: 48, r: 12, t: 24, b: 36 },
      bargap: 0,
      xaxis: { range: [-1, 1], title: { text: 'cosine similarity' } },
      yaxis: { title: { text: pairs }, rangemode: 'tozero', automargin: true },
      shapes: [{ type: 'line', x0: s.mean, x1: s.mean, y0: 0, y1: 1, yref: 'paper', line: { color: '#a3212b', width: 2, dash: 'dash' } }],
      annotations,
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: '#fff',
    };
    Plotly.react(element, [trace], layout, { displaylogo: false, responsive: true, displayModeBar: false });
  }

  #setStatus(text, state) {
    this.#status.textContent = text;
    this.#status.dataset.state = state;
  }
}

// "12 ms", "8,123 ms", "87 s".
function formatDuration(ms) {
  return ms < 10_000 ? `${formatCount(Math.round(ms))} ms` : `${formatCount(Math.round(ms / 1000))} s`;
}

// A standard error: `digits` decimals, or one significant digit when smaller.
function formatError(value, digits = 4) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return value >= 10 ** -digits || value === 0 ? value.toFixed(digits) : value.toPrecision(1);
}

function flagNumber(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return formatCount(value);
  return Math.abs(value) < 0.01 ? value.toPrecision(2) : value.toFixed(3);
}

function heading(text) {
  const h = document.createElement('h3');
  h.className = 'panel-subheading';
  h.textContent = text;
  return h;
}

function listOf(items, describe) {
  const list = document.createElement('ul');
  list.className = 'item-list';
  for (const item of items) {
    const li = document.createElement('li');
    li.textContent = describe(item);
    list.append(li);
  }
  return list;
}
