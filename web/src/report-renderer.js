// The browser half of a report (see report-html.js): a classic script,
// inlined into the report after Plotly, with no imports and no network. It
// draws what report-data.js computed: the heatmap, the histogram, the flags
// and the statistics. Every label reaches the page through textContent or
// Plotly's escaped text, never through innerHTML.
// A live report (report-live.js) computes its payload in the page and then
// calls globalThis.cosineHeatmapRenderReport(payload).
(function reportRenderer() {
  'use strict';

  function renderReport(payload) {
    const stats = payload.stats;
    const number = new Intl.NumberFormat('en-US');
    const fixed = (x, digits = 4) => (x === null || x === undefined ? '–' : Number(x).toFixed(digits));
    const labelOf = (i) => (i >= 0 && i < payload.labels.length ? payload.labels[i] : String(i));

    function decodeFloat32(base64) {
      const binary = atob(base64);
      const bytes = new Uint8Array(binary.length);
      for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
      return new Float32Array(bytes.buffer);
    }

    function element(tag, text, className) {
      const node = document.createElement(tag);
      if (text !== undefined) node.textContent = text;
      if (className) node.className = className;
      return node;
    }

    function summary() {
      const parts = [
        `${number.format(payload.n)} items × ${number.format(payload.dim)} dimensions`,
        `${number.format(stats.pairCount)} pairs`,
        `order: ${payload.orderText || payload.order}`,
      ];
      if (payload.source) parts.unshift(payload.source);
      parts.push(`generated ${payload.generated}`);
      document.getElementById('report-summary').textContent = parts.join(' · ');
      const level = payload.level;
      document.getElementById('level').textContent = level.kind === 'items'
        ? 'Each cell is one pair of items.'
        : `Each cell is the exact mean of a block of up to ${level.cellRows} × ${level.cellCols} items ` +
          `(${level.dims[0]} × ${level.dims[1]} cells for ${number.format(payload.n)} items); ` +
          'open the data in the interactive page or library to zoom down to single items.';
    }

    function heatmap() {
      const { dims: [rows, cols], z, rowText, colText, trace, layout } = payload.heatmap;
      const values = decodeFloat32(z);
      const zRows = [];
      for (let i = 0; i < rows; i++) zRows.push(Array.from(values.subarray(i * cols, (i + 1) * cols)));
      const customdata = new Array(rows).fill(colText);
      const text = rowText.map((label) => new Array(cols).fill(label));
      const data = [{ ...trace, z: zRows, text, customdata }];
      return Plotly.newPlot('heatmap', data, { ...layout, autosize: true }, { responsive: true, displaylogo: false });
    }

    function histogram() {
      const { edges, counts } = stats.histogram;
      const centres = counts.map((_, k) => (edges[k] + edges[k + 1]) / 2);
      const width = edges[1] - edges[0];
      const data = [{
        type: 'bar', x: centres, y: counts, width, marker: { color: '#3b6fb6' },
        hovertemplate: 'similarity %{x:.3f} ± ' + (width / 2).toFixed(3) + '<br>%{y:,} pairs<extra></extra>',
      }];
      const layout = {
        margin: { t: 16, r: 16, b: 48, l: 64 }, bargap: 0,
        xaxis: { title: { text: 'Cosine similarity' }, range: [-1, 1] },
        yaxis: { title: { text: 'Pairs' } }, autosize: true,
      };
      return Plotly.newPlot('histogram', data, layout, { responsive: true, displaylogo: false });
    }

    function flags() {
      const list = document.getElementById('flags');
      if (stats.flags.length === 0) {
        list.append(element('li', 'No flags raised: none of the signs of risk measured here crossed its threshold.', 'none'));
        return;
      }
      for (const flag of stats.flags) {
        const item = element('li', flag.message, flag.level);
        item.dataset.flag = flag.id;
        list.append(item);
      }
    }

    function row(table, cells, header = false) {
      const tr = document.createElement('tr');
      cells.forEach((cell, k) => tr.append(element(header ? 'th' : 'td', String(cell), !header && k > 0 && typeof cell === 'number' ? 'number' : undefined)));
      table.append(tr);
    }

    function statistics() {
      const table = document.getElementById('statistics');
      row(table, ['Items', number.format(stats.n)]);
      row(table, ['Dimensions', number.format(stats.dim)]);
      row(table, ['Mean similarity (off the diagonal)', fixed(stats.mean)]);
      row(table, ['Standard deviation', fixed(stats.std)]);
      row(table, ['Minimum / maximum', `${fixed(stats.min)} / ${fixed(stats.max)}`]);
      for (const { q, value } of stats.quantiles) row(table, [`Quantile ${q}`, fixed(value)]);
      row(table, ['Effective dimension (participation ratio)', fixed(stats.effectiveDimension, 1)]);
      for (const { threshold, share } of stats.shareAbove) row(table, [`Share of pairs ≥ ${threshold}`, `${(100 * share).toFixed(2)}%`]);
      row(table, [`Pairs ≥ ${stats.duplicateThreshold}`, number.format(stats.nearDuplicateCount)]);
      row(table, [`Items with no neighbour ≥ ${stats.outlierThreshold}`, number.format(stats.outlierCount)]);
      row(table, ['Zero vectors', number.format(stats.zeroRows)]);
      if (stats.groups) {
        row(table, ['Mean within groups / between groups', `${fixed(stats.groups.withinMean)} / ${fixed(stats.groups.betweenMean)}`]);
        row(table, ['Silhouette (cosine distance)', fixed(stats.groups.silhouette)]);
      }

      const pairs = document.getElementById('near-duplicates');
      row(pairs, ['Item', 'Item', 'Similarity'], true);
      for (const { i, j, score } of stats.nearDuplicates.slice(0, 20)) row(pairs, [labelOf(i), labelOf(j), fixed(score)]);
      if (stats.nearDuplicates.length === 0) row(pairs, [`No pair at or above ${stats.duplicateThreshold}.`]);

      const outliers = document.getElementById('outliers');
      row(outliers, ['Item', 'Closest item', 'Similarity'], true);
      for (const { i, bestNeighbour, score } of stats.outliers.slice(0, 20)) row(outliers, [labelOf(i), labelOf(bestNeighbour), fixed(score)]);
      if (stats.outliers.length === 0) row(outliers, [`Every item has a neighbour at or above ${stats.outlierThreshold}.`]);
    }

    summary();
    flags();
    statistics();
    return Promise.all([heatmap(), histogram()]).then(
      () => { document.body.dataset.state = 'ready'; },
      (error) => {
        document.body.dataset.state = 'error';
        document.body.prepend(element('p', `The report could not be drawn: ${error && error.message}`, 'error'));
      },
    );
  }

  globalThis.cosineHeatmapRenderReport = renderReport;
  const inlined = document.getElementById('report-data');
  if (inlined && inlined.textContent.trim() !== '') renderReport(JSON.parse(inlined.textContent));
})();
