// Progress of a report's computation, shared by the command line
// (report-file.js, on stderr) and the notebook's live report (report-live.js,
// in its status line).

// The set as reportData() sees it, telling onProgress when each of its long
// engine calls starts and how far it is; everything else passes straight
// through. reportData() stays a plain function of the set.
const PHASES = { order: 'order', overview: 'overview', analyze: 'statistics' };

export function announcing(set, onProgress) {
  return new Proxy(set, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      const phase = PHASES[key];
      if (!phase) return value.bind(target);
      return (callOptions = {}) => {
        const detail = phase === 'order' && callOptions.method ? `(${ORDER_WORDS[callOptions.method] ?? callOptions.method})` : undefined;
        onProgress({ phase, detail });
        return value.call(target, { ...callOptions, onProgress: (progress) => onProgress({ phase, detail, ...progress }) });
      };
    },
  });
}

const ORDER_WORDS = { spectral: 'spectral bisection', average: 'average linkage', complete: 'complete linkage', single: 'single linkage', groups: 'by group' };
