// What a person does to the demo page, as the browser tests do it.

/**
 * Runs `action` (a drop, a file chosen, a menu changed) and waits until the
 * page's status says that work is done. The status is first set to a state
 * the page never uses, so a "done" left from before cannot end the wait.
 */
export async function settle(page, action, timeout = 30_000) {
  await page.evaluate(() => { document.getElementById('status').dataset.state = 'test-waiting'; });
  await action();
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'done', null, { timeout });
}

/**
 * Drops files on the drop zone as a browser does: dragenter, dragover, drop
 * with one DataTransfer. A spec is {name, text}, or {global} for a File the
 * test made on window. Returns whether the zone lit up while dragging and
 * whether it still is after the drop.
 * @returns {Promise<{highlighted: boolean, after: boolean}>}
 */
export function dropFiles(page, specs) {
  return page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(f.global ? window[f.global] : new File([f.text], f.name));
    const zone = document.getElementById('drop-zone');
    const fire = (type) => zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    fire('dragenter');
    fire('dragover');
    const highlighted = zone.classList.contains('drop-active');
    fire('drop');
    return { highlighted, after: zone.classList.contains('drop-active') };
  }, specs);
}

/**
 * Moves the mouse onto cell (row, col) of the view on a fixture page
 * (window.stage.plot), in data coordinates, and waits for its hover label,
 * which it returns.
 */
export async function hoverCell(page, row, col) {
  const target = await page.evaluate(([r, c]) => {
    const gd = window.stage.plot;
    const area = gd.querySelector('.nsewdrag[data-subplot="xy"]').getBoundingClientRect();
    return { x: area.left + gd._fullLayout.xaxis.d2p(c), y: area.top + gd._fullLayout.yaxis.d2p(r) };
  }, [row, col]);
  // Arriving from a step away makes Plotly fire the hover even on the same cell.
  await page.mouse.move(target.x - 15, target.y - 15);
  await page.mouse.move(target.x, target.y, { steps: 2 });
  const label = page.locator('#plot .hovertext').first();
  await label.waitFor({ state: 'visible', timeout: 10_000 });
  return label;
}
