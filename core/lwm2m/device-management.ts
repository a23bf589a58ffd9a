// LwM2M device management wired together: the operations transport, observations, Send on /dp,
// known values and the objects view, all driven by the registration interface's events.
import { CreateOperationRequest } from '../contract/operations.js';
import type { Lwm2mDeviceObjects } from '../contract/lwm2m-objects.js';
import type { Db } from '../db/open.js';
import { createGroupCommit, type GroupCommit } from '../db/group-commit.js';
import type { DeviceStore } from '../devices/devices.js';
import type { LiveBus } from '../live/bus.js';
import type { Logger } from '../log.js';
import type { Operations } from '../operations/queue.js';
import type { TelemetryWriter } from '../telemetry/writer.js';
import { createLwm2mDmStore } from './dm-store.js';
import type { ModelsSetting } from './models-setting.js';
import { objectsView } from './objects-view.js';
import { createLwm2mObservations } from './observations.js';
import { createLwm2mOperationsTransport } from './operations-transport.js';
import { createLwm2mReporting } from './reporting.js';
import { createSendHandler } from './send-handler.js';
import type { Lwm2mServer } from './server.js';

export interface Lwm2mDmOptions {
  /** how long a queue-mode device listens after an uplink; default 93 s (tests shorten it) */
  awakeWindowMs?: number;
  /** how long a request to a device waits for its answer; default the CoAP endpoint's */
  requestTimeoutMs?: number;
}

export interface Lwm2mDmDeps {
  server: Lwm2mServer;
  db: Db;
  devices: DeviceStore;
  telemetry: TelemetryWriter;
  operations: Operations;
  bus: LiveBus;
  log: Logger;
  models: ModelsSetting;
  /** where writes that answer nobody go (shared with the registrations); one of its own when not given */
  commit?: GroupCommit;
}

export interface Lwm2mDeviceManagement {
  /** The objects view of an LwM2M device; undefined for an unknown device. */
  objects(uid: string): Lwm2mDeviceObjects | undefined;
  /** A pending device was approved: its queued operations go out now if it listens. */
  approved(uid: string): void;
  close(): void;
}

const REPORTED_EVERY_MS = 1000;

/** Who asks for observations again, in operations' history. */
export const OUTPOST_ACTOR = 'outpost';

export function startLwm2mDeviceManagement(deps: Lwm2mDmDeps, options: Lwm2mDmOptions = {}): Lwm2mDeviceManagement {
  const { server, devices, operations, log } = deps;
  const models = () => deps.models.current();
  const store = createLwm2mDmStore(deps.db);
  const commit = deps.commit ?? createGroupCommit(deps.db);
  // what devices reported, written about once a second (dm-store.ts says why)
  const writeReported = setInterval(() => {
    // the database closed under device management nobody closed: stop, rather than fail every second
    if (!deps.db.$client.open) return clearInterval(writeReported);
    commit.run(() => store.writeReported()).catch((e: Error) => log.warn(`lwm2m: writing reported values failed: ${e.message}`));
  }, REPORTED_EVERY_MS);
  writeReported.unref();
  const reporting = createLwm2mReporting({ devices, telemetry: deps.telemetry, store, bus: deps.bus, models });
  const observations = createLwm2mObservations({
    endpoint: server.endpoint, devices, store, reporting, log, models,
    uplink: (uid, peer) => server.registrations.uplink(uid, peer),
    async reissue(uid, op, why) {
      const device = devices.ref(uid);
      if (!device) return;
      devices.addEvent(device, 'lwm2m', why);
      await operations.create(uid, CreateOperationRequest.parse({ kind: op.kind, args: op.args }), OUTPOST_ACTOR);
    },
  });
  const ops = createLwm2mOperationsTransport({
    endpoint: server.endpoint, registrations: server.registrations, reports: operations, observations, reporting, log, models,
    awakeWindowMs: options.awakeWindowMs, requestTimeoutMs: options.requestTimeoutMs,
  });
  operations.register(ops.transport);
  server.route('dp', createSendHandler({ registrations: server.registrations, reporting, log, models }));

  const lastObjects = (uid: string) => {
    const d = devices.ref(uid);
    const r = server.registrations.get(uid);
    // in the shared commit: a write of its own would wait for the disk on the event loop, at every Register
    if (d && r) {
      const at = Date.now();
      commit.run(() => store.putLastObjects(d.id, r.objects, r.version, at))
        .catch((e: Error) => log.warn(`lwm2m: ${uid}: keeping its objects failed: ${e.message}`));
    }
  };
  const unsubscribe = server.registrations.subscribe({
    registered(uid) {
      ops.ended(uid); // a new registration: the queue hears of it at the uplink that follows
      lastObjects(uid);
      // a new Register voids the device's observations, a re-registration as much as a first one
      observations.registered(uid);
    },
    updated: (uid) => lastObjects(uid),
    deregistered(uid) {
      ops.ended(uid);
      observations.ended(uid);
    },
    expired(uid) {
      ops.ended(uid);
      observations.ended(uid);
    },
    uplink(uid) {
      ops.uplink(uid);
      observations.awake(uid);
    },
  });

  return {
    objects(uid) {
      const d = devices.ref(uid);
      if (!d) return undefined;
      return objectsView({
        registration: server.registrations.get(uid), lastObjects: store.lastObjects(d.id), models: models(),
        values: store.values(d.id), observations: store.observations(d.id),
      });
    },
    approved: (uid) => ops.approved(uid),
    close() {
      unsubscribe();
      ops.close();
      observations.close();
      clearInterval(writeReported);
      commit.run(() => store.writeReported()).catch((e: Error) => log.warn(`lwm2m: writing reported values failed: ${e.message}`));
      if (!deps.commit) commit.flush();
    },
  };
}
