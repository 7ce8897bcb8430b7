// The dendrogram in the demo page (digits, 1,797 items, ordered by average
// linkage): drawn beside the rows and above the columns from set.linkage,
// collapsed at overview resolution and redrawn in a zoom, a node's hover;
// cut into k clusters (equal to the engine's set.clusters) that become the
// groups, cut at a height dragged across the tree, cluster labels as CSV.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadEngine } from '../../web/src/index.js';
import { readDigits } from '../js/helpers.js';
import { useBrowser } from './fixture.js';

const N = 1797;

// What the tree looks like in the figure: nodes and lines reaching height 0, per side.
const treeState = (page) => page.evaluate(() => {
  const plot = document.getElementById('heatmap');
  const side = (name) => {
    const nodes = plot.data.find((t) => t.meta?.dendrogram === name && t.meta.nodes);
    const lines = plot.data.filter((t) => t.meta?.dendrogram === name && !t.meta.nodes);
    const heights = (t) => (name === 'rows' ? t.x : t.y);
    const feet = lines.reduce((sum, t) => sum + heights(t).filter((h, k) => h === 0 && k % 3 === 1).length, 0);
    return { nodes: nodes?.text.length ?? 0, sizes: (nodes?.text ?? []).map((s) => Number(s.split(' ')[0].replace(/,/g, ''))), feet, colours: lines.map((t) => t.meta.colour) };
  };
  return {
    rows: side('rows'),
    columns: side('columns'),
    cells: plot.data[0].z.length,
    groupLines: (plot.layout.shapes ?? []).filter((s) => s.type === 'line' && s.xref === 'x' && s.yref === 'y' && !s.name).length,
    cut: (plot.layout.shapes ?? []).some((s) => s.name === 'cut-rows'),
  };
});

async function csvOf(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8').trim().split('\n');
}

describe('the dendrogram in the demo page', () => {
  const e2e = useBrowser({ open: '/' });

  test('ordered by average linkage: the tree beside the rows and above the columns, collapsed at overview resolution', async () => {
    const { page } = e2e;
    await page.selectOption('#order', 'average');
    await page.waitForFunction(() => document.getElementById('heatmap').data.some((t) => t.meta?.dendrogram), null, { timeout: 60_000 });
    const overview = await treeState(page);
    assert.ok(overview.cells < N, `an overview: ${overview.cells} rows of cells`);
    assert.ok(overview.rows.nodes > 0 && overview.columns.nodes === overview.rows.nodes);
    assert.equal(Math.max(...overview.rows.sizes), N, 'the root is drawn');
    const cellItems = Math.ceil(N / overview.cells);
    assert.ok(overview.rows.nodes < N - 1, `${overview.rows.nodes} nodes drawn, not the ${N - 1} merges`);
    // At single items every item is the foot of a line; here a subtree within a cell is one line.
    assert.ok(overview.rows.feet < (N * 3) / 4, `${overview.rows.feet} lines reach the leaves: subtrees of ≤ ${cellItems} items are one line`);
    assert.ok(await page.locator('#cut-k').isVisible(), 'the cut control is offered while a tree is drawn');

    // Hovering the root: its size and height.
    const at = await page.evaluate(() => {
      const plot = document.getElementById('heatmap');
      plot.scrollIntoView({ block: 'start' });
      const nodes = plot.data.find((t) => t.meta?.dendrogram === 'rows' && t.meta.nodes);
      const root = nodes.text.findIndex((s) => s.startsWith('1,797 items'));
      const layout = plot._fullLayout;
      const xa = layout[`xaxis${nodes.xaxis.slice(1)}`];
      const box = plot.getBoundingClientRect();
      return { x: box.left + xa._offset + xa.l2p(nodes.x[root]), y: box.top + layout.yaxis._offset + layout.yaxis.l2p(nodes.y[root]) };
    });
    await page.mouse.move(at.x, at.y);
    const hover = await page.locator('#heatmap .hoverlayer .hovertext').first().textContent({ timeout: 5000 });
    assert.match(hover, /^1,797 itemsmerged at cosine distance \d\.\d{4}$/);
    // A click on the branch just under the root selects that subtree.
    await page.mouse.click(at.x + 4, at.y + 20);
    await page.waitForFunction(() => /items selected/.test(document.getElementById('selection-count')?.textContent ?? ''));
    const chosen = Number((await page.locator('#selection-count').textContent()).match(/^([\d,]+)/)[1].replace(/,/g, ''));
    assert.ok(chosen > 1 && chosen < N, `${chosen} items: one of the root's two subtrees`);
    assert.ok((await treeState(page)).rows.sizes.includes(chosen), 'a subtree drawn in the tree');

    // Zoomed to 40 single items: the part in view, down to single items.
    await page.evaluate(() => window.Plotly.relayout('heatmap', { 'xaxis.range': [-0.5, 39.5], 'yaxis.range': [39.5, -0.5] }));
    await page.waitForFunction(() => document.getElementById('heatmap').data[0].z.length === 40, null, { timeout: 30_000 });
    await page.waitForFunction(() => {
      const nodes = document.getElementById('heatmap').data.find((t) => t.meta?.dendrogram === 'rows' && t.meta.nodes);
      return nodes?.text.some((s) => s.startsWith('2 items'));
    });
    const zoomed = await treeState(page);
    assert.ok(zoomed.rows.sizes.filter((s) => s === 2).length >= 5, 'pairs of single items merge in view');
    assert.ok(zoomed.rows.feet >= 40, 'each of the 40 items in view is the foot of a line');
    await page.dblclick('#heatmap .nsewdrag[data-subplot="xy"]');
    await page.waitForFunction(() => document.getElementById('heatmap').data[0].z.length > 100, null, { timeout: 30_000 });
    assert.deepEqual(e2e.errors, []);
  });

  test('cut into k clusters: the engine\'s clusters, coloured in the tree, the groups on the heatmap, exported; then a cut dragged at a height', async () => {
    const { page } = e2e;
    await page.fill('#cut-k', '10');
    await page.click('#cut-apply');
    await page.waitForFunction(() => /^10 clusters/.test(document.getElementById('cut-summary').textContent), null, { timeout: 30_000 });
    await page.waitForFunction(() => (document.getElementById('heatmap').layout.shapes ?? []).some((s) => s.name === 'cut-rows'));
    const cut = await treeState(page);
    assert.equal(cut.groupLines, 18, 'ten clusters, each one run of the order: nine lines on each axis');
    assert.deepEqual([...new Set(cut.rows.colours.filter((c) => c !== 'tree'))].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const lines = await csvOf(page, '#cut-csv');
    assert.equal(lines[0], 'index,label,cluster');
    assert.equal(lines.length, N + 1);
    const shown = lines.slice(1).map((line) => Number(line.split(',').at(-1)));
    const engine = await loadEngine({ workers: 1 });
    const set = await engine.embeddings(readDigits());
    const expected = await set.clusters({ method: 'average', k: 10 });
    const pairs = new Map();
    for (let i = 0; i < N; i++) {
      if (!pairs.has(shown[i])) pairs.set(shown[i], expected[i]);
      assert.equal(pairs.get(shown[i]), expected[i], `item ${i}: the same partition as set.clusters`);
    }
    assert.equal(new Set(expected).size, 10);
    set.dispose();
    engine.dispose();
    // The statistics follow the clusters as groups.
    await page.waitForFunction(() => /cluster 1/.test(document.getElementById('heatmap').layout.yaxis.ticktext?.join(' ') ?? ''), null, { timeout: 30_000 });

    // A drag across the row tree to a height: cut there.
    const at = await page.evaluate(() => {
      const plot = document.getElementById('heatmap');
      plot.scrollIntoView({ block: 'start' });
      const nodes = plot.data.find((t) => t.meta?.dendrogram === 'rows' && t.meta.nodes);
      const layout = plot._fullLayout;
      const xa = layout[`xaxis${nodes.xaxis.slice(1)}`];
      const box = plot.getBoundingClientRect();
      const top = Math.max(...nodes.x);
      return {
        x0: box.left + xa._offset + xa.l2p(top * 0.9),
        x1: box.left + xa._offset + xa.l2p(top * 0.5),
        y: box.top + layout.yaxis._offset + layout.yaxis._length / 2,
        height: top * 0.5,
        pixel: Math.abs(xa.l2p(0) - xa.l2p(1)),
      };
    });
    const before = await page.locator('#cut-summary').textContent();
    await page.mouse.move(at.x0, at.y);
    await page.mouse.down();
    await page.mouse.move(at.x1, at.y, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction((text) => document.getElementById('cut-summary').textContent !== text, before, { timeout: 30_000 });
    const summary = await page.locator('#cut-summary').textContent();
    const [, k, threshold] = summary.match(/^(\d+) clusters \(merges up to cosine distance (\d\.\d+)\)/);
    assert.ok(Number(k) >= 2, summary);
    assert.ok(Number(threshold) <= at.height + 2 / at.pixel, `cut at ${threshold}, dragged to ${at.height}`);
    assert.deepEqual(e2e.errors, []);
  });
});
