// The heatmap's keyboard: where the arrow keys move the focused cell, where
// + and − zoom around it, and what a screen reader hears.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeCell, moveFocus, panWindow, zoomWindow } from '../../web/src/heatmap-keyboard.js';

test('arrow keys move one cell and stop at the edges; Home / End go to the first / last column', () => {
  assert.deepEqual(moveFocus('ArrowRight', { row: 0, col: 0 }, [3, 4]), { row: 0, col: 1 });
  assert.deepEqual(moveFocus('ArrowDown', { row: 2, col: 1 }, [3, 4]), { row: 2, col: 1 }, 'last row: stays');
  assert.deepEqual(moveFocus('ArrowUp', { row: 0, col: 1 }, [3, 4]), { row: 0, col: 1 });
  assert.deepEqual(moveFocus('ArrowLeft', { row: 1, col: 1 }, [3, 4]), { row: 1, col: 0 });
  assert.deepEqual(moveFocus('End', { row: 1, col: 1 }, [3, 4]), { row: 1, col: 3 });
  assert.deepEqual(moveFocus('Home', { row: 1, col: 3 }, [3, 4]), { row: 1, col: 0 });
  assert.equal(moveFocus('a', { row: 1, col: 1 }, [3, 4]), null);
});

test('+ halves the window around the focus, − doubles it, up to the whole matrix', () => {
  const whole = { rows: [0, 1000], cols: [0, 1000] };
  assert.deepEqual(zoomWindow(whole, { row: 500, col: 100 }, 2, 1000), { rows: [250, 750], cols: [0, 500] }, 'kept inside the matrix');
  assert.deepEqual(zoomWindow({ rows: [250, 750], cols: [0, 500] }, { row: 500, col: 100 }, 0.5, 1000), null, 'back to everything');
  assert.deepEqual(zoomWindow({ rows: [10, 11], cols: [4, 5] }, { row: 10, col: 4 }, 2, 1000), { rows: [10, 11], cols: [4, 5] }, 'one item is the closest');
});

test('a cell is announced with both labels and its value', () => {
  const items = {
    kind: 'items', dims: [2, 2], reduce: 'mean', data: Float32Array.of(NaN, 0.25, 0.25, NaN),
    rowStarts: Int32Array.of(0, 1), rowEnds: Int32Array.of(1, 2), colStarts: Int32Array.of(0, 1), colEnds: Int32Array.of(1, 2),
  };
  const names = { labels: ['cat', 'a <dog>'], order: Int32Array.of(1, 0), zeroRows: [], valueName: 'Cosine Similarity' };
  assert.equal(describeCell(items, 0, 1, names), 'row: a <dog>, column: cat, Cosine Similarity 0.2500');
  assert.equal(describeCell(items, 1, 1, names), 'row: cat, column: cat, Cosine Similarity blank (an item with itself)');
  const blocks = { ...items, kind: 'overview', dims: [1, 1], data: Float32Array.of(0.5), rowStarts: Int32Array.of(0), rowEnds: Int32Array.of(2), colStarts: Int32Array.of(0), colEnds: Int32Array.of(2) };
  assert.equal(describeCell(blocks, 0, 0, names), 'rows: items 0–1 (2): a <dog> … cat; columns: items 0–1 (2): a <dog> … cat; mean Cosine Similarity 0.5000');
});

test('an arrow key past the edge of a zoomed window moves the window by half its size, not past the matrix', () => {
  const window = { rows: [100, 140], cols: [0, 60] };
  assert.deepEqual(panWindow(window, 'ArrowDown', 1000), { rows: [120, 160], cols: [0, 60] });
  assert.deepEqual(panWindow(window, 'ArrowRight', 1000), { rows: [100, 140], cols: [30, 90] });
  assert.equal(panWindow(window, 'ArrowLeft', 1000), null, 'already at the first column');
  assert.deepEqual(panWindow({ rows: [950, 990], cols: [0, 60] }, 'ArrowDown', 1000).rows, [960, 1000], 'up to the last row');
  assert.equal(panWindow({ rows: [0, 1000], cols: [0, 1000] }, 'ArrowUp', 1000), null, 'the whole matrix: nowhere to go');
});
