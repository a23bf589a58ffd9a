// Status flaps folded into one row: a run of online/offline events with short gaps between them
// ("reconnected 12 times between 10:01 and 10:05"), so a device's own messages stay visible.
// Other events in between neither break a run nor get hidden. Pure; events come newest first.
import type { DeviceEvent } from '../../../../core/contract/api.js';

export type EventRow =
  | { type: 'event'; key: string; event: DeviceEvent }
  | { type: 'flaps'; key: string; events: DeviceEvent[]; reconnects: number; disconnects: number; from: number; to: number };

/** status events further apart than this start a new run */
export const FLAP_GAP_MS = 60_000;
/** fewer status events than this in a run are shown one by one */
export const FLAP_MIN_EVENTS = 4;

const isStatus = (e: DeviceEvent) => e.kind === 'online' || e.kind === 'offline';
const when = (e: DeviceEvent) => e.lastTs ?? e.ts;

export function coalesceFlaps(events: readonly DeviceEvent[], gapMs = FLAP_GAP_MS, minEvents = FLAP_MIN_EVENTS): EventRow[] {
  // runs of status events, newest first
  const runOf = new Map<number, DeviceEvent[]>();
  let run: DeviceEvent[] | null = null;
  for (const e of events) {
    if (!isStatus(e)) continue;
    const older = run?.at(-1);
    if (!run || !older || older.ts - when(e) > gapMs) run = [];
    run.push(e);
    runOf.set(e.id, run);
  }
  const rows: EventRow[] = [];
  const emitted = new Set<DeviceEvent[]>();
  for (const e of events) {
    const r = runOf.get(e.id);
    if (!r || r.length < minEvents) {
      rows.push({ type: 'event', key: `e${e.id}`, event: e });
      continue;
    }
    if (emitted.has(r)) continue;
    emitted.add(r);
    const total = (kind: string) => r.filter((x) => x.kind === kind).reduce((n, x) => n + x.count, 0);
    rows.push({
      type: 'flaps', key: `f${r.at(-1)!.id}`, events: r,
      reconnects: total('online'), disconnects: total('offline'), from: r.at(-1)!.ts, to: when(r[0]!),
    });
  }
  return rows;
}
