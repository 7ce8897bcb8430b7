// Copies the lower triangle of a row-major n×n matrix onto the upper one, so
// S(i, j) and S(j, i) are the same float. Blocked: a column-wise walk over a
// large matrix would touch a new cache line for every element.
const BLOCK = 64;

export function mirrorLower(data, n) {
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    for (let j0 = 0; j0 <= i0; j0 += BLOCK) {
      const j1 = Math.min(n, j0 + BLOCK);
      for (let i = i0; i < i1; i++) {
        const row = i * n;
        const end = Math.min(j1, i);
        for (let j = j0; j < end; j++) data[j * n + i] = data[row + j];
      }
    }
  }
  return data;
}
