import { definition, formatCount, formatNumber, fractionDone, plotText } from './plot-text.js';

// Above this many items analyze() visits enough pairs to take seconds: the
// panel says so before it starts.
export const LARGE_N = 20_000;
const LISTED = 5; // near-duplicate pairs and outliers named in the panel
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
const now = () => performance.now();

/**
 * The statistics beside the heatmap: a histogram of the pair similarities
 * (the mean marked), the key numbers and the flags in words. Everything
 * shown as text is DOM text set with textContent, so labels stay inert and
 * screen readers read it; the numbers come from set.analyze(), computed in
 * the engine's workers.
 */
export class StatsPanel {
  #status;
  #progress;
  #histogram;
  #numbers;
  #flags;
  #lists;
  #controller = null;
  #stats = null;

  /** @param {HTMLElement} section  holds #stats-status, #stats-progress, #stats-histogram, #stats-numbers, #stats-flags, #stats-lists */
  constructor(section) {
    const part = (id) => section.querySelector(`#${id}`);
    this.#status = part('stats-status');
    this.#progress = part('stats-progress');
    this.#histogram = part('stats-histogram');
    this.#numbers = part('stats-numbers');
    this.#flags = part('stats-flags');
    this.#lists = part('stats-lists');
  }

  /** The last statistics shown, or null. */
  get stats() {
    return this.#stats;
  }

  /**
   * Analyzes `set` (cancelling an analysis still running) and shows the result.
   * @returns {Promise<object|null>}  the statistics, or null if superseded or failed
   */
  async analyze(set, { groups, labels } = {}) {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const n = set.size;
    const pairs = (n * (n - 1)) / 2;
    const intro = `Analysing ${formatCount(pairs)} pairs of ${formatCount(n)} items…` + (n > LARGE_N
      ? ` With more than ${formatCount(LARGE_N)} items this takes a while: every pair is visited once, in the background; the heatmap stays usable.`
      : '');
    this.#setStatus(intro, 'busy');
    this.#progress.value = 0;
    this.#progress.hidden = false;
    const started = now();
    try {
      const stats = await set.analyze({
        groups: groups ?? undefined,
        signal: controller.signal,
        onProgress: (progress) => {
          if (this.#controller !== controller) return;
          const fraction = fractionDone(progress);
          this.#progress.value = fraction;
          this.#setStatus(`${intro} ${percent.format(fraction)}`, 'busy');
        },
      });
      if (this.#controller !== controller) return null;
      this.#stats = stats;
      this.render(labels);
      this.#setStatus(`Exact statistics of ${formatCount(stats.pairCount)} pairs (i < j, each once) in ${formatCount(Math.round(now() - started))} ms.`, 'done');
      return stats;
    } catch (error) {
      if (this.#controller !== controller) return null;
      this.#setStatus(`Could not compute the statistics: ${error?.message ?? error}`, 'error');
      return null;
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.#progress.hidden = true;
      }
    }
  }

  /** Shows the statistics again with other labels (no recompute). */
  relabel(labels) {
    if (this.#stats) this.render(labels);
  }

  /** Stops an analysis in progress and empties the panel. */
  clear(text = '') {
    this.#controller?.abort();
    this.#controller = null;
    this.#stats = null;
    this.#progress.hidden = true;
    this.#numbers.replaceChildren();
    this.#flags.replaceChildren();
    this.#lists.replaceChildren();
    globalThis.Plotly?.purge(this.#histogram);
    this.#setStatus(text, 'done');
  }

  render(labels) {
    const stats = this.#stats;
    const name = (i) => labels?.[i] ?? String(i);
    this.#renderNumbers(stats);
    this.#renderFlags(stats.flags);
    this.#renderLists(stats, name);
    this.#renderHistogram(stats);
  }

  #renderNumbers(s) {
    const list = this.#numbers;
    list.replaceChildren();
    const f = (key, digits) => ({ key, text: formatNumber(s[key], digits) });
    definition(list, 'Items', [{ key: 'n', text: formatCount(s.n) }, ' × ', { key: 'dim', text: formatCount(s.dim) }, ' dimensions']);
    definition(list, 'Pairs', [{ key: 'pairCount', text: formatCount(s.pairCount) }]);
    definition(list, 'Mean ± std', [f('mean'), ' ± ', f('std')]);
    definition(list, 'Min / max', [f('min'), ' / ', f('max')]);
    const quantiles = [];
    for (const { q, value } of s.quantiles) {
      if (quantiles.length) quantiles.push(' · ');
      quantiles.push(`${q * 100}%: `, { key: `q${q * 100}`, text: formatNumber(value) });
    }
    quantiles.push(` (within ${s.quantilePrecision.toPrecision(1)})`);
    definition(list, 'Quantiles', quantiles);
    const shares = [];
    for (const { threshold, share } of s.shareAbove) {
      if (shares.length) shares.push(' · ');
      shares.push(`≥ ${threshold}: `, { key: `share${threshold}`, text: formatNumber(100 * share, 2) }, '%');
    }
    definition(list, 'Share of pairs', shares);
    definition(list, 'Effective dimension', [
      { key: 'effectiveDimension', text: formatNumber(s.effectiveDimension, 2) },
      ` of ${formatCount(s.dim)} (participation ratio of the singular values); entropy rank `,
      { key: 'effectiveDimensionEntropy', text: formatNumber(s.effectiveDimensionEntropy, 2) },
    ]);
    definition(list, `Near-duplicate pairs (≥ ${s.duplicateThreshold})`, [{ key: 'nearDuplicateCount', text: formatCount(s.nearDuplicateCount) }]);
    definition(list, `Outliers (best neighbour < ${s.outlierThreshold})`, [{ key: 'outlierCount', text: formatCount(s.outlierCount) }]);
    if (s.zeroRows > 0) definition(list, 'Zero vectors', [{ key: 'zeroRows', text: formatCount(s.zeroRows) }]);
    if (s.groups) {
      definition(list, 'Groups', [
        'within ', { key: 'withinMean', text: formatNumber(s.groups.withinMean) },
        ' · between ', { key: 'betweenMean', text: formatNumber(s.groups.betweenMean) },
        ' · silhouette ', { key: 'silhouette', text: formatNumber(s.groups.silhouette) },
        ...(s.groups.note ? [` (${s.groups.note})`] : []),
      ]);
    }
  }

  #renderFlags(flags) {
    const list = this.#flags;
    if (flags.length === 0) {
      const item = document.createElement('li');
      item.className = 'flag flag-none';
      item.textContent = 'No sign of risk at the thresholds used.';
      list.replaceChildren(item);
      return;
    }
    list.replaceChildren(...flags.map((flag) => {
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
    }));
  }

  #renderLists(s, name) {
    const parts = [];
    if (s.nearDuplicates.length) {
      parts.push(heading(`Most similar pairs (of ${formatCount(s.nearDuplicateCount)} ≥ ${s.duplicateThreshold})`));
      parts.push(listOf(s.nearDuplicates.slice(0, LISTED), ({ i, j, score }) => `${name(i)} ↔ ${name(j)}: ${formatNumber(score)}`));
    }
    if (s.outliers.length) {
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
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', `Histogram of ${formatCount(s.pairCount)} pair similarities from −1 to 1; mean ${formatNumber(s.mean, 3)}`);
    if (!Plotly || s.pairCount === 0) return;
    const { edges, counts } = s.histogram;
    const width = edges[1] - edges[0];
    const trace = {
      type: 'bar',
      x: counts.map((_, k) => edges[k] + width / 2),
      y: counts,
      width,
      marker: { color: '#6b9ed6', line: { width: 0 } },
      hovertemplate: `%{x:.3f} ± ${plotText((width / 2).toPrecision(2))}: %{y} pairs<extra></extra>`,
    };
    const layout = {
      height: 220,
      margin: { l: 48, r: 12, t: 24, b: 36 },
      bargap: 0,
      xaxis: { range: [-1, 1], title: { text: 'cosine similarity' } },
      yaxis: { title: { text: 'pairs' }, rangemode: 'tozero' },
      shapes: [{ type: 'line', x0: s.mean, x1: s.mean, y0: 0, y1: 1, yref: 'paper', line: { color: '#a3212b', width: 2, dash: 'dash' } }],
      annotations: [{ x: s.mean, y: 1, yref: 'paper', yanchor: 'bottom', showarrow: false, text: `mean ${formatNumber(s.mean, 3)}`, font: { color: '#a3212b', size: 11 } }],
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
