// The parts of hyparquet the Parquet parser uses, in one module: Node and
// bundlers resolve these bare names; the demo page loads the bundle that
// scripts/build.sh makes of this file (web/build/parquet-libs.js), since
// module workers have no import map.
export { parquetMetadataAsync, parquetSchema, parquetReadObjects } from 'hyparquet';
export { parquetHeader } from 'hyparquet/src/column.js';
export { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
export { readPlain } from 'hyparquet/src/plain.js';
export { getMaxDefinitionLevel, getMaxRepetitionLevel } from 'hyparquet/src/schema.js';
export { compressors } from 'hyparquet-compressors';
