// Type declarations for 'cosine-heatmap/transformers' (web/src/transformers.js):
// text embeddings from a Transformers.js feature-extraction model, as the
// {data, dims} tensor the engine takes. Needs the optional peer dependency
// @huggingface/transformers.

export type Pooling = 'mean' | 'cls' | 'first_token' | 'last_token' | 'eos';

export interface TransformersProgress {
  phase: 'load' | 'embed';
  done: number;
  total: number;
  file?: string;
}

export interface EmbedWithTransformersOptions {
  /** A model id (e.g. "Xenova/all-MiniLM-L6-v2") or a folder name under localModelPath. */
  model: string;
  pooling?: Pooling;
  /** L2-normalize each vector (default true). */
  normalize?: boolean;
  onProgress?: (progress: TransformersProgress) => void;
  signal?: AbortSignal;
  /** Offline: a folder holding <model>/config.json, tokenizer files and onnx/model*.onnx. */
  localModelPath?: string;
  allowRemoteModels?: boolean;
  /** Browser: where the ONNX Runtime .wasm / .mjs files are (Transformers.js defaults to a CDN). */
  wasmPaths?: string | Record<string, string>;
  batchSize?: number;
  /** Passed to Transformers.js as is, e.g. 'fp32' or 'q8'. */
  dtype?: string | Record<string, string>;
  device?: string;
}

export function embedWithTransformers(
  texts: readonly string[],
  options: EmbedWithTransformersOptions,
): Promise<{ data: Float32Array; dims: [number, number] }>;
