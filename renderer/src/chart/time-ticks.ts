// Ticks of a time axis at round local-time intervals over the whole chosen range (not only where
// data is), with the date added where the day changes. Pure: the zone is the runtime's (process.env.TZ in tests).

const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H;
/** Steps a tick interval may take, shortest first. */
export const TICK_STEPS = [S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M,
  H, 2 * H, 3 * H, 6 * H, 12 * H, D, 2 * D, 7 * D] as const;

export interface TimeTick {
  ts: number;
  /** wall-clock time, e.g. 14:30 or 14:30:15; for steps of a day or more the date */
  time: string;
  /** the date (e.g. "Dec 2") on the first tick and where the day changes, else null */
  date: string | null;
}

/** The shortest round step that puts at most maxTicks ticks in [from, to]. */
export function tickStep(from: number, to: number, maxTicks: number): number {
  const span = Math.max(1, to - from);
  // ticks fall on multiples of the step: floor(span / step) of them, give or take one at the ends
  return TICK_STEPS.find((s) => Math.floor(span / s) <= Math.max(1, maxTicks)) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
/** local UTC offset in ms at t (positive east of Greenwich) */
const offsetAt = (t: number) => -new Date(t).getTimezoneOffset() * M;

/** Tick times in [from, to] at the step, aligned to local wall-clock multiples of it. */
export function tickTimes(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  if (step < H) {
    // sub-hour steps: align on local time in ms (zone offsets are whole minutes)
    let t = Math.ceil((from + offsetAt(from)) / step) * step - offsetAt(from);
    while (t <= to) {
      // across a DST change the offset moves: re-align to the new local time
      const aligned = Math.round((t + offsetAt(t)) / step) * step - offsetAt(t);
      if (aligned >= from && aligned <= to && aligned !== out.at(-1)) out.push(aligned);
      t = aligned + step;
    }
    return out;
  }
  // an hour or more: walk local calendar fields so ticks stay on 00:00, 06:00… across DST changes
  const start = new Date(from);
  const y = start.getFullYear(), mo = start.getMonth(), d = start.getDate();
  if (step < D) {
    const hours = step / H;
    for (let h = 0; ; h += hours) {
      const t = new Date(y, mo, d, h).getTime();
      if (t > to) break;
      if (t >= from && t !== out.at(-1)) out.push(t);
    }
  } else {
    const days = step / D;
    // whole-day steps count from a fixed local day, so panning keeps the same days ticked
    const epochDay = Math.floor((new Date(y, mo, d).getTime() + offsetAt(from)) / D);
    const shift = ((epochDay % days) + days) % days;
    for (let k = -shift; ; k += days) {
      const t = new Date(y, mo, d + k).getTime();
      if (t > to) break;
      if (t >= from) out.push(t);
    }
  }
  return out;
}

/** Ticks with labels for [from, to], at most about maxTicks of them. */
export function timeTicks(from: number, to: number, maxTicks: number): TimeTick[] {
  const step = tickStep(from, to, maxTicks);
  // made per call: the zone may change while the page is open
  const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
  let prevDay = '';
  return tickTimes(from, to, step).map((ts) => {
    const d = new Date(ts);
    const key = dayKey(d);
    const changed = key !== prevDay;
    prevDay = key;
    if (step >= D) return { ts, time: dateFormat.format(d), date: null };
    const time = step < M ? `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    return { ts, time, date: changed ? dateFormat.format(d) : null };
  });
}

/** The zone times are shown in, e.g. "Europe/Berlin (UTC+01:00)" at t. */
export function zoneLabel(t: number): string {
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const off = offsetAt(t) / M;
  const sign = off < 0 ? '−' : '+';
  const abs = Math.abs(off);
  const utc = `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return name && name !== 'UTC' && name !== 'Etc/UTC' ? `${name} (${utc})` : utc;
}
