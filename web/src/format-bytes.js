const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];

// "1.5 GiB". When `other` is given and would print the same, both are
// told apart by exact bytes: "1073741828 bytes over 1073741824" must never
// read as "1.0 GiB over 1.0 GiB".
export function formatBytes(bytes, other) {
  const text = rounded(bytes);
  if (other !== undefined && other !== bytes && Number.isFinite(other) && rounded(other) === text) {
    return `${text} (${bytes.toLocaleString('en-US')} bytes)`;
  }
  return text;
}

function rounded(bytes) {
  if (!Number.isFinite(bytes)) return String(bytes);
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}
