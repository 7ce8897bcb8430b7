// The statistics panel's "numbers first, exact later" in headless Chromium:
// for 20,000 × 64 embeddings in 16 tight clusters (some 6 % of the pairs are
// near-duplicates) the panel shows an estimate from 10,000,000 random pairs
// at once, labelled as one, with standard errors, the exact pass's progress
// and its flags in estimated words; the exact statistics then replace it. A
// group change during the pass joins it, and label, group and labels-file
// changes afterwards run no pass (worker jobs are counted); Cancel keeps the
// estimate and says so; the digits (1.6 million pairs) go straight to exact;
// and where the closed forms take several jobs (10,500 × 640) the estimate
// still comes first, not after the exact pass queued behind it.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';
import { plantedNpy } from './planted.js';

const SHAPE = { n: 20_000, d: 64, clusters: 16 };
// Wide enough that the closed forms are computed in several bands (n·d²/2
// above 2·10⁹ multiply-adds) and more than 5·10⁷ pairs: an estimate first.
const WIDE = { n: 10_500, d: 640, clusters: 8 };
const PAIRS = (SHAPE.n * (SHAPE.n - 1)) / 2;
const URL_PATH = '/?data=/fixtures/tight.npy&labels=/fixtures/tight.tsv';

// Tight clusters (tests/e2e/planted.js without the shared direction, noise
// of norm 0.06): pairs within a cluster have cosine about 0.996 (all ≥ 0.98:
// near-duplicates), pairs across clusters about 0 ± 1/√d. Deterministic; the
// clusters are shuffled over the file.
const tightClusters = (shape) => plantedNpy({ ...shape, shared: 0, noise: 0.06, seed: 11 });

// In the page before its scripts: every analysis job posted to a worker
// (action and rows), and every state the statistics status goes through.
function instrument() {
  window.jobsPosted = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function postMessage(message, ...rest) {
    if (message?.action === 'analyzePass' || message?.action === 'pairSample') {
      window.jobsPosted.push({ action: message.action, rows: [...message.args.rows], stream: message.args.stream ?? null });
    }
    return post.call(this, message, ...rest);
  };
  // Everything the statistics panel shows, read at once (one state of the panel).
  window.readPanel = () => {
    const status = document.getElementById('stats-status');
    const gd = document.getElementById('stats-histogram');
    const button = document.getElementById('stats-exact');
    const progress = document.getElementById('stats-progress');
    return {
      state: status.dataset.state,
      text: status.textContent,
      stats: Object.fromEntries([...document.querySelectorAll('#stats-numbers [data-stat]')].map((el) => [el.dataset.stat, el.textContent])),
      numbers: document.getElementById('stats-numbers').textContent,
      flags: [...document.querySelectorAll('#stats-flags li')].map((li) => ({ id: li.dataset.flag ?? null, text: li.textContent })),
      lists: document.getElementById('stats-lists').textContent,
      listed: [...document.querySelectorAll('#stats-lists li')].map((li) => li.textContent),
      histogram: gd.data ? { total: gd.data[0].y.reduce((s, c) => s + c, 0), yTitle: gd.layout.yaxis.title.text, label: gd.getAttribute('aria-label') } : null,
      progress: progress.hidden || progress.closest('[hidden]') ? null : progress.value,
      button: button.hidden ? null : button.textContent,
    };
  };
  window.statsStates = [];
  document.addEventListener('DOMContentLoaded', () => {
    const status = document.getElementById('stats-status');
    new MutationObserver(() => {
      const { state } = status.dataset;
      if (window.statsStates.at(-1)?.state !== state) window.statsStates.push({ state, text: status.textContent, t: performance.now() });
    }).observe(status, { attributes: true, childList: true, characterData: true, subtree: true });
  });
}

const panel = () => window.readPanel();

// Waits until the panel is in `state` (its status text matching `match`)
// and returns it as shown then.
async function panelWhen(page, state, { timeout = 120_000, match = null } = {}) {
  try {
    const handle = await page.waitForFunction(([wanted, pattern]) => {
      const shown = window.readPanel();
      return shown.state === wanted && (!pattern || new RegExp(pattern).test(shown.text)) && shown;
    }, [state, match], { timeout });
    return await handle.jsonValue();
  } catch (error) {
    throw new Error(`${error.message}\npanel: ${JSON.stringify(await page.evaluate(panel))}`);
  }
}

const number = (text) => Number(text.replace(/,/g, ''));
const jobs = (page) => page.evaluate(() => window.jobsPosted.map((job) => ({ ...job })));
const states = (page) => page.evaluate(() => window.statsStates.map((s) => ({ ...s })));

// Rows given to each job, as "r0-r1" (and the sample's stream): the same
// band twice means the pass (or the sample) ran twice.
function repeated(list) {
  const seen = new Set();
  return list.filter(({ rows, stream }) => {
    const key = `${rows.join('-')}/${stream}`;
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
}

describe('statistics: an estimate first, the exact statistics later', () => {
  const e2e = useBrowser({ tempDir: 'cosine-heatmap-estimate-', viewport: { width: 1400, height: 1000 }, page: true });
  let data;
  let withinPairs;

  e2e.before(async () => {
    data = tightClusters(SHAPE);
    const sizes = new Array(SHAPE.clusters).fill(0);
    for (const c of data.cluster) sizes[c]++;
    withinPairs = sizes.reduce((sum, m) => sum + (m * (m - 1)) / 2, 0);
    const rows = Array.from(data.cluster, (c, i) => `item ${i}\tc${c}`);
    await writeFile(join(e2e.dir, 'tight.npy'), data.bytes);
    await writeFile(join(e2e.dir, 'tight.tsv'), `name\tcluster\n${rows.join('\n')}\n`);
    await writeFile(join(e2e.dir, 'wide.npy'), tightClusters(WIDE).bytes);
    await e2e.page.addInitScript(instrument);
  });

  test('the digits (1,613,706 pairs) go straight to the exact statistics', async () => {
    await e2e.open('/');
    const shown = await panelWhen(e2e.page, 'done', { match: '^Exact statistics' });
    assert.match(shown.text, /^Exact statistics of 1,613,706 pairs \(i < j, each once\) in [\d,]+ m?s\.$/);
    const seen = await states(e2e.page);
    assert.ok(!seen.some((s) => s.state === 'estimate'), `states: ${seen.map((s) => s.state).join(' → ')}`);
    assert.deepEqual((await jobs(e2e.page)).filter((job) => job.action === 'pairSample'), [], 'no sample drawn');
    assert.match(shown.stats.min, /^-?\d\.\d{4}$/);
    assert.match(shown.stats.nearDuplicateCount, /^[\d,]+$/);
    assert.equal(shown.stats.q50Error, undefined, 'no standard errors on exact numbers');
    assert.equal(shown.button, null, 'nothing to cancel');
    assert.equal(shown.progress, null);
    assert.equal(shown.histogram.yTitle, 'pairs');
    assert.equal(shown.histogram.total, 1_613_706);
    assert.deepEqual(e2e.errors, []);
  });

  test(`${SHAPE.n.toLocaleString('en-US')} × ${SHAPE.d}: the estimate at once, labelled, then the exact statistics replace it`, async (t) => {
    await e2e.open(URL_PATH, { timeout: 120_000 });
    const estimate = await panelWhen(e2e.page, 'estimate');
    t.diagnostic(`estimate shown: "${estimate.text}"`);

    // Labelled as an estimate, with the exact pass's progress and a cancel.
    assert.match(estimate.text, /^Estimate from 10,000,000 random pairs of 199,990,000, in [\d,]+ m?s — exact statistics: \d+%…$/);
    assert.equal(estimate.button, 'Cancel the exact pass');
    assert.ok(estimate.progress !== null && estimate.progress < 1, `progress ${estimate.progress}`);
    assert.equal(estimate.stats.pairCount, '199,990,000');
    assert.equal(estimate.stats.sampledPairs, '10,000,000');
    // What a sample cannot give waits for the exact pass, in words.
    for (const key of ['min', 'nearDuplicateCount', 'outlierCount']) assert.equal(estimate.stats[key], '…computing', key);
    assert.match(estimate.lists, /listed when the exact pass is done/);
    assert.deepEqual(estimate.listed, []);
    // Estimated numbers carry ± one standard error; exact ones say they are exact.
    for (const q of [1, 5, 25, 50, 75, 95, 99]) assert.match(estimate.stats[`q${q}Error`], /^\d\.\d+(e-\d+)?$/, `quantile ${q}%`);
    for (const s of [0.5, 0.8, 0.9, 0.95]) assert.match(estimate.stats[`share${s}Error`], /^\d\.\d+(e-\d+)?$/, `share ≥ ${s}`);
    assert.match(estimate.numbers, /Mean ± std-?\d\.\d{4} ± \d\.\d{4} \(exact\)/);
    assert.match(estimate.numbers, /\(estimated: ± one standard error; binned within 0\.0001\)/);
    assert.equal(estimate.histogram.total, 10_000_000, 'the histogram counts the sampled pairs');
    assert.equal(estimate.histogram.yTitle, 'sampled pairs');
    assert.match(estimate.histogram.label, /^Histogram of 10,000,000 randomly drawn pair similarities \(an estimate for all 199,990,000\)/);
    // Flags from a sample say so, in the library's words.
    const duplicates = estimate.flags.find((flag) => flag.id === 'near-duplicates');
    assert.ok(duplicates, JSON.stringify(estimate.flags));
    assert.match(duplicates.text, /^Warning: An estimated 6\.\d% \(± 0\.0\d+%\) of pairs have similarity ≥ 0\.98 .* Estimated from 10,000,000 random pairs\./);
    assert.match(estimate.flags.at(-1).text, /Outliers and the exact near-duplicate count are checked when the exact pass is done\.$/);

    // A group column chosen while the exact pass runs: the estimate gets the
    // exact group numbers at once, and the pass goes on.
    assert.equal((await e2e.page.evaluate(panel)).state, 'estimate', 'the exact pass is still running');
    await e2e.page.selectOption('#groupColumn', { label: 'cluster' });
    const grouped = await e2e.page.waitForFunction(() => document.querySelector('#stats-numbers [data-stat="silhouette"]')
      && document.getElementById('stats-status').dataset.state, null, { timeout: 60_000 });
    const groupedState = await grouped.jsonValue();
    t.diagnostic(`after choosing the group column: ${groupedState}`);

    const exact = await panelWhen(e2e.page, 'done', { match: '^Exact statistics' });
    t.diagnostic(`exact shown: "${exact.text}"`);
    const seen = await states(e2e.page);
    const at = (state) => seen.find((s) => s.state === state)?.t;
    t.diagnostic(`after navigation: estimate shown at ${Math.round(at('estimate'))} ms, exact at ${Math.round(at('done'))} ms`);
    assert.ok(at('estimate') < at('done'));
    assert.match(exact.text, /^Exact statistics of 199,990,000 pairs \(i < j, each once\) in [\d,]+ (ms|s); the estimate from 10,000,000 random pairs came after [\d,]+ m?s\.$/);
    assert.equal(exact.button, null);
    assert.equal(exact.progress, null);
    assert.equal(exact.stats.sampledPairs, undefined);
    assert.equal(exact.stats.q50Error, undefined);
    assert.doesNotMatch(exact.numbers, /\((exact|estimated)\)/);
    assert.match(exact.stats.min, /^-?\d\.\d{4}$/);
    assert.match(exact.stats.max, /^\d\.\d{4}$/);
    assert.equal(number(exact.stats.nearDuplicateCount), withinPairs, 'every pair within a cluster, none across');
    assert.equal(exact.stats.outlierCount, '0');
    assert.equal(exact.histogram.total, PAIRS);
    assert.equal(exact.histogram.yTitle, 'pairs');
    assert.ok(exact.stats.silhouette, 'the group numbers stay');
    const exactFlag = exact.flags.find((flag) => flag.id === 'near-duplicates');
    assert.match(exactFlag.text, new RegExp(`^Warning: ${withinPairs.toLocaleString('en-US')} pairs \\(6\\.\\d%\\) have similarity ≥ 0\\.98`));
    assert.doesNotMatch(exact.flags.map((f) => f.text).join(' '), /[Ee]stimated/);
    assert.equal(exact.listed.length, 5);
    assert.match(exact.listed[0], /^item \d+ ↔ item \d+: (0\.99\d\d|1\.0000)$/);

    // The estimate lies within 4 standard errors of the exact values (plus
    // the binning, 1e-4, and the 4 decimals shown), and is not the same numbers.
    let differs = 0;
    for (const q of [1, 5, 25, 50, 75, 95, 99]) {
      const [e, x, se] = [Number(estimate.stats[`q${q}`]), Number(exact.stats[`q${q}`]), Number(estimate.stats[`q${q}Error`])];
      assert.ok(Math.abs(e - x) <= 4 * se + 2e-4, `quantile ${q}%: estimate ${e} ± ${se}, exact ${x}`);
      if (e !== x) differs++;
    }
    for (const s of [0.5, 0.8, 0.9, 0.95]) {
      const [e, x, se] = [Number(estimate.stats[`share${s}`]), Number(exact.stats[`share${s}`]), Number(estimate.stats[`share${s}Error`])];
      assert.ok(Math.abs(e - x) <= 4 * se + 0.01, `share ≥ ${s}: estimate ${e}% ± ${se}%, exact ${x}%`);
      if (e !== x) differs++;
    }
    assert.ok(differs > 0, 'the estimate is not the exact result');
    assert.equal(estimate.stats.mean, exact.stats.mean, 'the mean is exact in both');

    // One sample and one pass, although the group column changed during the pass.
    const posted = await jobs(e2e.page);
    const passJobs = posted.filter((job) => job.action === 'analyzePass');
    const sampleJobs = posted.filter((job) => job.action === 'pairSample');
    assert.ok(passJobs.length > 1 && sampleJobs.length > 1, `${passJobs.length} pass jobs, ${sampleJobs.length} sample jobs`);
    assert.deepEqual(repeated(passJobs), [], 'no band of the pass ran twice');
    assert.deepEqual(repeated(sampleJobs), [], 'no band of the sample was drawn twice');
    const bands = passJobs.map((job) => job.rows).sort((a, b) => a[0] - b[0]);
    assert.equal(bands[0][0], 0);
    assert.equal(bands.at(-1)[1], SHAPE.n);
    for (let k = 1; k < bands.length; k++) assert.equal(bands[k][0], bands[k - 1][1], 'the bands tile the rows');
    assert.deepEqual(e2e.errors, []);
  });

  test('labels, the group column and a labels file afterwards run no pass: the words change, the numbers stay', async () => {
    const before = await e2e.page.evaluate(panel);
    assert.equal(before.state, 'done');
    const posted = (await jobs(e2e.page)).length;
    const mark = async () => e2e.page.evaluate(() => { window.statsStates.length = 0; });

    await mark();
    await e2e.page.selectOption('#labelColumn', { label: 'row number' });
    await e2e.page.waitForFunction(() => /^\d+ ↔ \d+: /.test(document.querySelector('#stats-lists li')?.textContent ?? ''));
    let now = await e2e.page.evaluate(panel);
    assert.equal(now.text, before.text, 'a label change only relabels');
    assert.deepEqual(now.stats, before.stats);

    await mark();
    await e2e.page.selectOption('#groupColumn', { label: 'none' });
    now = await panelWhen(e2e.page, 'done', { match: '^Exact statistics' });
    await e2e.page.waitForFunction(() => !document.querySelector('#stats-numbers [data-stat="silhouette"]'));
    now = await e2e.page.evaluate(panel);
    assert.match(now.text, /^Exact statistics of 199,990,000 pairs \(i < j, each once\) in [\d,]+ m?s\.$/);
    assert.ok(number(/in ([\d,]+) ms/.exec(now.text)[1]) < 2000, now.text);
    for (const key of ['min', 'max', 'mean', 'q50', 'nearDuplicateCount']) assert.equal(now.stats[key], before.stats[key], key);

    // A labels file for the same items: relabelled in place, no new set.
    await mark();
    await e2e.page.setInputFiles('#metadata-file', {
      name: 'renamed.tsv',
      mimeType: 'text/tab-separated-values',
      buffer: Buffer.from(`title\tcluster\n${Array.from(data.cluster, (c, i) => `renamed ${i}\tc${c}`).join('\n')}\n`),
    });
    await e2e.page.waitForFunction(() => /^renamed \d+ ↔ renamed \d+: /.test(document.querySelector('#stats-lists li')?.textContent ?? ''), null, { timeout: 30_000 });
    now = await panelWhen(e2e.page, 'done', { match: '^Exact statistics' });
    assert.match(await e2e.page.locator('#status').textContent(), /^tight\.npy \+ renamed\.tsv · 20,000 items × 64 dimensions/);
    for (const key of ['min', 'max', 'mean', 'q50', 'nearDuplicateCount']) assert.equal(now.stats[key], before.stats[key], key);

    const seen = await states(e2e.page);
    assert.ok(!seen.some((s) => s.state === 'estimate'), `states: ${seen.map((s) => `${s.state}: ${s.text}`).join(' | ')}`);
    assert.equal((await jobs(e2e.page)).length, posted, 'no job of a pass or a sample was posted');
    assert.deepEqual(e2e.errors, []);
  });

  test('Cancel stops the exact pass and keeps the estimate, saying so; the button runs the pass again', async () => {
    await e2e.open(URL_PATH, { timeout: 120_000 });
    const estimate = await panelWhen(e2e.page, 'estimate');
    await e2e.page.click('#stats-exact');
    const cancelled = await panelWhen(e2e.page, 'cancelled');
    assert.match(cancelled.text, /^Estimate from 10,000,000 random pairs of 199,990,000, in [\d,]+ m?s — the exact pass was cancelled at \d+%\.$/);
    assert.equal(cancelled.button, 'Compute the exact statistics');
    assert.equal(cancelled.progress, null);
    for (const key of ['q50', 'q50Error', 'share0.5', 'mean', 'sampledPairs']) assert.equal(cancelled.stats[key], estimate.stats[key], key);
    for (const key of ['min', 'nearDuplicateCount', 'outlierCount']) assert.equal(cancelled.stats[key], 'exact pass cancelled', key);
    assert.match(cancelled.flags.at(-1).text, /are not checked \(exact pass cancelled\)\.$/);
    assert.match(cancelled.lists, /need the exact pass \(exact pass cancelled\)/);
    assert.equal(await e2e.page.evaluate(() => document.activeElement?.id), 'stats-exact', 'focus stays on the button');

    // The pass stopped: no job is handed out any more.
    const count = async () => (await jobs(e2e.page)).filter((job) => job.action === 'analyzePass').length;
    const stopped = await count();
    await e2e.page.waitForTimeout(1500);
    assert.equal(await count(), stopped, 'no pass job posted after the cancel');

    // A group column chosen now gets its group numbers, and leaves the pass cancelled.
    await e2e.page.selectOption('#groupColumn', { label: 'cluster' });
    await e2e.page.waitForFunction(() => document.querySelector('#stats-numbers [data-stat="silhouette"]'), null, { timeout: 60_000 });
    const grouped = await e2e.page.evaluate(panel);
    assert.equal(grouped.state, 'cancelled');
    assert.equal(grouped.text, cancelled.text);
    assert.equal(grouped.button, 'Compute the exact statistics');
    assert.equal(grouped.stats.min, 'exact pass cancelled');
    await e2e.page.waitForTimeout(1000);
    assert.equal(await count(), stopped, 'no pass job posted after the group change');

    await e2e.page.click('#stats-exact');
    const again = await panelWhen(e2e.page, 'estimate');
    assert.match(again.text, /— exact statistics: \d+%…$/);
    assert.equal(again.button, 'Cancel the exact pass');
    assert.equal(again.stats.min, '…computing');
    const exact = await panelWhen(e2e.page, 'done', { match: '^Exact statistics' });
    assert.match(exact.text, /^Exact statistics of 199,990,000 pairs \(i < j, each once\) in [\d,]+ (ms|s); the estimate from 10,000,000 random pairs came after [\d,]+ m?s\.$/);
    assert.ok(await count() > stopped, 'the pass ran again');
    assert.deepEqual(e2e.errors, []);
  });

  test(`${WIDE.n.toLocaleString('en-US')} × ${WIDE.d}: with the closed forms in several parts, the estimate still comes long before the exact pass ends`, async (t) => {
    await e2e.open('/?data=/fixtures/wide.npy', { timeout: 120_000 });
    const estimate = await panelWhen(e2e.page, 'estimate');
    t.diagnostic(`estimate shown: "${estimate.text}" (exact pass at ${Math.round(100 * estimate.progress)}%)`);
    assert.match(estimate.text, /^Estimate from 10,000,000 random pairs of 55,119,750, in [\d,]+ m?s — exact statistics: \d+%…$/);
    assert.ok(estimate.progress < 0.5, `the exact pass is ${Math.round(100 * estimate.progress)}% done when the estimate is shown`);
    const exact = await panelWhen(e2e.page, 'done', { match: '^Exact statistics' });
    t.diagnostic(`exact shown: "${exact.text}"`);
    assert.match(exact.text, /^Exact statistics of 55,119,750 pairs .* the estimate from 10,000,000 random pairs came after [\d,]+ m?s\.$/);
    assert.deepEqual(e2e.errors, []);
  });
});
