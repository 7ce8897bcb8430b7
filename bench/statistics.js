// Timings of the statistics (issue 7's targets) and of the built-in text
// embedder (issue 6's), in Node with a given number of workers.
import { loadEngine } from '../web/src/index.js';
import { randomRows } from './measure.js';

async function timed(run) {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

export async function benchAnalyze({ n = 20000, d = 384, workers = 2 } = {}) {
  const engine = await loadEngine({ workers });
  const set = await engine.embeddings({ data: randomRows(n, d), dims: [n, d] }, { transfer: true });
  const { ms } = await timed(() => set.analyze());
  set.dispose();
  engine.dispose();
  return { n, d, workers, ms };
}

// analyze() against the bare streamed pass (pairSummary()) of the same set,
// in the same engine: each repeat loads the set afresh (analyze() keeps its
// result per set) and times the two one after the other; best of repeats.
export async function benchAnalyzeAgainstPass({ n = 20000, d = 384, workers = 2, repeats = 3 } = {}) {
  const engine = await loadEngine({ workers });
  const data = randomRows(n, d);
  let passMs = Infinity;
  let analyzeMs = Infinity;
  for (let r = 0; r < repeats; r++) {
    const set = await engine.embeddings({ data, dims: [n, d] });
    passMs = Math.min(passMs, (await timed(() => set.pairSummary())).ms);
    analyzeMs = Math.min(analyzeMs, (await timed(() => set.analyze())).ms);
    set.dispose();
  }
  engine.dispose();
  return { n, d, workers, passMs, analyzeMs, ratio: analyzeMs / passMs };
}

// Mean and std (closed forms, no pass over pairs) and compare()'s Pearson
// and CKA at large n: the pair pass of compare() is skipped above 20,000.
export async function benchClosedForms({ n = 100000, d = 384, workers = 2 } = {}) {
  const engine = await loadEngine({ workers });
  const a = await engine.embeddings({ data: randomRows(n, d, 1), dims: [n, d] }, { transfer: true });
  const b = await engine.embeddings({ data: randomRows(n, d, 2), dims: [n, d] }, { transfer: true });
  const moments = await timed(() => engine._pool.run([{ action: 'gramStatistics', args: { id: a._id } }]));
  // Above 20,000 items compare() computes only Pearson and CKA (closed forms).
  const comparison = await timed(() => a.compare(b));
  a.dispose();
  b.dispose();
  engine.dispose();
  return { n, d, meanStdMs: moments.ms, pearsonCkaMs: comparison.ms };
}

export async function benchTextEmbedder({ texts = 10000, workers = 1, repeats = 3 } = {}) {
  const engine = await loadEngine({ workers });
  const topics = ['markets', 'rivers', 'proteins', 'elections', 'compilers', 'recipes', 'galaxies'];
  // About 120 bytes each, the length of an ordinary English sentence.
  const corpus = Array.from({ length: texts }, (_, i) =>
    `Sentence ${i} says something about ${topics[i % 7]} and ${topics[(i * 3) % 7]}, noting that the ` +
    `figures for item ${(i * 7919) % 1000} changed after review ${i % 13}.`);
  const bytes = corpus.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  await engine.embedTexts(corpus.slice(0, 200)); // warm-up
  let best = Infinity;
  for (let r = 0; r < repeats; r++) best = Math.min(best, (await timed(() => engine.embedTexts(corpus))).ms);
  engine.dispose();
  return { texts, bytes, ms: best, mbPerSecond: bytes / 1e6 / (best / 1000), textsPerSecond: texts / (best / 1000) };
}
