import { CosineHeatmapError } from './errors.js';

// The Parquet and Arrow readers load only when such a file comes. Node and
// bundlers resolve the npm packages (the literal import lets a bundler see
// them); a browser without a bundler (the demo page, whose parsing worker has
// no import map) gets the bundles scripts/build.sh puts in web/build, served
// from the page's own origin.
export const loadParquetLibs = once(() => importEither(
  () => import('./parquet-libs.js'), '../build/parquet-libs.js', 'hyparquet and hyparquet-compressors'));
export const loadArrowLibs = once(() => importEither(
  () => import('./arrow-libs.js'), '../build/arrow-libs.js', 'apache-arrow'));

function once(start) {
  let promise;
  return () => {
    promise ??= start().catch((error) => {
      promise = undefined;
      throw error;
    });
    return promise;
  };
}

async function importEither(importPackage, bundle, packages) {
  try {
    return await importPackage();
  } catch (packageError) {
    try {
      return await import(/* @vite-ignore */ new URL(bundle, import.meta.url).href);
    } catch {
      throw new CosineHeatmapError(
        `cannot load ${packages} (${packageError.message}): install the npm package, or run scripts/build.sh for the page's bundle`,
        { cause: packageError });
    }
  }
}
