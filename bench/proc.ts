// Process helpers for the benchmarks: /proc readings, free ports, tsx child processes.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ProcUsage {
  /** peak resident set size (VmHWM), bytes */
  peakRss: number;
  /** user + system CPU time, seconds */
  cpuSeconds: number;
}

/** A `Vm*` field of /proc/PID/status, in bytes (0 if absent). */
export function parseStatusBytes(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

/** utime + stime in clock ticks from the text of /proc/PID/stat (the command name may contain spaces). */
export function parseStatCpuTicks(stat: string): number {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime and stime are fields 14 and 15
  return Number(rest[11]) + Number(rest[12]);
}

const CLK_TCK = 100; // Linux USER_HZ

/** Busy and total jiffies of all CPUs from the text of /proc/stat (idle + iowait count as not busy). */
export function parseProcStat(stat: string): { busy: number; total: number } {
  const line = stat.split('\n').find((l) => l.startsWith('cpu ')) ?? '';
  const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return { busy: total - idle, total };
}

/** Fraction (0..1) of the machine's CPU time that was busy during the next `ms` milliseconds. */
export async function machineBusy(ms: number): Promise<number> {
  const a = parseProcStat(readFileSync('/proc/stat', 'utf8'));
  await new Promise((r) => setTimeout(r, ms));
  const b = parseProcStat(readFileSync('/proc/stat', 'utf8'));
  return b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : 0;
}

/** Peak RSS and CPU time of a live process ('self' for this one). */
export function procUsage(pid: number | 'self'): ProcUsage {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return { peakRss: parseStatusBytes(status, 'VmHWM'), cpuSeconds: parseStatCpuTicks(stat) / CLK_TCK };
}

const started = new Set<ChildProcess>();

/**
 * Starts `bench/<script>` as `node --import tsx` with an IPC channel; killed by killChildren().
 * BENCH_NODE_ARGS adds node flags to every child, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
 */
export function forkBench(script: string): ChildProcess {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = fork(path, [], { execArgv: ['--import', 'tsx', ...extra], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  track(child);
  return child;
}

export function track(child: ChildProcess): void {
  started.add(child);
  child.once('exit', () => started.delete(child));
}

/** SIGKILLs every child this process started that is still running (cleanup on error). */
export function killChildren(): void {
  for (const c of started) {
    if (c.exitCode === null && c.signalCode === null && c.pid !== undefined) {
      try {
        process.kill(c.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  started.clear();
}

/** The next IPC message from `child` that satisfies `accept`; rejects if the child exits first or on timeout. */
export function nextMessage<T>(child: ChildProcess, accept: (m: unknown) => m is T, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (m: unknown) => {
      if (accept(m)) {
        done();
        resolve(m);
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      done();
      reject(new Error(`${what}: child exited (code ${code}, signal ${signal}) before replying`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${what}: no reply within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Resolves when the child has exited; SIGKILLs it after `graceMs`. */
export function waitExit(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
