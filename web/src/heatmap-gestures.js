import { axisKey } from './heatmap-decorations.js';

// Pointer gestures beside the heatmap, where Plotly would only pan an axis:
// a drag (or click; shift extends) along the row labels and strips, or along
// the column labels and strips, selects those positions; a drag across a
// dendrogram sets the height it is cut at, a click on it selects the
// subtree under the pointer. In the heatmap itself Plotly's
// zoom stays as it is. Browser only: needs the graph div's layout.

/**
 * @param {HTMLElement} element  the graph div
 * @param {{selectPositions: (span: number[], options: object) => Promise<unknown>,
 *   selection: () => Int32Array | null, order: () => ArrayLike<number> | null,
 *   dendrogramPlace: () => {rowAxis: string, colAxis: string} | null,
 *   cutAt: (height: number) => Promise<unknown>,
 *   subtreeAt: (position: number, height: number) => number[] | null, onError: (error: unknown) => void}} hooks
 * @returns {() => void} stops watching
 */
export function watchGestures(element, hooks) {
  if (typeof element?.addEventListener !== 'function' || typeof element.getBoundingClientRect !== 'function') return () => {};
  let anchor = null; // positions of the last axis click, for shift
  const onDown = (event) => {
    // The mode bar and the legend keep their own clicks.
    if (event.button !== 0 || event.target?.closest?.('.modebar, .legend')) return;
    const layout = element._fullLayout;
    const xa = layout?.xaxis;
    const ya = layout?.yaxis;
    if (!xa?._length || !ya?._length) return;
    const box = element.getBoundingClientRect();
    const px = event.clientX - box.left;
    const py = event.clientY - box.top;
    const inRows = py >= ya._offset && py <= ya._offset + ya._length && px < xa._offset;
    const inCols = px >= xa._offset && px <= xa._offset + xa._length && (py < ya._offset || py > ya._offset + ya._length);
    if (!inRows && !inCols) return;
    const place = hooks.dendrogramPlace();
    const treeAxis = place && (inRows ? layout[axisKey(place.rowAxis)] : layout[axisKey(place.colAxis)]);
    const onTree = treeAxis?._length > 0 && (inRows
      ? px >= treeAxis._offset && px <= treeAxis._offset + treeAxis._length
      : py >= treeAxis._offset && py <= treeAxis._offset + treeAxis._length);
    event.preventDefault();
    event.stopPropagation();
    const n = hooks.order()?.length ?? 0;
    const positionAt = (x, y) => {
      const value = inRows ? ya.p2l(y - ya._offset) : xa.p2l(x - xa._offset);
      return Math.max(0, Math.min(n - 1, Math.round(value)));
    };
    const heightAt = (x, y) => Math.max(0, inRows ? treeAxis.p2l(x - treeAxis._offset) : treeAxis.p2l(y - treeAxis._offset));
    const mark = overlay(element);
    const start = onTree ? heightAt(px, py) : positionAt(px, py);
    const subtree = (x, y) => hooks.subtreeAt(positionAt(x, y), heightAt(x, y));
    const draw = (x, y) => {
      if (onTree) {
        const h = heightAt(x, y);
        const at = inRows ? treeAxis._offset + treeAxis.l2p(h) : treeAxis._offset + treeAxis.l2p(h);
        Object.assign(mark.style, inRows
          ? { left: `${at}px`, top: `${ya._offset}px`, width: '0', height: `${ya._length}px`, borderLeft: '2px dashed #c92a2a', borderTop: '0' }
          : { left: `${xa._offset}px`, top: `${at}px`, width: `${xa._length}px`, height: '0', borderTop: '2px dashed #c92a2a', borderLeft: '0' });
        return h;
      }
      const [p0, p1] = span(start, positionAt(x, y));
      const a = inRows ? ya._offset + ya.l2p(p0 - 0.5) : xa._offset + xa.l2p(p0 - 0.5);
      const b = inRows ? ya._offset + ya.l2p(p1 - 0.5) : xa._offset + xa.l2p(p1 - 0.5);
      Object.assign(mark.style, inRows
        ? { left: `${xa._offset}px`, top: `${Math.min(a, b)}px`, width: `${xa._length}px`, height: `${Math.abs(b - a)}px` }
        : { left: `${Math.min(a, b)}px`, top: `${ya._offset}px`, width: `${Math.abs(b - a)}px`, height: `${ya._length}px` });
      return [p0, p1];
    };
    const local = (e) => [e.clientX - box.left, e.clientY - box.top];
    draw(px, py);
    const move = (e) => draw(...local(e));
    const up = (e) => {
      window.removeEventListener('mousemove', move, true);
      window.removeEventListener('mouseup', up, true);
      const result = draw(...local(e));
      mark.remove();
      const [x, y] = local(e);
      if (onTree && Math.hypot(x - px, y - py) < 4) {
        const positions = subtree(x, y);
        if (positions) hooks.selectPositions(positions, { source: 'dendrogram' }).catch(hooks.onError);
        return;
      }
      if (onTree) {
        hooks.cutAt(result).catch(hooks.onError);
        return;
      }
      let [p0, p1] = result;
      if (event.shiftKey && anchor && hooks.selection()) {
        p0 = Math.min(p0, anchor[0]);
        p1 = Math.max(p1, anchor[1]);
      } else {
        anchor = [p0, p1];
      }
      hooks.selectPositions([p0, p1], { source: 'drag' }).catch(hooks.onError);
    };
    window.addEventListener('mousemove', move, true);
    window.addEventListener('mouseup', up, true);
  };
  element.addEventListener('mousedown', onDown, true);
  return () => element.removeEventListener('mousedown', onDown, true);
}

function span(a, b) {
  return [Math.min(a, b), Math.max(a, b) + 1];
}

// A box drawn over the plot while dragging (a DOM element: no redraw of the figure per mouse move).
function overlay(element) {
  if (getComputedStyle(element).position === 'static') element.style.position = 'relative';
  const mark = document.createElement('div');
  mark.className = 'cosine-heatmap-drag';
  Object.assign(mark.style, {
    position: 'absolute', pointerEvents: 'none', zIndex: 5, boxSizing: 'border-box',
    background: 'rgba(25, 113, 194, 0.15)', border: '1px solid rgba(25, 113, 194, 0.8)',
  });
  element.append(mark);
  return mark;
}
