// A tiny app that uses the package the way a Vite user does: by name, with
// Plotly from npm (no <script> tag), the engine and parse workers and the
// .wasm emitted by Vite's build.
import { CosineSimilarityHeatmap, loadEngine, parseEmbeddingsOffThread } from 'cosine-heatmap';
import 'cosine-heatmap/element';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

// The element inside a React app: React 19 sets `embeddings` and `labels` as
// properties (the element defines them) and forwards `title` as an attribute.
function renderInReact(container) {
  return new Promise((resolve, reject) => {
    const onRef = (element) => {
      if (!element) return;
      element.addEventListener('ready', () => resolve(element), { once: true });
      element.addEventListener('error', (event) => reject(new Error(event.detail.message)), { once: true });
    };
    createRoot(container).render(
      createElement('cosine-heatmap', {
        ref: onRef,
        embeddings: [[1, 0], [0.8, 0.2], [0, 1], [0.1, 0.9]],
        labels: ['cat', 'kitten', 'car', 'truck'],
        title: 'From React',
        style: { display: 'block', width: '480px', height: '360px' },
      }),
    );
  });
}

async function main() {
  const engine = await loadEngine({ workers: 2 });
  const { data, dims } = await engine.cosineSimilarity([[1, 0, 0], [1, 1, 0], [0, 0, 2]]);
  const parsed = await parseEmbeddingsOffThread('0.5,0.5\n1,0\n0,1\n', { name: 'inline.csv' });
  const view = new CosineSimilarityHeatmap(document.getElementById('plot'), { title: 'From Vite' });
  await view.setEmbeddings(parsed, { labels: ['ab', 'a', 'b'] });
  const element = document.getElementById('element');
  const ready = new Promise((resolve) => element.addEventListener('ready', resolve, { once: true }));
  element.embeddings = { data: new Float32Array([1, 0, 0, 1, 1, 1]), dims: [3, 2] };
  await ready;
  const fromReact = await renderInReact(document.getElementById('react-root'));
  return {
    react: {
      size: fromReact.view.embeddings.size,
      labels: fromReact.view.labels,
      title: fromReact.view.options.title,
      trace: fromReact.querySelector('.js-plotly-plot')?.data?.[0]?.type ?? null,
    },
    matrix: Array.from(data),
    dims,
    parsedDims: parsed.dims,
    trace: document.getElementById('plot').data[0].type,
    elementSize: element.view.embeddings.size,
    sameEngine: element.engine === engine,
  };
}

main().then(
  (result) => { window.result = result; },
  (error) => { window.failure = String(error?.stack ?? error); },
);
