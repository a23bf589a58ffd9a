// The LwM2M registration interface's domain side: Register, Update and De-register as calls, the
// lifetime sweep, presence, and the events device management plugs onto. rd-handler.ts speaks CoAP.
import type { Db } from '../../db/open.js';
import type { DeviceStore, DeviceRow } from '../../devices/devices.js';
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
  register(peer: CoapPeer, query: readonly string[], payload: Buffer, contentFormat: number | undefined): { registrationId: string };
  update(registrationId: string, peer: CoapPeer, query: readonly string[], payload: Buffer, contentFormat: number | undefined): void;
  deregister(registrationId: string, peer: CoapPeer): void;
  /** Ends registrations whose lifetime ran out; the timer calls it, tests may too. */
  sweepExpired(now?: number): void;
  /** A deleted or rejected device: forget it here. */
  forget(uid: string): void;
  close(): void;
}

const LINK_FORMAT = 40;
const DEFAULT_MAX_PAYLOAD = 64 * 1024;
const MAX_LINKS = 4096;
const peerKey = (p: CoapPeer) => `${p.address}|${p.port}`;

export function createLwm2mRegistrar(deps: RegistrarDeps, options: RegistrarOptions = {}): Lwm2mRegistrar {
  const { devices, presence, log } = deps;
  const store = createRegistrationStore(deps.db);
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
  for (const r of store.all()) setPeer(r.uid, { address: r.address, port: r.port });

  // after the response: the device hears its answer first, then device management may talk to it
  const emit = (call: (l: Lwm2mRegistrationListener) => void) => setImmediate(() => {
    for (const l of listeners) {
      try {
        call(l);
      } catch (e) {
        log.error(`lwm2m: a registration listener failed: ${(e as Error).message}`);
      }
    }
  });
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

  const objectLinks = (payload: Buffer, contentFormat: number | undefined) => {
    if (payload.length > maxPayload) throw new RdError('4.00', `the registration payload of ${payload.length} bytes is longer than ${maxPayload}`);
    if (contentFormat !== undefined && contentFormat !== LINK_FORMAT) {
      throw new RdError('4.00', `the registration payload must be link-format (content format 40), not ${contentFormat}`);
    }
    try {
      const parsed = parseRegistration(payload);
      if (parsed.objects.length > MAX_LINKS) throw new RdError('4.00', `more than ${MAX_LINKS} object links`);
      const links: ObjectLinks = parsed.objects.map((o) => ({ path: [...o.path], params: o.params }));
      return { links, rootPath: parsed.rootPath, contentFormats: parsed.contentFormats };
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
  const deviceFor = (endpoint: string, peer: CoapPeer): { device: DeviceRow; created: boolean } => {
    const known = devices.get(endpoint);
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
    return { device: devices.get(endpoint)!, created: true };
  };

  const view = (uid: string, pending: boolean, r: RegistrationRow) => toView(uid, pending, r);

  const registrar: Lwm2mRegistrar = {
    register(peer, rawQuery, payload, contentFormat) {
      const q = query(() => parseRegisterQuery(rawQuery));
      const { links, rootPath, contentFormats } = objectLinks(payload, contentFormat);
      const { device, created } = deviceFor(q.endpoint, peer);
      const before = store.byDevice(device.id);
      const now = Date.now();
      const row = store.replace({
        deviceId: device.id, address: peer.address, port: peer.port, lifetimeSec: q.lifetimeSec,
        binding: q.binding, queueMode: q.queueMode, version: q.version, rootPath, contentFormats,
        objectLinks: links, registeredAt: now, updatedAt: now, expiresAt: now + q.lifetimeSec * 1000,
      });
      setPeer(device.uid, peer);
      online(device.uid, 'registered');
      const registration = view(device.uid, device.pending, row);
      const reRegistration = before !== undefined && before.expiresAt > now;
      emit((l) => l.registered?.(device.uid, registration, { reRegistration, createdDevice: created }));
      emit((l) => l.uplink?.(device.uid, peer));
      return { registrationId: row.registrationId };
    },
    update(registrationId, peer, rawQuery, payload, contentFormat) {
      registrar.sweepExpired(); // a lifetime that ran out since the last sweep is not revived by a late Update
      const current = store.byId(registrationId);
      if (!current) throw new RdError('4.04', `no registration ${registrationId.slice(0, 40)} (it ended, or Outpost never gave it): register again`);
      const q = query(() => parseUpdateQuery(rawQuery));
      const objects = payload.length > 0 ? objectLinks(payload, contentFormat) : undefined;
      const now = Date.now();
      const lifetimeSec = q.lifetimeSec ?? current.lifetimeSec;
      const binding = q.binding ?? current.binding;
      // 1.0 says queue mode in the binding (UQ); 1.1 with the Q parameter at Register
      const queueMode = q.binding === undefined ? current.queueMode
        : binding.includes('Q') || q.queueFlag || (current.version === '1.1' && current.queueMode);
      const row = store.update(registrationId, {
        address: peer.address, port: peer.port, lifetimeSec, binding, queueMode, updatedAt: now, expiresAt: now + lifetimeSec * 1000,
        ...(objects ? { objectLinks: objects.links, rootPath: objects.rootPath, contentFormats: objects.contentFormats } : {}),
      })!;
      setPeer(current.uid, peer);
      online(current.uid, 'registration updated');
      const registration = view(current.uid, current.pending, row);
      emit((l) => l.updated?.(current.uid, registration));
      emit((l) => l.uplink?.(current.uid, peer));
    },
    deregister(registrationId, peer) {
      const current = store.byId(registrationId);
      if (!current || !store.remove(registrationId)) throw new RdError('4.04', `no registration ${registrationId.slice(0, 40)}`);
      log.info(`lwm2m: ${current.uid} de-registered from ${peer.address}:${peer.port}`);
      offline(current.uid, 'deregistered', 'de-registered');
      emit((l) => l.deregistered?.(current.uid));
    },
    sweepExpired(now = Date.now()) {
      for (const r of store.expired(now)) {
        if (!store.remove(r.registrationId)) continue;
        offline(r.uid, 'lifetime-expired', `registration lifetime of ${r.lifetimeSec} s expired`);
        emit((l) => l.expired?.(r.uid));
      }
    },
    get(uid) {
      const d = devices.get(uid);
      const r = d && store.byDevice(d.id);
      return d && r ? view(d.uid, d.pending, r) : undefined;
    },
    findByPeer: (peer) => byPeer.get(peerKey(peer)),
    uplink(uid, peer) {
      const d = devices.get(uid);
      const r = d && store.byDevice(d.id);
      if (!d || !r) return;
      if (r.address !== peer.address || r.port !== peer.port) store.update(r.registrationId, { address: peer.address, port: peer.port });
      setPeer(uid, peer);
      online(uid, 'data received');
      emit((l) => l.uplink?.(uid, peer));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    forget(uid) {
      held.delete(uid);
      dropPeer(uid);
    },
    close() {
      clearInterval(timer);
      listeners.clear();
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
