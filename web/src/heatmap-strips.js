import { CosineHeatmapError } from './errors.js';
import { escapePlotlyText } from './escape-plotly-text.js';
import { axisKey, bandAxis, cellCentres } from './heatmap-decorations.js';

// Annotation strips: up to three categorical columns of metadata as colour
// strips beside the rows and above the columns, with a legend. At overview
// resolution a strip cell stands for a block of items: it shows the block's
// majority category, and its hover says how pure the block is.

export const MAX_STRIPS = 3;
// Categories beyond these many (the most frequent kept) share "other".
export const MAX_CATEGORIES = 12;
const STRIP_PX = 14;
const OTHER = '(other)';
const OTHER_COLOUR = '#bdbdbd';
// One palette per strip, so two strips side by side never say the same
// thing with the same colour: Tableau 10 (+2), ColorBrewer Set2 and Dark2 (+4).
const PALETTES = [
  ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#17becf', '#8cd17d', '#d37295'],
  ['#66c2a5', '#fc8d62', '#8da0cb', '#e78ac3', '#a6d854', '#ffd92f', '#e5c494', '#b3b3b3', '#1b9e77', '#d95f02', '#7570b3', '#e7298a'],
  ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666', '#8dd3c7', '#bebada', '#fb8072', '#80b1d3'],
];

/**
 * Shows `columns` as strips on `view` (null or [] removes them).
 * @param {import('./heatmap.js').CosineSimilarityHeatmap} view
 * @param {{name: string, values: ArrayLike<unknown>}[] | null} columns  one value per item each
 * @returns {Promise<object[]>} the strips: [{name, categories: [{name, colour, count}]}]
 */
export async function annotateView(view, columns) {
  const n = view.embeddings?.size;
  if (columns === null || columns === undefined || (Array.isArray(columns) && columns.length === 0)) {
    await view.decorate('strips', null);
    return [];
  }
  if (n === undefined) throw new CosineHeatmapError('annotate: the view needs embeddings first (setEmbeddings)');
  const strips = checkColumns(columns, n).map(({ name, values }, k) => categorize(name, values, PALETTES[k]));
  await view.decorate('strips', stripsDecoration(strips, view.embeddings));
  return strips.map(({ name, categories }) => ({ name, categories: categories.map((c) => ({ ...c })) }));
}

function checkColumns(columns, n) {
  if (!Array.isArray(columns)) throw new CosineHeatmapError('annotate: expected an array of {name, values} columns');
  if (columns.length > MAX_STRIPS) throw new CosineHeatmapError(`annotate: at most ${MAX_STRIPS} columns, got ${columns.length}`);
  return columns.map((column, k) => {
    const values = column?.values;
    if (!values || typeof values === 'string' || typeof values.length !== 'number') {
      throw new CosineHeatmapError(`annotate: column ${k + 1} needs values, one per item`);
    }
    if (values.length !== n) {
      throw new CosineHeatmapError(`annotate: column ${k + 1} (${column.name ?? 'unnamed'}) has ${values.length} values for ${n} items`);
    }
    return { name: String(column.name ?? `column ${k + 1}`), values };
  });
}

/**
 * One column as categories: the MAX_CATEGORIES − 1 most frequent keep their
 * name and a colour (all of them when there are at most MAX_CATEGORIES);
 * the rest are "(other)". codes[i] is item i's category.
 */
export function categorize(name, values, palette = PALETTES[0]) {
  // One pass: each distinct value gets an id in order of appearance, then ids are ranked.
  const ids = new Map();
  const seen = new Int32Array(values.length);
  const counts = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const key = v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);
    let id = ids.get(key);
    if (id === undefined) {
      id = counts.length;
      ids.set(key, id);
      counts.push(0);
    }
    counts[id]++;
    seen[i] = id;
  }
  const names = [...ids.keys()];
  const ranked = names.map((_, id) => id).sort((a, b) => counts[b] - counts[a] || naturalCompare(names[a], names[b]));
  const keptCount = ranked.length <= MAX_CATEGORIES ? ranked.length : MAX_CATEGORIES - 1;
  const codeOf = new Uint16Array(ranked.length).fill(keptCount);
  ranked.slice(0, keptCount).forEach((id, k) => { codeOf[id] = k; });
  const categories = ranked.slice(0, keptCount).map((id, k) => ({ name: names[id], colour: palette[k], count: counts[id] }));
  if (keptCount < ranked.length) {
    categories.push({ name: OTHER, colour: OTHER_COLOUR, count: ranked.slice(keptCount).reduce((s, id) => s + counts[id], 0) });
  }
  const codes = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = codeOf[seen[i]];
  return { name, categories, codes };
}

/**
 * The majority category of each block of positions and the share of the
 * block it holds: {codes: Int32Array, purity: Float64Array} per cell.
 */
export function blockMajority(codes, order, starts, ends, categoryCount) {
  const majority = new Int32Array(starts.length);
  const purity = new Float64Array(starts.length);
  const tally = new Int32Array(categoryCount);
  for (let k = 0; k < starts.length; k++) {
    tally.fill(0);
    let best = 0;
    for (let p = starts[k]; p < ends[k]; p++) {
      const c = codes[order ? order[p] : p];
      tally[c]++;
      if (tally[c] > tally[best] || (tally[c] === tally[best] && c < best)) best = c;
    }
    majority[k] = best;
    purity[k] = tally[best] / Math.max(1, ends[k] - starts[k]);
  }
  return { codes: majority, purity };
}

function stripsDecoration(strips, set) {
  const count = strips.length;
  // Each strip's codes in the order shown, made once per order: every redraw
  // (a zoom) then reads them sequentially (1,000,000 items: ~10 ms, not ~200).
  let arranged = { order: undefined, codes: null };
  const inOrder = (order) => {
    if (arranged.order !== order || !arranged.codes) {
      arranged = { order, codes: strips.map((strip) => (order ? Uint16Array.from(order, (item) => strip.codes[item]) : strip.codes)) };
    }
    return arranged.codes;
  };
  return {
    rank: 0,
    // Strips belong to the embeddings they were given for: other embeddings get none.
    bands: (context) => (context.set === set ? { rows: STRIP_PX * count, cols: STRIP_PX * count } : { rows: 0, cols: 0 }),
    figure: ({ set: shown, cells, order }, place) => {
      if (shown !== set || !place.rowDomain) return {};
      const traces = [];
      const rowY = cellCentres(cells.rowStarts, cells.rowEnds);
      const colX = cellCentres(cells.colStarts, cells.colEnds);
      const codes = inOrder(order);
      strips.forEach((strip, s) => {
        const scale = discreteScale(strip.categories.map((c) => c.colour));
        const common = { type: 'heatmap', colorscale: scale, zmin: -0.5, zmax: strip.categories.length - 0.5, showscale: false, hovertemplate: '%{text}<extra></extra>', name: strip.name };
        const rows = blockMajority(codes[s], null, cells.rowStarts, cells.rowEnds, strip.categories.length);
        const cols = blockMajority(codes[s], null, cells.colStarts, cells.colEnds, strip.categories.length);
        traces.push({
          ...common,
          xaxis: place.rowAxis,
          yaxis: 'y',
          x: [s],
          y: rowY,
          z: Array.from(rows.codes, (c) => [c]),
          text: Array.from(rows.codes, (c, k) => [describeCell(strip, c, rows.purity[k], cells.rowEnds[k] - cells.rowStarts[k])]),
          meta: { strip: strip.name, axis: 'rows' },
        });
        traces.push({
          ...common,
          xaxis: 'x',
          yaxis: place.colAxis,
          x: colX,
          y: [s],
          z: [Array.from(cols.codes)],
          text: [Array.from(cols.codes, (c, k) => describeCell(strip, c, cols.purity[k], cells.colEnds[k] - cells.colStarts[k]))],
          meta: { strip: strip.name, axis: 'columns' },
        });
      });
      traces.push(...legendTraces(strips));
      return {
        traces,
        layout: {
          [axisKey(place.rowAxis)]: bandAxis(place.rowDomain, 'y', {
            range: [count - 0.5, -0.5],
            showticklabels: true,
            tickmode: 'array',
            tickvals: strips.map((_, s) => s),
            ticktext: strips.map((strip) => escapePlotlyText(shorten(strip.name))),
            tickangle: -90,
            tickfont: { size: 10 },
            side: 'bottom',
          }),
          [axisKey(place.colAxis)]: bandAxis(place.colDomain, 'x', { range: [-0.5, count - 0.5] }),
          showlegend: true,
          legend: { orientation: 'h', x: 0, xanchor: 'left', y: -0.12, yanchor: 'top', itemclick: false, itemdoubleclick: false, font: { size: 11 } },
        },
      };
    },
  };
}

// "species: setosa" for one item; "species: setosa, 87% of 128 items" for a block.
function describeCell(strip, code, purity, size) {
  const name = `${escapePlotlyText(strip.name)}: ${escapePlotlyText(strip.categories[code].name || '(empty)')}`;
  if (size === 1) return name;
  return `${name}<br>${Math.round(purity * 100)}% of ${size.toLocaleString('en-US')} items (majority)`;
}

// One legend entry per category (in natural order of their names), after an
// entry naming the strip; markers that draw nothing on the axes. No legend
// groups: Plotly stacks a group's entries in a column, and ungrouped ones
// flow in rows under the plot.
function legendTraces(strips) {
  const entry = (name, marker) => ({
    type: 'scatter', mode: 'markers', x: [null], y: [null], marker, name, showlegend: true, hoverinfo: 'skip',
  });
  return strips.flatMap((strip) => [
    entry(`<b>${escapePlotlyText(strip.name)}</b>`, { size: 1, opacity: 0 }),
    ...[...strip.categories]
      .sort((a, b) => naturalCompare(a.name, b.name))
      .map((category) => entry(escapePlotlyText(category.name || '(empty)'), { symbol: 'square', size: 11, color: category.colour })),
  ]);
}

// A colour scale with one flat step per category, for z = category code.
function discreteScale(colours) {
  if (colours.length === 1) return [[0, colours[0]], [1, colours[0]]];
  const m = colours.length;
  return colours.flatMap((colour, k) => [[k / m, colour], [(k + 1) / m, colour]]);
}

function shorten(name) {
  return name.length > 12 ? `${name.slice(0, 11)}…` : name;
}

function naturalCompare(a, b) {
  return a.localeCompare(b, 'en', { numeric: true });
}
