import { CosineHeatmapError } from './errors.js';
import { groupOrder } from './heatmap-groups.js';
import { autoOrderMethod } from './operations/order.js';

const now = () => (globalThis.performance ?? Date).now();

// The view's order: which permutation a method means for a set, and how the
// view says which order it shows. The view draws the original order first
// and the requested one when it is ready; its orderStatus tells the two apart.

const METHOD_WORDS = Object.freeze({
  original: 'file order',
  average: 'average linkage',
  complete: 'complete linkage',
  single: 'single linkage',
  spectral: 'spectral bisection',
  groups: 'group',
});

/** The method an order option stands for: 'auto' as set.order({method: 'auto'}) resolves it. */
export function resolveOrderMethod(option, size, groups) {
  return option === 'auto' ? autoOrderMethod(size, Boolean(groups)) : option;
}

export function needsGroups() {
  return new CosineHeatmapError("heatmap option order: 'groups' needs a group per item: setEmbeddings(x, {groups}) or update({groups})");
}

/**
 * The permutation for an order option: the engine's (set.order) when it has
 * one; without it, 'groups' sorts in JavaScript and the clustering methods
 * keep the original order. undefined stands for the original order.
 */
export async function orderFor(set, option, groups) {
  const method = resolveOrderMethod(option, set.size, groups);
  if (method === 'original') return undefined;
  if (method === 'groups' && !groups) throw needsGroups();
  if (typeof set.order === 'function') {
    // Hierarchical orders in their optimal leaf order where the engine allows it.
    return set.order(method === 'groups' ? { method, groups, optimalLeafOrdering: 'auto' } : { method, optimalLeafOrdering: 'auto' });
  }
  return method === 'groups' ? groupOrder(groups) : undefined;
}

// Starts computing the order for `option` and records how it ends, so that
// setEmbeddings can see whether it is ready with the first picture:
// {option, method, result: Promise<{order, ms} | {error}> (never rejects),
// outcome: the same once settled}.
export function startOrder(set, option, groups) {
  const ordering = { option, method: resolveOrderMethod(option, set.size, groups), outcome: null };
  const started = now();
  ordering.result = orderFor(set, option, groups).then(
    (order) => ({ order, ms: now() - started }),
    (error) => ({ error }),
  ).then((outcome) => {
    ordering.outcome = outcome;
    return outcome;
  });
  return ordering;
}

/**
 * The order status a view reports (view.orderStatus, 'order' events):
 * {requested: the option, method: what it resolves to, shown: the method
 * drawn now, pending: whether the requested order is still being computed,
 * ms: how long it took, error: why it failed (a message) or null}.
 */
export function orderStatus(requested, method, { shown = method, pending = false, ms = null, error = null } = {}) {
  return Object.freeze({ requested, method, shown, pending, ms, error });
}

/** A method in words: "average linkage", "group", "file order"; with " (auto)" when 'auto' chose it. */
export function orderWords(method, requested = method) {
  return `${METHOD_WORDS[method] ?? method}${requested === 'auto' ? ' (auto)' : ''}`;
}

/**
 * The status in words: "ordered by average linkage (auto) in 1,234 ms",
 * "in file order — ordering by spectral bisection (auto)…", "in file order".
 */
export function describeOrder(status) {
  if (!status) return '';
  const auto = status.requested === 'auto' ? ' (auto)' : '';
  const shown = status.shown === 'original' ? 'in file order' : `ordered by ${METHOD_WORDS[status.shown] ?? status.shown}`;
  if (status.pending && status.method === 'original') return `${shown} — back to file order…`;
  if (status.pending) return `${shown} — ordering by ${orderWords(status.method, status.requested)}…`;
  if (status.error) return `${shown} (ordering by ${METHOD_WORDS[status.method] ?? status.method} failed: ${status.error})`;
  if (status.shown === 'original') return shown;
  const ms = status.ms === null ? '' : ` in ${Math.round(status.ms).toLocaleString('en-US')} ms`;
  return `${shown}${auto}${ms}`;
}
