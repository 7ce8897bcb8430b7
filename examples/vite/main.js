// npm install && npm run dev   (or: npm run build && npm run preview)
import { CosineSimilarityHeatmap, exportImage, downloadFile } from 'cosine-heatmap';
import 'cosine-heatmap/element'; // registers <cosine-heatmap>

const words = ['cat', 'kitten', 'dog', 'puppy', 'car', 'truck', 'bicycle'];
// Stand-in embeddings; use your model's (or cosine-heatmap/transformers).
const vectors = words.map((word) => Array.from({ length: 16 }, (_, k) => Math.sin((word.charCodeAt(0) + 7 * word.length) * (k + 1))));

// Plotly comes from the plotly.js-dist-min dependency, loaded on first draw.
const view = new CosineSimilarityHeatmap(document.getElementById('plot'), { order: 'average', colorScale: 'RdBu' });
await view.setEmbeddings(vectors, { labels: words });

const element = document.querySelector('cosine-heatmap');
element.labels = words;
element.embeddings = vectors;

const button = document.createElement('button');
button.textContent = 'Download PNG';
button.onclick = async () => downloadFile(await exportImage(view, { format: 'png', scale: 2 }), 'similarity.png');
document.body.append(button);
