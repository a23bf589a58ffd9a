// Formats the LwM2M benchmark's results beside its targets (pure; see lwm2m-report.test.ts).
import { table } from './report.js';

export interface RegisterRun {
  name: string;
  ok: number;
  failed: number;
  elapsedMs: number;
  latenciesMs: number[];
  /** server RSS (bytes) before the first Register and after the last one */
  rssBefore: number;
  rssAfter: number;
  cpuSeconds: number;
  /** datagrams the host dropped for full receive buffers during the phase */
  udpDrops: number;
  firstError?: string;
}

export interface NotifyRun {
  name: string;
  /** clients whose observation was established */
  observed: number;
  sent: number;
  /** ACKs received: the server's word that the value is committed */
  acked: number;
  failed: number;
  skipped: number;
  retransmissions: number;
  /** first notification sent → last ACK received */
  elapsedMs: number;
  latenciesMs: number[];
  /** rows the server's database gained during the run */
  persisted: number;
  cpuSeconds: number;
  peakRss: number;
  udpDrops: number;
}

export interface Lwm2mReportContext {
  clients: number;
  seconds: number;
  rate: number;
  concurrency: number;
  cores: number;
  cpuModel: string;
  /** share of all cores busy in the second before the runs */
  busyBefore: number;
  /** Outpost's RSS just after start, before any device existed (0: not measured) */
  outpostRssFresh: number;
  /** Outpost devices online at the end of the run (undefined: not measured) */
  outpostHeld?: number;
}

export const TARGETS = { clientsHeld: 10_000, registrationsPerS: 5000, notificationsPerS: 20_000, rssPerClientKb: 50 } as const;

/** the p-quantile (0..1) by the nearest-rank method; NaN for no samples */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

export const registrationsPerS = (r: RegisterRun) => (r.elapsedMs > 0 ? r.ok / (r.elapsedMs / 1000) : 0);
export const notificationsPerS = (r: NotifyRun) => (r.elapsedMs > 0 ? r.acked / (r.elapsedMs / 1000) : 0);
/** KB of resident memory per registered client */
export const rssPerClientKb = (r: RegisterRun) => (r.ok > 0 ? (r.rssAfter - r.rssBefore) / 1024 / r.ok : NaN);

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '–');
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

export function formatLwm2mReport(ctx: Lwm2mReportContext, regs: readonly RegisterRun[], notifs: readonly (NotifyRun | string)[]): string {
  const out: string[] = [];
  out.push(`bench:lwm2m — N=${int(ctx.clients)} clients (one UDP socket each, LwM2M 1.1), ${ctx.concurrency} Registers in flight; ` +
    `notifications offered at ${int(ctx.rate)}/s in total for ${ctx.seconds} s (CON, one unacknowledged per client)`);
  out.push(`machine: ${ctx.cores} × ${ctx.cpuModel}; ${(ctx.busyBefore * 100).toFixed(0)}% busy before the runs` +
    (ctx.busyBefore > 0.15 ? ' — other work on this machine: the figures are indicative, not from a quiet machine' : ''));
  out.push('');
  out.push('registrations (Register → 2.01 Created):');
  out.push(table(['server', 'registered', 'failed', 'registrations/s', 'p50', 'p99', 'RSS before', 'RSS after', 'RSS growth / client', 'server CPU s', 'UDP drops'],
    regs.map((r) => [r.name, int(r.ok), int(r.failed), int(registrationsPerS(r)), ms(percentile(r.latenciesMs, 0.5)), ms(percentile(r.latenciesMs, 0.99)),
      mb(r.rssBefore), mb(r.rssAfter), `${rssPerClientKb(r).toFixed(1)} KB`, r.cpuSeconds.toFixed(1), int(r.udpDrops)])));
  for (const r of regs) if (r.firstError) out.push(`  ${r.name}: ${r.firstError}`);
  out.push('');
  out.push('notifications (CON notification sent → its ACK, which comes after the commit):');
  const runs = notifs.filter((n): n is NotifyRun => typeof n !== 'string');
  if (runs.length) {
    out.push(table(['server', 'observed', 'sent', 'acked', 'rows stored', 'persisted/s', 'p50', 'p99', 'skipped turns', 'failed', 'retransmits', 'server CPU s', 'server peak RSS', 'UDP drops'],
      runs.map((r) => [r.name, int(r.observed), int(r.sent), int(r.acked), int(r.persisted), int(notificationsPerS(r)), ms(percentile(r.latenciesMs, 0.5)),
        ms(percentile(r.latenciesMs, 0.99)), int(r.skipped), int(r.failed), int(r.retransmissions), r.cpuSeconds.toFixed(1), mb(r.peakRss), int(r.udpDrops)])));
  }
  for (const n of notifs) if (typeof n === 'string') out.push(`  not measured: ${n}`);
  // RFC 7252/7641 allow some: a notification that arrives before the observe's lost answer is
  // that answer (ACKed, not a new value), and an older one after a newer is ACKed and dropped
  for (const r of runs) if (r.persisted < r.acked) out.push(`  ${r.name}: ${int(r.acked - r.persisted)} acknowledged notifications added no row (late or taken as an observe's answer, or lost)`);
  if ([...regs, ...runs].some((r) => r.udpDrops > 0)) out.push('  UDP drops: datagrams this host dropped for a full socket receive buffer during the phase (all processes; a stalled server shows here and as retransmits)');
  const reg = regs.find((r) => r.name.startsWith('Outpost'));
  const note = runs.find((r) => r.name.startsWith('Outpost'));
  if (reg) {
    out.push('');
    if (ctx.outpostRssFresh > 0) out.push(`Outpost RSS: ${mb(ctx.outpostRssFresh)} fresh, ${mb(reg.rssBefore)} with ${int(ctx.clients)} devices provisioned, ${mb(reg.rssAfter)} with them registered`);
    const held = ctx.outpostHeld;
    out.push('targets (Outpost):');
    out.push(`  ${int(TARGETS.clientsHeld)} clients held: ` + (ctx.clients < TARGETS.clientsHeld
      ? `not at this N (${int(reg.ok)} of ${int(ctx.clients)} registered${held === undefined ? '' : `, ${int(held)} online at the end`})`
      : verdict(reg.ok >= TARGETS.clientsHeld && (held === undefined || held >= TARGETS.clientsHeld)) + ` (${int(reg.ok)} registered${held === undefined ? '' : `, ${int(held)} online at the end`})`));
    out.push(`  ≥ ${int(TARGETS.registrationsPerS)} registrations/s: ${verdict(registrationsPerS(reg) >= TARGETS.registrationsPerS)} (${int(registrationsPerS(reg))})`);
    out.push(`  ≥ ${int(TARGETS.notificationsPerS)} notifications persisted/s: ` +
      (note ? `${verdict(notificationsPerS(note) >= TARGETS.notificationsPerS)} (${int(notificationsPerS(note))}, p99 ${ms(percentile(note.latenciesMs, 0.99))} to commit)` : 'not measured'));
    out.push(`  RSS growth ≤ ${TARGETS.rssPerClientKb} KB per registered client: ${verdict(rssPerClientKb(reg) <= TARGETS.rssPerClientKb)} (${rssPerClientKb(reg).toFixed(1)} KB)`);
  }
  return out.join('\n');
}
