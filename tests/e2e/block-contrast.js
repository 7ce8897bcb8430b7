// How clearly a heatmap shows its blocks, measured on what is rendered: the
// plot area is screenshotted, and each pixel is put inside a diagonal block
// (its row item and column item in the same block) or outside. Reported:
// the mean relative luminance of each side (WCAG's definition, 0 black to 1
// white), their contrast ratio ((lighter + 0.05) / (darker + 0.05); 1 is
// none, 3 is what WCAG asks of large text), and the mean cell value of each
// side from the trace, for comparison with the colours.

/**
 * @param {import('playwright-core').Page} page
 * @param {string} selector  the Plotly graph div
 * @param {ArrayLike<number>} blockOf  the block of each ordered position (n values)
 * @param {{edges?: boolean}} [options]  edges: leave out pixels within two items of a
 *   block edge, where the view draws group lines (only for contiguous blocks)
 * @returns {Promise<{inside: {luminance, value, pixels}, outside: {luminance, value, pixels}, ratio: number}>}
 */
export async function renderedBlockContrast(page, selector, blockOf, { edges = true } = {}) {
  await page.mouse.move(0, 0); // no hover label over the cells
  const png = await page.locator(`${selector} .nsewdrag[data-subplot="xy"]`).first().screenshot();
  return page.evaluate(async ([sel, base64, blocks, skipEdges]) => {
    const gd = document.querySelector(sel);
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const { xaxis, yaxis } = gd._fullLayout;
    // Screenshot pixels to CSS pixels of the plot area (a device scale factor may differ from 1).
    const scaleX = xaxis._length / width;
    const scaleY = yaxis._length / height;
    const linear = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    const n = blocks.length;
    const position = (p) => Math.min(n - 1, Math.max(0, Math.round(p)));
    // Pixels next to a block edge are left out: boundary lines are drawn there.
    const nearEdge = (axis, p) => {
      if (!skipEdges) return false;
      const q = position(p);
      const step = Math.max(1, Math.ceil(2 * Math.abs(axis.p2d(1) - axis.p2d(0))));
      return blocks[Math.max(0, q - step)] !== blocks[q] || blocks[Math.min(n - 1, q + step)] !== blocks[q];
    };
    const sums = { inside: [0, 0], outside: [0, 0] };
    for (let y = 0; y < height; y++) {
      const row = yaxis.p2d((y + 0.5) * scaleY);
      if (nearEdge(yaxis, row)) continue;
      for (let x = 0; x < width; x++) {
        const col = xaxis.p2d((x + 0.5) * scaleX);
        if (nearEdge(xaxis, col)) continue;
        const k = 4 * (y * width + x);
        const luminance = 0.2126 * linear(data[k] / 255) + 0.7152 * linear(data[k + 1] / 255) + 0.0722 * linear(data[k + 2] / 255);
        const side = blocks[position(row)] === blocks[position(col)] ? sums.inside : sums.outside;
        side[0] += luminance;
        side[1] += 1;
      }
    }
    // Cell values of the trace: cells split the window's positions as the engine does.
    const trace = gd.data[0];
    const [rows, cols] = [trace.z.length, trace.z[0].length];
    const r0 = Math.round(trace.y0 - trace.dy / 2 + 0.5);
    const c0 = Math.round(trace.x0 - trace.dx / 2 + 0.5);
    const edge = (start, span, cells, k) => start + Math.floor((k * span) / cells);
    const spanR = Math.round(rows * trace.dy);
    const spanC = Math.round(cols * trace.dx);
    const values = { inside: [0, 0], outside: [0, 0] };
    for (let i = 0; i < rows; i++) {
      const a = edge(r0, spanR, rows, i);
      const b = edge(r0, spanR, rows, i + 1) - 1;
      if (blocks[a] !== blocks[b]) continue;
      for (let j = 0; j < cols; j++) {
        const c = edge(c0, spanC, cols, j);
        const d = edge(c0, spanC, cols, j + 1) - 1;
        const v = trace.z[i][j];
        if (blocks[c] !== blocks[d] || !Number.isFinite(v)) continue;
        const side = blocks[a] === blocks[c] ? values.inside : values.outside;
        side[0] += v;
        side[1] += 1;
      }
    }
    const mean = ([sum, count]) => (count > 0 ? sum / count : NaN);
    const inside = { luminance: mean(sums.inside), value: mean(values.inside), pixels: sums.inside[1] };
    const outside = { luminance: mean(sums.outside), value: mean(values.outside), pixels: sums.outside[1] };
    const [light, dark] = [Math.max(inside.luminance, outside.luminance), Math.min(inside.luminance, outside.luminance)];
    return { inside, outside, ratio: (light + 0.05) / (dark + 0.05) };
  }, [selector, png.toString('base64'), Array.from(blockOf), edges]);
}

/** The block of each position from the group lines the view draws (vertical lines at start − 0.5). */
export async function blocksFromGroupLines(page, selector, n) {
  const starts = await page.evaluate((sel) => document.querySelector(sel).layout.shapes
    .filter((shape) => shape.x0 === shape.x1)
    .map((shape) => shape.x0 + 0.5)
    .sort((a, b) => a - b), selector);
  const blocks = new Int32Array(n);
  let block = 0;
  for (let p = 0; p < n; p++) {
    while (block < starts.length && p >= starts[block]) block++;
    blocks[p] = block;
  }
  return { blocks, count: starts.length + 1 };
}
