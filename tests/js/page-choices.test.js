// The demo page's choices made for the user, without a browser: which
// metadata column groups the items and which one labels them
// (web/app/metadata-columns.js), and why the whole matrix cannot be exported
// (web/app/export-buttons.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultGroupChoice, defaultLabelChoice } from '../../web/app/metadata-columns.js';
import { wholeMatrixRefusal } from '../../web/app/export-buttons.js';

// A data set of n items whose metadata has these columns: {name: (i) => value}.
function dataSet(n, columns, labels) {
  const names = Object.keys(columns);
  return {
    name: 'x.npy',
    embeddings: { data: new Float32Array(n), dims: [n, 1], labels },
    metadata: { columns: names, rows: Array.from({ length: n }, (_, i) => names.map((c) => columns[c](i))) },
  };
}

test('a column named like a group groups the items; a text-like column labels them', () => {
  for (const name of ['group', 'label', 'class', 'category', 'topic', 'cluster', 'digit', 'Topic', 'clusters']) {
    const set = dataSet(100, { id: (i) => `#${i}`, score: (i) => String(i / 7), [name]: (i) => `g${i % 5}` });
    assert.equal(defaultGroupChoice(set), 'm:2', name);
    assert.equal(defaultLabelChoice(set), 'm:0', name);
  }
  const texts = dataSet(100, { id: (i) => `#${i}`, sentence: (i) => `text ${i}`, topic: (i) => `t${i % 3}` });
  assert.equal(defaultLabelChoice(texts), 'm:1', 'a sentence reads better than an id');
  assert.equal(defaultGroupChoice(texts), 'm:2');
});

test('any column with 2 to √n distinct values groups; more, fewer or all-unique values do not', () => {
  // n = 100: √n = 10.
  assert.equal(defaultGroupChoice(dataSet(100, { word: (i) => `w${i}`, pos: (i) => `p${i % 10}` })), 'm:1');
  assert.equal(defaultGroupChoice(dataSet(100, { word: (i) => `w${i}`, pos: (i) => `p${i % 11}` })), '', '11 > √100');
  assert.equal(defaultGroupChoice(dataSet(100, { word: (i) => `w${i}`, pos: () => 'same' })), '', 'one value is no grouping');
  // A column named like a group whose values are nearly all different is not a grouping.
  assert.equal(defaultGroupChoice(dataSet(100, { label: (i) => `item ${i}` })), '');
  assert.equal(defaultLabelChoice(dataSet(100, { label: (i) => `item ${i}` })), 'm:0');
  // A text-like column with few values still labels, and does not group by the √n rule.
  assert.equal(defaultGroupChoice(dataSet(100, { name: (i) => `n${i % 4}` })), '');
});

test('without a text-like name, the column of unique values labels; a preferred column wins', () => {
  const set = dataSet(50, { digit: (i) => String(i % 10), index: (i) => String(i) });
  assert.equal(defaultLabelChoice(set), 'm:1');
  assert.equal(defaultGroupChoice(set), 'm:0');
  assert.equal(defaultLabelChoice(set, 'digit'), 'm:0');
  assert.equal(defaultGroupChoice(set, 'index'), 'm:1');
});

test('without metadata, the file\'s own labels group the items when they repeat few times', () => {
  const labels = Array.from({ length: 100 }, (_, i) => `c${i % 4}`);
  const set = { name: 'x.csv', embeddings: { data: new Float32Array(100), dims: [100, 1], labels } };
  assert.equal(defaultGroupChoice(set), 'file');
  assert.equal(defaultLabelChoice(set), 'file');
  const unique = { ...set, embeddings: { ...set.embeddings, labels: labels.map((l, i) => `${l}-${i}`) } };
  assert.equal(defaultGroupChoice(unique), '');
  assert.equal(defaultGroupChoice({ name: 'x.npy', embeddings: { dims: [100, 1] } }), '');
});

test('the whole matrix is refused above the budget in plain words', () => {
  assert.equal(wholeMatrixRefusal(20_000, 2 ** 30), '20,000 items: 1.5 GiB, over the 1.0 GiB limit; export the visible cells instead');
  assert.equal(wholeMatrixRefusal(16_384, 2 ** 30), null, 'exactly the budget fits');
  assert.match(wholeMatrixRefusal(16_385, 2 ** 30), /^16,385 items: 1\.0 GiB \(1,073,872,900 bytes\), over the 1\.0 GiB \(1,073,741,824 bytes\) limit;/);
  assert.equal(wholeMatrixRefusal(1_797), null);
});
