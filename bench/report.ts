// Formats the ingest benchmark's results (pure; see report.test.ts).

export interface RunFigures {
  name: string;
  acked: number;
  /** acked messages × keys: what the devices were told is stored */
  ackedPoints: number;
  persisted: number;
  elapsedS: number;
  /** server-side processes only (not the load generator) */
  peakRss: number;
  /** server-side CPU time while the fleet published (and the pipeline drained) */
  cpuSeconds: number;
}

export interface ReportContext {
  cores: number;
  cpuModel: string;
  /** share of all cores busy during 1 s before the runs (other work on the machine skews the figures) */
  busyBefore: number;
  devices: number;
  seconds: number;
  keys: number;
  qos: number;
  inflight: number;
  rate: number;
}

export const TARGET_RATE = 60_000;
export const TARGET_RATIO = 2;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

export function rate(r: RunFigures): number {
  return r.elapsedS > 0 ? r.persisted / r.elapsedS : 0;
}

/** A plain-text table: first column left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatReport(ctx: ReportContext, runs: readonly RunFigures[]): string {
  const out: string[] = [];
  out.push(
    `machine: ${ctx.cores} cores (${ctx.cpuModel}); devices N=${ctx.devices}, seconds S=${ctx.seconds}, ` +
      `keys K=${ctx.keys} per message, QoS ${ctx.qos}, ${ctx.inflight} in flight per device, ` +
      (ctx.rate > 0 ? `${ctx.rate} msgs/s per device (fixed rate)` : 'publishing as fast as acknowledged (closed loop)'),
  );
  out.push(`machine busy before the runs: ${(ctx.busyBefore * 100).toFixed(0)}% of all cores`);
  if (ctx.busyBefore > 0.15) {
    out.push('warning: other processes were busy on this machine; the figures are not from a quiet machine');
  }
  out.push('');
  out.push(
    table(
      ['run', 'msgs acked', 'points acked', 'points persisted', 'elapsed s', 'persisted points/s', 'server peak RSS', 'server CPU s (busy cores)'],
      runs.map((r) => [
        r.name,
        int(r.acked),
        int(r.ackedPoints),
        int(r.persisted),
        r.elapsedS.toFixed(2),
        int(rate(r)),
        mb(r.peakRss),
        `${r.cpuSeconds.toFixed(1)} (${(r.elapsedS > 0 ? r.cpuSeconds / r.elapsedS : 0).toFixed(2)})`,
      ]),
    ),
  );
  out.push('');
  const outpost = runs.find((r) => r.name.startsWith('Outpost'));
  const peer = runs.find((r) => !r.name.startsWith('Outpost'));
  if (outpost) {
    const ok = rate(outpost) >= TARGET_RATE ? 'meets' : 'MISSES';
    out.push(`Outpost persisted rate: ${int(rate(outpost))} points/s   (target >= ${int(TARGET_RATE)} points/s: ${ok})`);
  }
  if (outpost && peer) {
    const ratio = rate(peer) > 0 ? rate(outpost) / rate(peer) : Infinity;
    const ok = ratio >= TARGET_RATIO ? 'meets' : 'MISSES';
    out.push(`ratio Outpost / pipeline:  ${ratio.toFixed(2)}x   (target >= ${TARGET_RATIO}x the pipeline: ${ok})`);
  }
  for (const r of runs) {
    const lost = r.ackedPoints - r.persisted;
    if (lost > 0) out.push(`${r.name}: ${int(lost)} acknowledged points (${((lost / r.ackedPoints) * 100).toFixed(1)}%) were never persisted`);
  }
  return out.join('\n');
}
