// Memory of a process tree from /proc (Linux): the browser process found by
// a string only its command line holds (its fresh --user-data-dir), and all
// its descendants (renderers, GPU, utilities). PSS counts each shared page
// once, shared among the processes that map it, so the sum is what the tree
// costs the machine; RSS would count Chromium's shared libraries per process.
import { readdir, readFile } from 'node:fs/promises';

async function processes() {
  const list = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'latin1');
      // pid (comm) state ppid …: comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = (await readFile(`/proc/${name}/cmdline`, 'latin1')).replace(/\0/g, ' ');
      list.push({ pid: Number(name), ppid, cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return list;
}

// kB fields of /proc/PID/smaps_rollup (Pss, Rss), or null once it is gone.
async function rollup(pid) {
  try {
    const text = await readFile(`/proc/${pid}/smaps_rollup`, 'latin1');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    return { pssKiB: field('Pss'), rssKiB: field('Rss') };
  } catch {
    return null;
  }
}

/**
 * The tree's memory now: {pssMiB, rssMiB, byType: {browser, renderer, gpu-process, utility, …: pssMiB}}.
 * @param {string} marker  a string in the root process's command line only
 */
export async function treeMemory(marker) {
  const all = await processes();
  const inTree = new Set(all.filter((p) => p.cmdline.includes(marker)).map((p) => p.pid));
  for (let grown = true; grown;) {
    grown = false;
    for (const p of all) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grown = true;
      }
    }
  }
  let pss = 0;
  let rss = 0;
  const byType = {};
  for (const p of all) {
    if (!inTree.has(p.pid)) continue;
    const m = await rollup(p.pid);
    if (!m) continue;
    pss += m.pssKiB;
    rss += m.rssKiB;
    const type = /--type=(\S+)/.exec(p.cmdline)?.[1] ?? 'browser';
    byType[type] = (byType[type] ?? 0) + m.pssKiB / 1024;
  }
  return { pssMiB: pss / 1024, rssMiB: rss / 1024, byType, processes: inTree.size };
}

/**
 * Samples treeMemory(marker) every `everyMs` until stop(): {peak, last, stop()}.
 * peak is the sample with the highest PSS.
 */
export function sampleTreeMemory(marker, everyMs = 250) {
  const state = { peak: null, last: null };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      const now = await treeMemory(marker).catch(() => null);
      if (now) {
        state.last = now;
        if (!state.peak || now.pssMiB > state.peak.pssMiB) state.peak = now;
      }
      // Reading PSS walks every page table of the tree: about 0.1 s for a
      // 1.7 GB renderer. Every 250 ms that took a third of a core from the
      // page's workers (a 100,000-item exact pass ran 1.5× longer), so the
      // sampler keeps to a tenth of a core.
      await new Promise((resolve) => setTimeout(resolve, Math.max(everyMs, 9 * (performance.now() - started))));
    }
  })();
  return {
    get peak() { return state.peak; },
    get last() { return state.last; },
    /** Takes one more sample, stops sampling and returns {peak, last}. */
    async stop() {
      stopped = true;
      await loop;
      const now = await treeMemory(marker).catch(() => null);
      if (now) {
        state.last = now;
        if (!state.peak || now.pssMiB > state.peak.pssMiB) state.peak = now;
      }
      return { peak: state.peak, last: state.last };
    },
  };
}
