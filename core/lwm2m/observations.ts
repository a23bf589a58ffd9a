// Observations Outpost holds on LwM2M devices: started by lwm2m.observe / observe-composite through
// the queue, kept in lwm2m_observations across restarts, each notification stored as telemetry
// before its ACK. A new Register voids them (TS Core, Information Reporting): they are issued
// again as operations; a de-register or expiry leaves them pending until the device is back.
import type { CoapEndpoint, CoapIncomingResponse, CoapObservation, CoapOutgoingRequest, CoapPeer } from '../coap/types.js';
import type { DeviceStore } from '../devices/devices.js';
import type { Logger } from '../log.js';
import type { Lwm2mPath } from '../codecs/lwm2m/index.js';
import { notificationRecords, observedPath, type DmDevice, type DmOperation } from './dm/index.js';
import { toObservationView, type Lwm2mDmStore, type ObservationRow } from './dm-store.js';
import type { ModelRegistry } from './models/registry.js';
import type { Lwm2mReporting } from './reporting.js';

export interface Lwm2mObservations {
  /** Sends the Observe (or Observe-Composite) request; the first answer comes back, notifications go to telemetry. */
  start(uid: string, op: DmOperation, request: CoapOutgoingRequest, device: DmDevice): Promise<CoapIncomingResponse>;
  /** Ends the observation of these paths: cancelled on the device when held (true), forgotten either way. */
  cancel(uid: string, paths: readonly string[]): Promise<boolean>;
  /** A new Register: the device forgot every observation; they are asked for again. */
  registered(uid: string): void;
  /** De-register or expiry: pending until the device registers again. */
  ended(uid: string): void;
  /** The device spoke (Update, Send, notification): pending ones that are not yet asked for again are. */
  awake(uid: string): void;
  close(): void;
}

export interface ObservationsDeps {
  endpoint: CoapEndpoint;
  devices: DeviceStore;
  store: Lwm2mDmStore;
  reporting: Lwm2mReporting;
  log: Logger;
  models(): ModelRegistry;
  /** A notification is an uplink: it refreshes the device's address and wakes its queue. */
  uplink(uid: string, peer: CoapPeer): void;
  /** Asks for an observation again (an operation in the queue); `why` goes into the device's events. */
  reissue(uid: string, op: DmOperation, why: string): Promise<void>;
}

/** A re-issued observation not started within this long may be asked for again. */
const REISSUE_AGAIN_MS = 10 * 60_000;

export const observedPaths = (op: DmOperation): string[] =>
  op.kind.endsWith('-composite') ? [...(op.args.paths as string[])] : [String(op.args.path)];

const observeOp = (o: ObservationRow): DmOperation =>
  o.composite ? { kind: 'lwm2m.observe-composite', args: { paths: o.paths } } : { kind: 'lwm2m.observe', args: { path: o.paths[0]! } };

export function createLwm2mObservations(deps: ObservationsDeps): Lwm2mObservations {
  const { store, devices, log } = deps;
  // what this run holds on the wire, per device and paths key
  const held = new Map<string, Map<string, CoapObservation>>();
  const reissued = new Map<number, number>();
  const key = (paths: readonly string[]) => paths.join(',');

  // rows active before a restart: the device's notifications now meet RSTs; ask again when it speaks
  for (const id of store.allActiveIds()) store.setObservationState(id, 'pending');
  // devices that may have pending observations: looked at when they speak (not a query per notification)
  const mayHavePending = new Set(store.devicesWithPending());

  const changed = (uid: string) => {
    const d = devices.ref(uid);
    if (d) deps.reporting.observationsChanged(uid, store.observations(d.id).map(toObservationView));
  };
  /** Forgets what the endpoint holds for the device (its notifications are answered with RST from now on). */
  const drop = (uid: string) => {
    const mine = held.get(uid);
    held.delete(uid);
    for (const o of mine?.values() ?? []) void o.cancel().catch(() => undefined);
  };

  const reissuePending = (uid: string, why: (o: ObservationRow) => string) => {
    const d = devices.ref(uid);
    if (!d || d.pending) return;
    const now = Date.now();
    for (const o of store.observations(d.id)) {
      if (o.state !== 'pending' || now - (reissued.get(o.id) ?? -Infinity) < REISSUE_AGAIN_MS) continue;
      reissued.set(o.id, now);
      deps.reissue(uid, observeOp(o), why(o)).catch((e: Error) => log.warn(`lwm2m: ${uid}: observing ${o.paths.join(', ')} again failed: ${e.message}`));
    }
  };

  return {
    async start(uid, op, request, device) {
      const paths = observedPaths(op);
      const composite = op.kind.endsWith('-composite');
      const d = devices.ref(uid);
      if (!d) throw new Error(`no device ${uid}`);
      const before = store.observation(d.id, paths);
      if (before) reissued.delete(before.id);
      // the old one on the wire (if any) is replaced by this one
      const old = held.get(uid)?.get(key(paths));
      held.get(uid)?.delete(key(paths));
      if (old) await old.cancel().catch(() => undefined);
      let rowId: number | undefined;
      // worked out at the first notification, not at each
      let path: Lwm2mPath | undefined;
      // not an async function: the usual notification makes one promise (its points' commit), not three
      const onNotify = (n: CoapIncomingResponse): Promise<void> | undefined => {
        const now = Date.now();
        deps.uplink(uid, n.peer);
        if (n.code[0] !== '2') {
          // the device ended it (e.g. 4.04: the resource is gone): pending, asked for at its next Register
          held.get(uid)?.delete(key(paths));
          if (rowId !== undefined) store.setObservationState(rowId, 'pending');
          mayHavePending.add(uid);
          devices.addEvent(d, 'lwm2m', `observation of ${paths.join(', ')} ended by the device (${n.code})`, { coalesceBy: key(paths) });
          changed(uid);
          return undefined;
        }
        const records = notificationRecords(op, n, deps.models(), device, (path ??= observedPath(op)));
        if (!records.ok) {
          devices.addEvent(d, 'rejected', records.error.message.slice(0, 300), { coalesceBy: `notify:${key(paths)}` });
          return undefined;
        }
        // the points durable, then the ACK (the known values and the notification's time follow: dm-store.ts)
        return deps.reporting.records(uid, records.records, 'notify', now, device).then(() => {
          if (rowId !== undefined) store.notified(rowId, now);
        });
      };
      const observation = await deps.endpoint.observe(request, onNotify);
      const answer = observation.response;
      if (/^2\./.test(answer.code) && answer.observe !== undefined) {
        let mine = held.get(uid);
        if (!mine) held.set(uid, (mine = new Map()));
        mine.set(key(paths), observation);
        rowId = store.putObservation(d.id, paths, composite, Date.now()).id;
        changed(uid);
      } else if (!/^2\./.test(answer.code) && before) {
        // refused (e.g. 4.04 after a firmware update removed it): nothing left to observe
        store.removeObservation(before.id);
        devices.addEvent(d, 'lwm2m', `observation of ${paths.join(', ')} refused by the device (${answer.code}): forgotten`);
        changed(uid);
      }
      return answer;
    },
    async cancel(uid, paths) {
      const d = devices.ref(uid);
      const observation = held.get(uid)?.get(key(paths));
      held.get(uid)?.delete(key(paths));
      const row = d && store.observation(d.id, paths);
      if (row) {
        store.removeObservation(row.id);
        reissued.delete(row.id);
        changed(uid);
      }
      if (!observation) return false;
      await observation.cancel();
      return true;
    },
    registered(uid) {
      drop(uid);
      mayHavePending.delete(uid);
      const d = devices.ref(uid);
      if (!d || !store.mayHaveObservations(d.id)) return;
      store.allPending(d.id);
      for (const o of store.observations(d.id)) reissued.delete(o.id);
      changed(uid);
      reissuePending(uid, (o) => `re-observed ${o.paths.join(', ')} after a new registration`);
    },
    ended(uid) {
      drop(uid);
      const d = devices.ref(uid);
      if (!d) return;
      store.allPending(d.id);
      mayHavePending.add(uid);
      changed(uid);
    },
    awake(uid) {
      if (!mayHavePending.has(uid)) return;
      mayHavePending.delete(uid);
      reissuePending(uid, (o) => `re-observed ${o.paths.join(', ')} (it had ended: Outpost restarted, or the device ended it)`);
    },
    close() {
      held.clear();
    },
  };
}
