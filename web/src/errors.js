// The one error class the library throws for problems it detects (bad
// input, core failures, cancelled or failed workers), so callers can tell
// them apart from their own bugs with `instanceof`.
export class CosineHeatmapError extends Error {
  constructor(message, options = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CosineHeatmapError';
    if (options.code !== undefined) this.code = options.code;
  }
}
