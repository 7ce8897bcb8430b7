// The built-in text embedder (C++ core, no weights, nothing leaves the
// machine), run in one worker with progress from inside it.
import { coreValue } from '../core-result.js';
import { withTransfers } from '../worker-results.js';
import { CosineHeatmapError } from '../errors.js';
import { boolean, describeValue, integerIn, isArrayLike } from '../validate-options.js';

// The core's own limits (cpp/src/text_embedder.cpp), checked here first so
// a wrong type is named instead of arriving as 0 or -2147483648.
const SETTINGS = {
  dim: (v) => integerIn(v, 1, 1 << 20, 'embedTexts: dim'),
  charNgramMin: (v) => integerIn(v, 0, 64, 'embedTexts: charNgramMin'),
  charNgramMax: (v) => integerIn(v, 0, 64, 'embedTexts: charNgramMax'),
  bigrams: (v) => boolean(v, 'embedTexts: bigrams'),
  lowercase: (v) => boolean(v, 'embedTexts: lowercase'),
  svdComponents: (v) => integerIn(v, 0, 1 << 20, 'embedTexts: svdComponents'),
};

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  embedTexts(host, { texts, settings }, { progress }) {
    return withTransfers(coreValue(host.core._embedTexts(texts, settings, progress), 'embedTexts'));
  },
};

export async function embedTexts(engine, texts, options) {
  const { signal, onProgress, ...rest } = options;
  if (!isArrayLike(texts) || texts.length === 0) {
    throw new CosineHeatmapError(`embedTexts: no texts: pass a non-empty array of strings, got ${describeValue(texts)}`, {
      code: 'INVALID_ARGUMENT',
    });
  }
  const list = Array.from(texts);
  const bad = list.findIndex((text) => typeof text !== 'string');
  if (bad >= 0) {
    throw new CosineHeatmapError(`embedTexts: text ${bad} is ${typeof list[bad]}, not a string`, { code: 'INVALID_ARGUMENT' });
  }
  if (list.every((text) => text.trim() === '')) {
    throw new CosineHeatmapError(`embedTexts: all ${list.length} texts are blank: nothing to embed`, { code: 'INVALID_ARGUMENT' });
  }
  const settings = {};
  for (const [name, value] of Object.entries(rest)) {
    if (!Object.hasOwn(SETTINGS, name)) {
      throw new CosineHeatmapError(
        `embedTexts: unknown option "${name}" (options: ${Object.keys(SETTINGS).join(', ')}, signal, onProgress)`,
        { code: 'INVALID_ARGUMENT' },
      );
    }
    if (value !== undefined) settings[name] = SETTINGS[name](value);
  }
  let embedded = null;
  await engine._pool.run([{ action: 'embedTexts', args: { texts: list, settings }, weight: list.length }], {
    signal,
    onProgress,
    onResult: (_, result) => (embedded = result),
  });
  return embedded;
}
