// apache-arrow's IPC reader for the Arrow parser; bundled by scripts/build.sh
// into web/build/arrow-libs.js for the demo page (module workers have no import map).
export { RecordBatchReader, Type } from 'apache-arrow';
