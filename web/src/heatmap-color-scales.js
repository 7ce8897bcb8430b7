import { CosineHeatmapError } from './errors.js';

// The reference plots with plotly express, whose "Blues", "RdBu", "Greys" …
// are the ColorBrewer scales (light to dark; RdBu red to blue). Plotly.js has
// built-in scales under the same names that run the other way and use other
// colours, so these names are resolved here to keep parity with the reference.
const BREWER = {
  Blues: ['247,251,255', '222,235,247', '198,219,239', '158,202,225', '107,174,214', '66,146,198', '33,113,181', '8,81,156', '8,48,107'],
  Greens: ['247,252,245', '229,245,224', '199,233,192', '161,217,155', '116,196,118', '65,171,93', '35,139,69', '0,109,44', '0,68,27'],
  Greys: ['255,255,255', '240,240,240', '217,217,217', '189,189,189', '150,150,150', '115,115,115', '82,82,82', '37,37,37', '0,0,0'],
  Oranges: ['255,245,235', '254,230,206', '253,208,162', '253,174,107', '253,141,60', '241,105,19', '217,72,1', '166,54,3', '127,39,4'],
  Purples: ['252,251,253', '239,237,245', '218,218,235', '188,189,220', '158,154,200', '128,125,186', '106,81,163', '84,39,143', '63,0,125'],
  Reds: ['255,245,240', '254,224,210', '252,187,161', '252,146,114', '251,106,74', '239,59,44', '203,24,29', '165,15,21', '103,0,13'],
  YlGnBu: ['255,255,217', '237,248,177', '199,233,180', '127,205,187', '65,182,196', '29,145,192', '34,94,168', '37,52,148', '8,29,88'],
  YlOrRd: ['255,255,204', '255,237,160', '254,217,118', '254,178,76', '253,141,60', '252,78,42', '227,26,28', '189,0,38', '128,0,38'],
  BrBG: ['84,48,5', '140,81,10', '191,129,45', '223,194,125', '246,232,195', '245,245,245', '199,234,229', '128,205,193', '53,151,143', '1,102,94', '0,60,48'],
  PiYG: ['142,1,82', '197,27,125', '222,119,174', '241,182,218', '253,224,239', '247,247,247', '230,245,208', '184,225,134', '127,188,65', '77,146,33', '39,100,25'],
  RdBu: ['103,0,31', '178,24,43', '214,96,77', '244,165,130', '253,219,199', '247,247,247', '209,229,240', '146,197,222', '67,147,195', '33,102,172', '5,48,97'],
  RdYlBu: ['165,0,38', '215,48,39', '244,109,67', '253,174,97', '254,224,144', '255,255,191', '224,243,248', '171,217,233', '116,173,209', '69,117,180', '49,54,149'],
};

// Plotly.js built-ins without a ColorBrewer namesake pass through by name.
const PLOTLY_NAMED = [
  'Blackbody', 'Bluered', 'Cividis', 'Earth', 'Electric', 'Hot', 'Jet', 'Picnic', 'Portland', 'Rainbow', 'Viridis',
];

const CANONICAL = new Map(
  [...Object.keys(BREWER), ...PLOTLY_NAMED].map((name) => [name.toLowerCase(), name]),
);

/** Names accepted by `colorScale` (case-insensitive; a `_r` suffix reverses). */
export const COLOR_SCALE_NAMES = Object.freeze([...CANONICAL.values()].sort());

/**
 * Turns a `colorScale` option into what Plotly's `colorscale` takes: an array
 * of [position, colour] pairs for the ColorBrewer names, the Plotly name for
 * its other built-ins, or a validated copy of a custom array.
 * @param {string | Array<[number, string]> | string[]} value
 * @returns {string | Array<[number, string]>}
 */
export function resolveColorScale(value) {
  if (typeof value === 'string') return resolveName(value);
  if (Array.isArray(value)) return resolveArray(value);
  throw new CosineHeatmapError(`colorScale: expected a scale name or an array of [position, colour], got ${typeof value}`);
}

function resolveName(value) {
  const reversed = /_r$/i.test(value);
  const key = (reversed ? value.slice(0, -2) : value).toLowerCase();
  const name = CANONICAL.get(key);
  if (!name) {
    throw new CosineHeatmapError(
      `colorScale: unknown scale "${value}"; use one of ${COLOR_SCALE_NAMES.join(', ')} (add _r to reverse) or an array of [position, colour]`,
    );
  }
  if (!BREWER[name]) {
    if (!reversed) return name;
    throw new CosineHeatmapError(`colorScale: "${value}": reverse Plotly's built-in scales with reverseScale: true`);
  }
  const colors = reversed ? [...BREWER[name]].reverse() : BREWER[name];
  return evenlySpaced(colors.map((rgb) => `rgb(${rgb})`));
}

function resolveArray(value) {
  if (value.length < 2) throw new CosineHeatmapError('colorScale: a custom scale needs at least two colours');
  // A plain list of colours is spread evenly, like plotly express does.
  if (value.every((c) => typeof c === 'string')) return evenlySpaced(value);
  let previous = -Infinity;
  const stops = value.map((stop, i) => {
    if (!Array.isArray(stop) || stop.length !== 2 || typeof stop[0] !== 'number' || typeof stop[1] !== 'string') {
      throw new CosineHeatmapError(`colorScale: entry ${i} must be [position, colour], got ${JSON.stringify(stop)}`);
    }
    const [position, color] = stop;
    if (!(position >= 0 && position <= 1) || position < previous) {
      throw new CosineHeatmapError(`colorScale: entry ${i}: positions must rise from 0 to 1, got ${position}`);
    }
    previous = position;
    return [position, color];
  });
  if (stops[0][0] !== 0 || stops[stops.length - 1][0] !== 1) {
    throw new CosineHeatmapError('colorScale: a custom scale must start at position 0 and end at 1');
  }
  return stops;
}

function evenlySpaced(colors) {
  const last = colors.length - 1;
  return colors.map((color, i) => [i / last, color]);
}

const DIVERGING = new Set(['brbg', 'piyg', 'rdbu', 'rdylbu']);

/** Whether a `colorScale` option names a diverging scale (its middle is neutral). */
export function isDivergingScale(value) {
  return typeof value === 'string' && DIVERGING.has(value.toLowerCase().replace(/_r$/, ''));
}
