// The data set the page opens on: 1,797 hand-written digits (UCI, CC BY 4.0),
// each an 8×8 image flattened to 64 numbers, labelled and grouped by its digit
// (repeated labels get their row number: "3 (#17)").
const BASE = new URL('../data/digits/', import.meta.url);

export const DEFAULT_DATA = Object.freeze({
  name: 'UCI hand-written digits',
  vectors: new URL('digits.npy', BASE),
  metadata: new URL('labels.tsv', BASE),
  labelColumn: 'digit',
  groupColumn: 'digit',
});
