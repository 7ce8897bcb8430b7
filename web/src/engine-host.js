// The worker side of the engine: owns the WASM module and the embedding sets
// loaded into it, and answers one action at a time. Results leave as fresh
// typed arrays (never views of the WASM heap, which can grow and detach
// them), ready to be transferred to the caller without another copy.
export class EngineHost {
  #core;
  #sets = new Map();

  constructor(core) {
    this.#core = core;
  }

  // context.progress(done, total) reports from inside a long action.
  handle(action, args, context = {}) {
    const method = this.#actions[action];
    if (!method) throw new Error(`unknown engine action "${action}"`);
    return method.call(this, args, context);
  }

  #actions = {
    info() {
      return { result: { kernel: this.#core._kernelIsa(), sets: this.#sets.size, heapBytes: this.#core.HEAP8.length } };
    },

    embedTexts({ texts, options }, { progress }) {
      return withTransfers(checked(this.#core._embedTexts(texts, options, progress), 'embedTexts'));
    },

    load({ id, tensor, name }) {
      const set = this.#loadSet(tensor, name);
      this.#dispose(id);
      this.#sets.set(id, set);
      return { result: this.#describe(set) };
    },

    dispose({ id }) {
      this.#dispose(id);
      return { result: true };
    },

    // Rows [r0, r1) against columns [0, r1): one band of the lower triangle,
    // followed by its transpose (r1 rows of r1 - r0) for the upper one.
    band({ id, rows: [r0, r1] }) {
      const set = this.#set(id);
      const data = this.#withOutput(2 * (r1 - r0) * r1, (ptr) =>
        check(set._bandWithTranspose(r0, r1, ptr), 'band'),
      );
      return { result: data, transfer: [data.buffer] };
    },

    // Rows [r0, r1) of one set against every row of another.
    crossRows({ id, otherId, rows: [r0, r1] }) {
      const set = this.#set(id);
      const other = this.#set(otherId);
      const data = this.#withOutput((r1 - r0) * other._size(), (ptr) =>
        check(set._crossRows(other, r0, r1, ptr), 'cross similarity'),
      );
      return { result: data, transfer: [data.buffer] };
    },

    pairSummary({ id, rows: [r0, r1] }) {
      return { result: this.#set(id)._pairSummary(r0, r1) };
    },

    order({ id, method, groupIds }) {
      const set = this.#set(id);
      const core = this.#core;
      const n = set._size();
      const groupsPtr = groupIds.length ? core._malloc(groupIds.length * 4) : 0;
      const out = core._malloc(n * 4);
      try {
        if (groupsPtr) core.HEAP32.set(groupIds, groupsPtr / 4);
        check(set._order(method, groupsPtr, groupIds.length, out), 'order');
        const permutation = core.HEAP32.slice(out / 4, out / 4 + n);
        return { result: permutation, transfer: [permutation.buffer] };
      } finally {
        if (groupsPtr) core._free(groupsPtr);
        core._free(out);
      }
    },

    analyzePass({ id, rows: [r0, r1], bins, duplicateThreshold, duplicateBound, thresholds }) {
      const set = this.#set(id);
      return withTransfers(set._analyzePass(r0, r1, bins, duplicateThreshold, duplicateBound, thresholds));
    },

    gramStatistics({ id }) {
      return withTransfers(checked(this.#set(id)._gramStatistics(), 'statistics'));
    },

    groupStatistics({ id, groupIds }) {
      const set = this.#set(id);
      const core = this.#core;
      const ptr = core._malloc(Math.max(4, groupIds.length * 4));
      try {
        core.HEAP32.set(groupIds, ptr / 4);
        return withTransfers(checked(set._groupStatistics(ptr, groupIds.length), 'group statistics'));
      } finally {
        core._free(ptr);
      }
    },

    topKPass({ id, rows: [r0, r1], k }) {
      return withTransfers(this.#set(id)._topKPass(r0, r1, k));
    },

    compareMoments({ id, otherId }) {
      return withTransfers(checked(this.#set(id)._compareMoments(this.#set(otherId)), 'compare'));
    },

    crossMomentsBand({ id, otherId, rows: [r0, r1] }) {
      return withTransfers(checked(this.#set(id)._crossMomentsBand(this.#set(otherId), r0, r1), 'compare'));
    },

    compareFromBands({ id, otherId, parts }) {
      const set = this.#set(id);
      const core = this.#core;
      const size = parts[0].length;
      const ptr = core._malloc(parts.length * size * 8);
      if (!ptr) throw new Error('compare: not enough memory to merge the partial moments');
      try {
        parts.forEach((part, k) => core.HEAPF64.set(part, ptr / 8 + k * size));
        return withTransfers(checked(set._compareFromBands(this.#set(otherId), ptr, parts.length), 'compare'));
      } finally {
        core._free(ptr);
      }
    },

    comparePass({ id, otherId }) {
      return withTransfers(checked(this.#set(id)._comparePass(this.#set(otherId)), 'compare'));
    },

    // An empty order (length 0) restores the original one.
    setOrder({ id, order }) {
      const set = this.#set(id);
      const core = this.#core;
      const ptr = order.length ? core._malloc(order.length * 4) : 0;
      try {
        if (ptr) core.HEAP32.set(order, ptr / 4);
        check(set._setOrder(ptr, order.length), 'order');
      } finally {
        if (ptr) core._free(ptr);
      }
      return { result: true };
    },

    overviewMean({ id, rowEdges, colEdges }) {
      const set = this.#set(id);
      const count = (rowEdges.length - 1) * (colEdges.length - 1);
      const data = this.#withOutput(count, (ptr) =>
        check(set._overviewMean(Array.from(rowEdges), Array.from(colEdges), ptr), 'overview'),
      );
      return { result: data, transfer: [data.buffer] };
    },

    overviewExtreme({ id, rowEdges, colEdges, maximum, cells: [k0, k1] }) {
      const set = this.#set(id);
      const count = (k1 - k0) * (colEdges.length - 1);
      const data = this.#withOutput(count, (ptr) =>
        check(set._overviewExtreme(Array.from(rowEdges), Array.from(colEdges), maximum, k0, k1, ptr), 'overview'),
      );
      return { result: data, transfer: [data.buffer] };
    },

    tile({ id, otherId, rows, cols }) {
      const a = this.#set(id);
      const b = this.#set(otherId ?? id);
      const [r0, r1] = rows;
      const [c0, c1] = cols;
      const data = this.#withOutput((r1 - r0) * (c1 - c0), (ptr) =>
        check(a._tile(b, r0, r1, c0, c1, ptr), 'tile'),
      );
      return { result: { data, dims: [r1 - r0, c1 - c0] }, transfer: [data.buffer] };
    },
  };

  // Copies the tensor into the heap once. Float32 rows go straight into the
  // set's own storage and are normalized in place; float64 rows pass through
  // a temporary buffer, freed at once.
  #loadSet({ data, dims }, name) {
    const core = this.#core;
    const [n, d] = dims;
    const set = new core.EmbeddingSet();
    try {
      if (data instanceof Float32Array) {
        const ptr = set._reserve(n, d);
        if (!ptr) throw new Error(`${name}: not enough memory to load ${n} x ${d} values (${data.byteLength} bytes)`);
        core.HEAPF32.set(data, ptr / 4);
        check(set._normalizeInPlace(), name);
      } else {
        const ptr = core._malloc(data.byteLength);
        if (!ptr) throw new Error(`${name}: not enough memory to load ${n} x ${d} values (${data.byteLength} bytes)`);
        try {
          core.HEAPF64.set(data, ptr / 8);
          check(set._load(ptr, n, d, true), name);
        } finally {
          core._free(ptr);
        }
      }
      return set;
    } catch (error) {
      set.delete();
      throw error;
    }
  }

  #withOutput(count, fill) {
    const core = this.#core;
    const ptr = core._malloc(count * 4);
    if (!ptr) throw new Error(`not enough memory for the ${count}-value result (${count * 4} bytes)`);
    try {
      fill(ptr);
      return core.HEAPF32.slice(ptr / 4, ptr / 4 + count);
    } finally {
      core._free(ptr);
    }
  }

  #set(id) {
    const set = this.#sets.get(id);
    if (!set) throw new Error(`embedding set ${id} was disposed or never loaded`);
    return set;
  }

  #dispose(id) {
    this.#sets.get(id)?.delete();
    this.#sets.delete(id);
  }

  #describe(set) {
    return { size: set._size(), dim: set._dim(), zeroRows: this.#zeroRows(set) };
  }

  #zeroRows(set) {
    return Array.from(set._zeroRows());
  }
}

// Results from the core are fresh objects; move their typed arrays.
function withTransfers(result) {
  const transfer = Object.values(result)
    .filter((value) => ArrayBuffer.isView(value))
    .map((value) => value.buffer);
  return { result, transfer };
}

function checked(result, name) {
  if (result.error) throw new Error(`${name}: ${result.error}`);
  return result;
}

function check(message, name) {
  if (message) throw new Error(`${name}: ${message}`);
}
