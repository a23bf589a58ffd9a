// Waits until the browser this process started has gone quiet, from /proc: the UI load benchmark
// opens each tab and lets the browser finish setting up its window (in headless Chromium 156 every
// new tab is a window of its own, which loads the omnibox popup's WebUI page in a renderer of its
// own: about 1.4 s of CPU on this machine) before it enters the address, as a user does in a window
// that is already open.
import { readdirSync, readFileSync } from 'node:fs';
import { parseStatCpuTicks } from './proc.js';

const MS_PER_TICK = 10; // Linux USER_HZ = 100

/** Parent pid (field 4) from the text of /proc/PID/stat. */
export function parseStatPpid(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** The pids below `root` (children, grandchildren, …) in a list of [pid, ppid]. */
export function descendants(root: number, links: Array<[number, number]>): number[] {
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length) {
    const next = links.filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

function readStats(): Map<number, string> {
  const stats = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      stats.set(Number(name), readFileSync(`/proc/${name}/stat`, 'utf8'));
    } catch {
      /* exited meanwhile */
    }
  }
  return stats;
}

/** CPU ticks used so far by every process this one started (and theirs), and how many there are. */
export function childrenCpuTicks(): { ticks: number; processes: number } {
  const stats = readStats();
  const links = [...stats].map(([pid, s]) => [pid, parseStatPpid(s)] as [number, number]);
  const pids = descendants(process.pid, links);
  return { ticks: pids.reduce((sum, pid) => sum + parseStatCpuTicks(stats.get(pid)!), 0), processes: pids.length };
}

/**
 * Resolves when this process's children (the browser) used at most `maxShare` of one core during
 * a window of `windowMs`, or after `timeoutMs`; returns how long it waited and whether it got quiet.
 */
export async function waitChildrenQuiet(opts: { windowMs?: number; maxShare?: number; timeoutMs?: number } = {}):
  Promise<{ waitedMs: number; quiet: boolean }> {
  const windowMs = opts.windowMs ?? 300;
  const maxShare = opts.maxShare ?? 0.1;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const start = Date.now();
  let before = childrenCpuTicks().ticks;
  for (;;) {
    await new Promise((r) => setTimeout(r, windowMs));
    const now = childrenCpuTicks().ticks;
    if ((now - before) * MS_PER_TICK <= maxShare * windowMs) return { waitedMs: Date.now() - start, quiet: true };
    if (Date.now() - start >= timeoutMs) return { waitedMs: Date.now() - start, quiet: false };
    before = now;
  }
}
