// The LwM2M registration interface's domain side: Register, Update and De-register as calls, the
// lifetime sweep, presence, and the events device management plugs onto. rd-handler.ts speaks CoAP.
import type { Db } from '../../db/open.js';
import { createGroupCommit, type GroupCommit } from '../../db/group-commit.js';
import type { DeviceStore, DeviceRef } from '../../devices/devices.js';
import type { Presence } from '../../devices/presence.js';
import type { Logger } from '../../log.js';
import type { CoapPeer } from '../../coap/types.js';
import type { Lwm2mRegistrationView } from '../../contract/lwm2m-registration.js';
import { DomainError } from '../../errors.js';
import { parseRegistration, Lwm2mCodecError } from '../../codecs/lwm2m/index.js';
import { parseRegisterQuery, parseUpdateQuery, RdQueryError } from './rd-query.js';
import { createRegistrationStore, toView, type ObjectLinks, type RegistrationRow } from './registration-store.js';

/** What device management hears; every callback runs after the device's answer is on its way. */
export interface Lwm2mRegistrationListener {
  /** `reRegistration`: a live registration was replaced (its observations are gone); `createdDevice`: a pending device was made for it */
  registered?(uid: string, registration: Lwm2mRegistrationView, info: { reRegistration: boolean; createdDevice: boolean }): void;
  updated?(uid: string, registration: Lwm2mRegistrationView): void;
  deregistered?(uid: string): void;
  expired?(uid: string): void;
  /** any request from the device (Register, Update, a Send on /dp): it listens now, if in queue mode */
  uplink?(uid: string, peer: CoapPeer): void;
}

/** The hooks for device management (queue, observations, Send). */
export interface Lwm2mRegistrations {
  get(uid: string): Lwm2mRegistrationView | undefined;
  /** The registered device that last spoke from this address and port (a Send on /dp names no registration). */
  findByPeer(peer: CoapPeer): string | undefined;
  /** Another request from a registered device (e.g. a Send): refreshes its address and presence, tells listeners. */
  uplink(uid: string, peer: CoapPeer): void;
  /** Returns a function that unsubscribes. */
  subscribe(listener: Lwm2mRegistrationListener): () => void;
}

/** A refusal as the CoAP side answers it: 4.00, 4.03, 4.04, 4.12, with words for the client. */
export class RdError extends Error {
  constructor(readonly code: '4.00' | '4.03' | '4.04' | '4.12', message: string) {
    super(message);
    this.name = 'RdError';
  }
}

export interface RegistrarDeps {
  db: Db;
  devices: DeviceStore;
  presence: Presence;
  log: Logger;
  acceptNewDevices(): boolean;
  /** An unknown endpoint was refused (the audit log, folded per peer and minute). */
  refusedUnknown(endpoint: string, peer: CoapPeer, reason: string): void;
  /** where Register, Update and De-register commit (shared with other writers); one of its own when not given */
  commit?: GroupCommit;
}

export interface RegistrarOptions {
  /** how often expired lifetimes are looked for; default 1 s */
  expirySweepMs?: number;
  /** devices waiting for approval at most; unknown endpoints beyond it are refused (default 1000) */
  maxPending?: number;
  /** largest registration payload (bytes) */
  maxPayloadBytes?: number;
}

export interface Lwm2mRegistrar extends Lwm2mRegistrations {
  /** Each resolves once its writes are committed and durable (the device is answered after that). */
  register(peer: CoapPeer, query: readonly string[], payload: Buffer, contentFormat: number | undefined): Promise<{ registrationId: string }>;
  update(registrationId: string, peer: CoapPeer, query: readonly string[], payload: Buffer, contentFormat: number | undefined): Promise<void>;
  deregister(registrationId: string, peer: CoapPeer): Promise<void>;
  /** Ends registrations whose lifetime ran out; the timer calls it, tests may too. */
  sweepExpired(now?: number): void;
  /** A deleted or rejected device: forget it here. */
  forget(uid: string): void;
  close(): void;
}

type Cached = { row: RegistrationRow; view: Lwm2mRegistrationView };

const LINK_FORMAT = 40;
const DEFAULT_MAX_PAYLOAD = 64 * 1024;
const MAX_LINKS = 4096;
/** distinct registration payloads kept parsed (each at most maxPayloadBytes) */
const MAX_PARSED_PAYLOADS = 64;
const peerKey = (p: CoapPeer) => `${p.address}|${p.port}`;

export function createLwm2mRegistrar(deps: RegistrarDeps, options: RegistrarOptions = {}): Lwm2mRegistrar {
  const { devices, presence, log } = deps;
  const store = createRegistrationStore(deps.db);
  const ownCommit = deps.commit === undefined;
  const commit = deps.commit ?? createGroupCommit(deps.db);
  // Each request's writes run inside the shared commit; in a savepoint of their own, so that one that
  // fails (its device deleted meanwhile) is rolled back alone and the others' commit goes on.
  const savepoint = deps.db.$client.transaction(<T>(work: () => T): T => work());
  const durably = async <T>(work: () => T): Promise<T> => {
    const done = await commit.run(() => {
      try {
        return { ok: true as const, value: savepoint(work) as T };
      } catch (error) {
        return { ok: false as const, error };
      }
    });
    if (!done.ok) throw done.error;
    return done.value;
  };
  const maxPayload = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD;
  const listeners = new Set<Lwm2mRegistrationListener>();
  // devices whose registration presence counts as a connection in this run (after a restart: none
  // until they speak, so they read "Outpost restarted" until then)
  const held = new Set<string>();
  const byPeer = new Map<string, string>();
  const peerOf = new Map<string, string>();
  const setPeer = (uid: string, peer: CoapPeer) => {
    const old = peerOf.get(uid);
    if (old !== undefined && byPeer.get(old) === uid) byPeer.delete(old);
    const key = peerKey(peer);
    byPeer.set(key, uid);
    peerOf.set(uid, key);
  };
  const dropPeer = (uid: string) => {
    const old = peerOf.get(uid);
    if (old !== undefined && byPeer.get(old) === uid) byPeer.delete(old);
    peerOf.delete(uid);
  };
  // the registrations in memory (loaded at start): looking one up costs no query
  const byUid = new Map<string, Cached>();
  const uidById = new Map<string, string>();
  const remember = (uid: string, pending: boolean, row: RegistrationRow): Cached => {
    const old = byUid.get(uid);
    if (old && old.row.registrationId !== row.registrationId) uidById.delete(old.row.registrationId);
    const cached = { row, view: toView(uid, pending, row) };
    byUid.set(uid, cached);
    uidById.set(row.registrationId, uid);
    return cached;
  };
  const drop = (uid: string) => {
    const old = byUid.get(uid);
    if (old) uidById.delete(old.row.registrationId);
    byUid.delete(uid);
  };
  const cachedById = (registrationId: string) => {
    const uid = uidById.get(registrationId);
    const c = uid === undefined ? undefined : byUid.get(uid);
    return uid === undefined || !c ? undefined : { uid, ...c };
  };
  for (const r of store.all()) {
    remember(r.uid, r.pending, r);
    setPeer(r.uid, { address: r.address, port: r.port });
  }

  // after the response: the device hears its answer first, then device management may talk to it
  // (one turn for all the events of this one: a notification storm is an uplink each)
  let emitting: Array<(l: Lwm2mRegistrationListener) => void> = [];
  const emitAll = () => {
    const calls = emitting;
    emitting = [];
    for (const call of calls) {
      for (const l of listeners) {
        try {
          call(l);
        } catch (e) {
          log.error(`lwm2m: a registration listener failed: ${(e as Error).message}`);
        }
      }
    }
  };
  const emit = (call: (l: Lwm2mRegistrationListener) => void) => {
    if (emitting.push(call) === 1) setImmediate(emitAll);
  };
  const online = (uid: string, reason: string) => {
    if (held.has(uid)) return presence.seen(uid);
    held.add(uid);
    presence.connected(uid, { reason, ownLifetime: true });
  };
  const offline = (uid: string, cause: 'deregistered' | 'lifetime-expired', reason: string) => {
    held.delete(uid);
    dropPeer(uid);
    presence.disconnected(uid, { cause, reason });
  };

  // A fleet registers with the same few payloads: each distinct one is parsed once, and the rows
  // made from it share its links (nobody changes them; the store writes their JSON once, too).
  const parsedPayloads = new Map<string, { links: ObjectLinks; rootPath: string; contentFormats: number[] }>();
  const objectLinks = (payload: Buffer, contentFormat: number | undefined) => {
    if (payload.length > maxPayload) throw new RdError('4.00', `the registration payload of ${payload.length} bytes is longer than ${maxPayload}`);
    if (contentFormat !== undefined && contentFormat !== LINK_FORMAT) {
      throw new RdError('4.00', `the registration payload must be link-format (content format 40), not ${contentFormat}`);
    }
    const key = payload.toString('latin1');
    const known = parsedPayloads.get(key);
    if (known) return known;
    try {
      const parsed = parseRegistration(payload);
      if (parsed.objects.length > MAX_LINKS) throw new RdError('4.00', `more than ${MAX_LINKS} object links`);
      const links: ObjectLinks = parsed.objects.map((o) => ({ path: [...o.path], params: o.params }));
      const result = { links, rootPath: parsed.rootPath, contentFormats: parsed.contentFormats };
      if (parsedPayloads.size >= MAX_PARSED_PAYLOADS) parsedPayloads.clear();
      parsedPayloads.set(key, result);
      return result;
    } catch (e) {
      if (e instanceof Lwm2mCodecError) throw new RdError('4.00', `bad link-format: ${e.message}`);
      throw e;
    }
  };
  const query = <T>(parse: () => T): T => {
    try {
      return parse();
    } catch (e) {
      if (e instanceof RdQueryError) throw new RdError(e.code, e.message);
      throw e;
    }
  };

  // the device the endpoint name names, made pending when Settings accept new devices
  const deviceFor = (endpoint: string, peer: CoapPeer): { device: DeviceRef; created: boolean } => {
    const known = devices.ref(endpoint);
    if (known) {
      if (known.dialect !== 'lwm2m') {
        devices.addEvent(known, 'refused', `LwM2M registration from ${peer.address}:${peer.port} refused: the device is not marked as an LwM2M device`,
          { coalesceBy: peer.address });
        throw new RdError('4.03', `endpoint ${endpoint} is not an LwM2M device in Outpost`);
      }
      return { device: known, created: false };
    }
    const refuse = (reason: string): never => {
      log.warn(`lwm2m: refused registration of ${endpoint} from ${peer.address}:${peer.port}: ${reason}`);
      deps.refusedUnknown(endpoint, peer, reason);
      throw new RdError('4.03', reason);
    };
    if (!deps.acceptNewDevices()) refuse(`unknown endpoint ${endpoint}: add it as an LwM2M device in Outpost, or let Settings accept new LwM2M devices`);
    if (devices.pendingCount() >= (options.maxPending ?? 1000)) refuse(`unknown endpoint ${endpoint}: too many devices are waiting for approval`);
    try {
      devices.create({ uid: endpoint, name: endpoint, tags: [], dialect: 'lwm2m', pending: true });
    } catch (e) {
      if (e instanceof DomainError) refuse(`endpoint ${endpoint}: ${e.message}`);
      throw e;
    }
    log.info(`lwm2m: new device ${endpoint} from ${peer.address}:${peer.port} waits for approval`);
    return { device: devices.ref(endpoint)!, created: true };
  };

  const registrar: Lwm2mRegistrar = {
    async register(peer, rawQuery, payload, contentFormat) {
      const q = query(() => parseRegisterQuery(rawQuery));
      const { links, rootPath, contentFormats } = objectLinks(payload, contentFormat);
      const { device, created } = deviceFor(q.endpoint, peer);
      const before = byUid.get(device.uid)?.row;
      const now = Date.now();
      // the registration, the presence change and its event: one durable commit shared with the others of this turn
      // memory first, then presence: the live 'online' makes pages fetch the registration at once
      const { row, registration } = await durably(() => {
        const r = store.replace({
          deviceId: device.id, address: peer.address, port: peer.port, lifetimeSec: q.lifetimeSec,
          binding: q.binding, queueMode: q.queueMode, version: q.version, rootPath, contentFormats,
          objectLinks: links, registeredAt: now, updatedAt: now, expiresAt: now + q.lifetimeSec * 1000,
        });
        setPeer(device.uid, peer);
        const view = remember(device.uid, device.pending, r).view;
        online(device.uid, 'registered');
        return { row: r, registration: view };
      });
      const reRegistration = before !== undefined && before.expiresAt > now;
      emit((l) => l.registered?.(device.uid, registration, { reRegistration, createdDevice: created }));
      emit((l) => l.uplink?.(device.uid, peer));
      return { registrationId: row.registrationId };
    },
    async update(registrationId, peer, rawQuery, payload, contentFormat) {
      registrar.sweepExpired(); // a lifetime that ran out since the last sweep is not revived by a late Update
      const found = cachedById(registrationId);
      const current = found && { ...found.row, uid: found.uid, pending: found.view.pending };
      if (!current) throw new RdError('4.04', `no registration ${registrationId.slice(0, 40)} (it ended, or Outpost never gave it): register again`);
      const q = query(() => parseUpdateQuery(rawQuery));
      const objects = payload.length > 0 ? objectLinks(payload, contentFormat) : undefined;
      const now = Date.now();
      const lifetimeSec = q.lifetimeSec ?? current.lifetimeSec;
      const binding = q.binding ?? current.binding;
      // 1.0 says queue mode in the binding (UQ); 1.1 with the Q parameter at Register
      const queueMode = q.binding === undefined ? current.queueMode
        : binding.includes('Q') || q.queueFlag || (current.version === '1.1' && current.queueMode);
      const row: RegistrationRow = {
        ...found.row, address: peer.address, port: peer.port, lifetimeSec, binding, queueMode, updatedAt: now, expiresAt: now + lifetimeSec * 1000,
        ...(objects ? { objectLinks: objects.links, rootPath: objects.rootPath, contentFormats: objects.contentFormats } : {}),
      };
      const registration = await durably(() => {
        if (!store.write(row)) return undefined; // de-registered meanwhile
        setPeer(current.uid, peer);
        const view = remember(current.uid, current.pending, row).view;
        online(current.uid, 'registration updated');
        return view;
      });
      if (!registration) throw new RdError('4.04', `no registration ${registrationId.slice(0, 40)} (it ended): register again`);
      emit((l) => l.updated?.(current.uid, registration));
      emit((l) => l.uplink?.(current.uid, peer));
    },
    async deregister(registrationId, peer) {
      const current = cachedById(registrationId);
      const gone = current !== undefined && await durably(() => {
        if (!store.remove(registrationId)) return false;
        if (byUid.get(current.uid)?.row.registrationId === registrationId) drop(current.uid);
        offline(current.uid, 'deregistered', 'de-registered');
        return true;
      });
      if (!current || !gone) throw new RdError('4.04', `no registration ${registrationId.slice(0, 40)}`);
      log.info(`lwm2m: ${current.uid} de-registered from ${peer.address}:${peer.port}`);
      emit((l) => l.deregistered?.(current.uid));
    },
    sweepExpired(now = Date.now()) {
      const ended = [...byUid].filter(([, c]) => c.row.expiresAt <= now).map(([uid, c]) => ({ ...c.row, uid }));
      for (const r of ended) {
        drop(r.uid);
        if (!store.remove(r.registrationId)) continue;
        offline(r.uid, 'lifetime-expired', `registration lifetime of ${r.lifetimeSec} s expired`);
        emit((l) => l.expired?.(r.uid));
      }
    },
    get(uid) {
      const c = byUid.get(uid);
      if (!c) return undefined;
      // whether it waits for approval is the device's (approved elsewhere): read, not remembered
      const d = devices.ref(uid);
      if (!d) return undefined;
      return d.pending === c.view.pending ? c.view : (remember(uid, d.pending, c.row)).view;
    },
    findByPeer: (peer) => byPeer.get(peerKey(peer)),
    uplink(uid, peer) {
      const c = byUid.get(uid);
      if (!c) return;
      const r = c.row;
      // from where it registered (or last moved to): already known by that address
      if (r.address !== peer.address || r.port !== peer.port) {
        const moved = { ...r, address: peer.address, port: peer.port };
        store.write(moved);
        remember(uid, c.view.pending, moved);
        setPeer(uid, peer);
      }
      online(uid, 'data received');
      emit((l) => l.uplink?.(uid, peer));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    forget(uid) {
      drop(uid);
      held.delete(uid);
      dropPeer(uid);
    },
    close() {
      clearInterval(timer);
      listeners.clear();
      if (ownCommit) commit.flush();
    },
  };

  const sweep = () => {
    try {
      registrar.sweepExpired();
    } catch (e) {
      log.error(`lwm2m: the lifetime sweep failed: ${(e as Error).message}`);
    }
  };
  sweep(); // lifetimes that ran out while Outpost was stopped
  const timer = setInterval(sweep, options.expirySweepMs ?? 1000);
  timer.unref();
  return registrar;
}
