// Stand-ins for Plotly and its graph div, for view tests in Node: Plotly
// records its calls (the last figure is at hand), the div lets a test play
// the user's part with emit('plotly_click', …).
export function fakePlotly() {
  const calls = [];
  const record = (name) => async (...args) => { calls.push({ name, args }); };
  return {
    calls,
    newPlot: record('newPlot'),
    react: record('react'),
    update: record('update'),
    purge: record('purge'),
    /** The data and layout of the last newPlot / react. */
    get figure() {
      const last = calls.filter((c) => c.name === 'newPlot' || c.name === 'react').at(-1);
      return last ? { data: last.args[1], layout: last.args[2] } : null;
    },
  };
}

export function fakeElement() {
  const handlers = new Map();
  return {
    id: 'plot',
    on(name, fn) { handlers.set(name, [...(handlers.get(name) ?? []), fn]); },
    removeListener(name, fn) { handlers.set(name, (handlers.get(name) ?? []).filter((f) => f !== fn)); },
    emit(name, event) { for (const fn of handlers.get(name) ?? []) fn(event); },
    listeners: (name) => (handlers.get(name) ?? []).length,
  };
}

/** n vectors in `groups` planted directions, interleaved in the file (item i is in group i % groups). */
export function planted(n, groups = 4, d = 8) {
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    data[i * d + (i % groups)] = 1;
    data[i * d + groups + ((i * 7) % (d - groups))] = 0.05 + ((i * 13) % 11) / 40;
  }
  return { data, dims: [n, d], groups: Array.from({ length: n }, (_, i) => `g${i % groups}`) };
}
