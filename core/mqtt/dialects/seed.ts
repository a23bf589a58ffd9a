// The seed agent's dialect (core/codecs/seed-messages.ts) mapped to the same domain calls as the
// native scheme: presence, inventory, and the operations queue (inventory.refresh and
// system.reboot become its plain-string commands). Such a device connects without credentials:
// only as its own serial, only to its two topics, and only when a user marked it as a seed device.
import type { Aedes, Client } from 'aedes';
import { decodeSeedReply, seedClientTopic, seedServerTopic, type SeedCommand } from '../../codecs/seed-messages.js';
import { decodeSnapdSnaps, decodeSnapdSystemInfo, decodeSnapdUsers, type SnapdOutcome } from '../../codecs/snapd-json.js';
import type { Inventory } from '../../contract/inventory.js';
import type { DeviceRow } from '../../devices/device-row.js';
import type { DeviceStore } from '../../devices/devices.js';
import type { InventoryStore } from '../../devices/inventory.js';
import type { OperationReports, OperationTransport } from '../../operations/transport.js';
import type { Logger } from '../../log.js';

export interface SeedTimings {
  /** how often a connected seed device is sent `heartbeat`; default 60 s */
  heartbeatEveryMs: number;
  /** how long its answer may take before it counts as offline; default 15 s */
  heartbeatTimeoutMs: number;
}
export const DEFAULT_SEED_TIMINGS: SeedTimings = { heartbeatEveryMs: 60_000, heartbeatTimeoutMs: 15_000 };

export interface SeedDeps {
  devices: DeviceStore;
  inventory: InventoryStore;
  operations: OperationReports;
  log: Logger;
  timings: SeedTimings;
  /** Ends a connection with this cause (the broker records it as the device's offline reason). */
  close(client: Client, reason: string): void;
}

/** Which inventory.refresh commands fill which part, and how snapd's answer is read. */
const INVENTORY_COMMANDS: Array<{ command: SeedCommand; part: keyof Inventory; decode: (data: string) => SnapdOutcome<unknown> }> = [
  { command: 'getsysteminfo', part: 'snapd', decode: decodeSnapdSystemInfo },
  { command: 'getuserinfo', part: 'users', decode: decodeSnapdUsers },
  { command: 'getsnapinfo', part: 'snaps', decode: decodeSnapdSnaps },
];
const TRANSLATED: Record<string, SeedCommand[]> = {
  'inventory.refresh': INVENTORY_COMMANDS.map((c) => c.command),
  'system.reboot': ['reboot'],
};

interface Pending { opId: number; awaiting: Set<SeedCommand>; parts: string[]; errors: string[] }

export function createSeedDialect(broker: Aedes, deps: SeedDeps) {
  const { devices, inventory, operations, log } = deps;
  const connections = new Map<string, Client>();
  const heartbeats = new Map<string, { every: NodeJS.Timeout; answer?: NodeJS.Timeout }>();
  // operations under way per device, oldest first; a reply answers the oldest that awaits its command
  const pending = new Map<string, Pending[]>();

  const send = (serial: string, command: SeedCommand) => new Promise<void>((resolve, reject) =>
    broker.publish({ cmd: 'publish', topic: seedServerTopic(serial), payload: Buffer.from(command), qos: 1, retain: false, dup: false },
      (e?: Error) => (e ? reject(e) : resolve())));

  function heartbeat(serial: string) {
    const hb = heartbeats.get(serial);
    if (!hb || hb.answer) return; // one unanswered heartbeat at a time
    hb.answer = setTimeout(() => {
      const client = connections.get(serial);
      const seconds = Math.round(deps.timings.heartbeatTimeoutMs / 1000);
      log.warn(`mqtt: seed device ${serial} did not answer the heartbeat within ${seconds} s`);
      if (client) deps.close(client, `no answer to the heartbeat within ${seconds} s`);
    }, deps.timings.heartbeatTimeoutMs);
    hb.answer.unref();
    send(serial, 'heartbeat').catch((e: Error) => log.warn(`mqtt: heartbeat to ${serial} not sent: ${e.message}`));
  }

  function stopHeartbeat(serial: string) {
    const hb = heartbeats.get(serial);
    if (!hb) return;
    clearInterval(hb.every);
    if (hb.answer) clearTimeout(hb.answer);
    heartbeats.delete(serial);
  }

  function answered(device: DeviceRow, command: SeedCommand, data: string) {
    const queue = pending.get(device.uid) ?? [];
    const p = queue.find((x) => x.awaiting.has(command));
    const part = INVENTORY_COMMANDS.find((c) => c.command === command);
    if (part) {
      const decoded = part.decode(data);
      const now = Date.now();
      if (decoded.ok) inventory.record(device, { collectedAt: now, [part.part]: decoded.value }, 'seed', { merge: true });
      else {
        const why = `snapd said: ${decoded.error.message}${decoded.error.kind ? ` (${decoded.error.kind})` : ''}`;
        inventory.record(device, { collectedAt: now, missing: { [part.part]: why } }, 'seed', { merge: true });
        p?.errors.push(`${command}: ${why}`);
      }
    }
    if (!p) return;
    p.awaiting.delete(command);
    p.parts.push(command);
    if (p.awaiting.size > 0) return;
    pending.set(device.uid, queue.filter((x) => x !== p));
    const reply = p.errors.length > 0 && p.errors.length === p.parts.length
      ? { ok: false as const, error: { code: 'snapd-error', message: p.errors.join('; ') } }
      : { ok: true as const, result: command === 'reboot' ? { data } : { answered: p.parts, errors: p.errors } };
    void operations.reply(device.uid, p.opId, reply);
  }

  const transport: OperationTransport = {
    name: 'seed',
    serves: (device) => device.dialect === 'seed',
    accepts: (kind) => Object.hasOwn(TRANSLATED, kind),
    reachable: (uid) => connections.has(uid),
    async send(op) {
      const commands = TRANSLATED[op.kind];
      if (!commands) throw new Error(`the seed agent has no command for ${op.kind}`);
      const list = pending.get(op.deviceUid) ?? [];
      // a resend replaces what the earlier attempt awaited
      pending.set(op.deviceUid, [...list.filter((p) => p.opId !== op.id), { opId: op.id, awaiting: new Set(commands), parts: [], errors: [] }]);
      // the seed server sent a heartbeat whenever a device's page was opened; inventory.refresh is that moment
      if (op.kind === 'inventory.refresh') heartbeat(op.deviceUid);
      for (const command of commands) await send(op.deviceUid, command);
      // the dialect has no receipt: on its way counts as delivered
      void operations.delivered(op.deviceUid, op.id);
    },
  };

  return {
    transport,
    mayConnect: (clientId: string): DeviceRow | undefined => {
      const device = devices.get(clientId);
      return device?.dialect === 'seed' ? device : undefined;
    },
    maySubscribe: (device: DeviceRow, filter: string) => filter === seedServerTopic(device.uid),
    mayPublish: (device: DeviceRow, topic: string) => topic === seedClientTopic(device.uid),
    /** Its subscription to its server topic: it can be asked now; a first heartbeat goes out. */
    subscribed(device: DeviceRow, client: Client) {
      const subscribed = Object.keys((client as Client & { subscriptions?: object }).subscriptions ?? {}).includes(seedServerTopic(device.uid));
      if (!subscribed || connections.get(device.uid) === client) return;
      connections.set(device.uid, client);
      stopHeartbeat(device.uid);
      const every = setInterval(() => heartbeat(device.uid), deps.timings.heartbeatEveryMs);
      every.unref();
      heartbeats.set(device.uid, { every });
      heartbeat(device.uid);
      operations.reachable(device.uid, { sessionKept: false });
    },
    gone(device: DeviceRow, client: Client) {
      if (connections.get(device.uid) !== client) return;
      connections.delete(device.uid);
      stopHeartbeat(device.uid);
      // what it was asked stays awaited: an agent that reconnects (or answers from a second
      // connection with its id, which takes this one over) still completes it
      operations.unreachable(device.uid);
    },
    /** Asks for a heartbeat now (the device's page was opened). */
    heartbeat,
    /** A message on django/iot/client/{serial}. */
    message(device: DeviceRow, payload: Buffer) {
      const decoded = decodeSeedReply(payload);
      if (!decoded.ok) {
        devices.addEvent(device, 'rejected', `seed agent message rejected: ${decoded.reason}`);
        return;
      }
      const { command, serial, data } = decoded.reply;
      if (serial !== device.uid) {
        devices.addEvent(device, 'rejected', `seed agent message rejected: it names device ${serial}, not ${device.uid}`);
        return;
      }
      if (command === 'heartbeat') {
        const hb = heartbeats.get(device.uid);
        if (hb?.answer) clearTimeout(hb.answer);
        if (hb) hb.answer = undefined;
        inventory.record(device, { collectedAt: Date.now(), system: { os: {}, uptimeText: data.slice(0, 200) } }, 'seed', { merge: true });
        return;
      }
      answered(device, command, data);
    },
    close() {
      for (const uid of [...heartbeats.keys()]) stopHeartbeat(uid);
    },
  };
}

export type SeedDialect = ReturnType<typeof createSeedDialect>;
