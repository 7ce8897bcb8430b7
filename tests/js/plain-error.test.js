// The page's banner says what a control could not do in the controls' words
// (web/app/plain-error.js): the library's messages name options and API
// values ("zmin", "use 'spectral'"), which a person at the page never typed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CosineHeatmapError } from '../../web/src/errors.js';
import { resolveHeatmapOptions } from '../../web/src/heatmap-options.js';
import { plainError } from '../../web/app/plain-error.js';

// The library's own error for `changes`, so the words matched are the ones it writes today.
function refusal(changes) {
  try {
    resolveHeatmapOptions(changes);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${JSON.stringify(changes)} to be refused`);
}

const API_WORDS = /zmin|zmax|colorScale|_r\b|'spectral'|'auto'|order:|heatmap option|setEmbeddings|update\(/;

test('a minimum above the maximum, in the colour range\'s words', () => {
  const words = plainError(refusal({ range: 'fixed', zmin: 0.8, zmax: 0.2 }));
  assert.equal(words, 'The colour range\'s minimum (0.8) must be less than its maximum (0.2).');
});

test('a minimum that is not a number asks for one', () => {
  const words = plainError(refusal({ range: 'fixed', zmin: Number.NaN }));
  assert.equal(words, 'Type a number from −1 to 1 for the colour range\'s minimum.');
});

test('a hierarchical order over the limit names the menu\'s choice and what to pick instead', () => {
  const error = new CosineHeatmapError(
    'order: average linkage of 20000 items needs O(n^2) memory (800 MB of pairwise distances); hierarchical orders are limited to '
      + "10000 items: use 'spectral' or 'auto' for larger sets",
    { code: 'TOO_LARGE' },
  );
  assert.equal(plainError(error), 'Clustering (average linkage) of 20,000 items would need 800 MB of pairwise distances; '
    + 'this page clusters up to 10,000 items. Choose spectral for larger sets.');
});

test('ordering by group without groups points at the grouping column', () => {
  const error = new CosineHeatmapError("heatmap option order: 'groups' needs a group per item: setEmbeddings(x, {groups}) or update({groups})");
  assert.doesNotMatch(plainError(error), API_WORDS);
  assert.match(plainError(error), /Group items by/);
});

test('every option error a control can raise comes out without API names', () => {
  for (const changes of [{ colorScale: 'NoSuchScale' }, { range: 'nearly' }, { title: 5 }, { order: 'sideways' }]) {
    const words = plainError(refusal(changes));
    assert.doesNotMatch(words, API_WORDS, `${JSON.stringify(changes)}: ${words}`);
  }
});

test('other errors (a parse error naming its file and line) are shown as they are', () => {
  const error = new Error('digits.csv line 3, column 7: "abc" is not a number');
  assert.equal(plainError(error), error.message);
  assert.equal(plainError('plain text'), 'plain text');
});
