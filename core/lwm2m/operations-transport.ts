// LwM2M delivery of operations (devices of dialect 'lwm2m'): an operation becomes a CoAP request
// (dm/buildRequest) to the device's current address, its answer a reply (dm/interpretResponse).
// A device in queue mode is reachable only within its awake window after an uplink (Zephyr: 93 s);
// an unanswered request ends the attempt (the queue retries) and, in queue mode, makes the device
// unreachable until it speaks again. The CoAP request and answer of each attempt go into the reply
// (result.coap / error.coap), so the operation's history shows them.
import { CoapTimeoutError, type CoapEndpoint, type CoapIncomingResponse, type CoapOutgoingRequest } from '../coap/types.js';
import { CT, requestFormats } from '../codecs/lwm2m/index.js';
import { isLwm2mKind } from '../contract/lwm2m-operations.js';
import type { Lwm2mRegistrationView } from '../contract/lwm2m-registration.js';
import type { Logger } from '../log.js';
import type { DeviceReply, OperationReports, OperationTransport, OutgoingOperation } from '../operations/transport.js';
import { buildRequest, DmRequestError, interpretResponse, type DmDevice, type DmRequest, type ReadValue } from './dm/index.js';
import type { ModelRegistry } from './models/registry.js';
import { observedPaths, type Lwm2mObservations } from './observations.js';
import type { Lwm2mRegistrations } from './registration/registrations.js';
import { knownFromRead, knownFromWrite, type Lwm2mReporting } from './reporting.js';

export interface Lwm2mTransportDeps {
  endpoint: CoapEndpoint;
  registrations: Lwm2mRegistrations;
  reports: OperationReports;
  observations: Lwm2mObservations;
  reporting: Lwm2mReporting;
  log: Logger;
  models(): ModelRegistry;
  /** how long a queue-mode device listens after an uplink; default 93 s */
  awakeWindowMs?: number;
  /** per-request timeout; undefined: the endpoint's */
  requestTimeoutMs?: number;
}

export interface Lwm2mOperationsTransport {
  transport: OperationTransport;
  /** The device spoke (Register, Update, Send, a notification): it listens now. */
  uplink(uid: string): void;
  /** Its registration ended (de-register, expiry). */
  ended(uid: string): void;
  /** An operator approved the pending device: if it listens now, what waited for it goes out. */
  approved(uid: string): void;
  close(): void;
}

/** One CoAP request and its answer as the operation's history shows it. */
export interface CoapExchangeRecord {
  request: { method: string; path: string; query?: string[]; contentFormat?: number; accept?: number; payloadBytes: number; observe?: 'register' | 'deregister' };
  response: { code: string; contentFormat?: number; payload?: string; payloadBytes: number; locationPath?: string } | { none: string };
}

const AWAKE_DEFAULT_MS = 93_000;
const PREVIEW_BYTES = 512;
const TEXT_FORMATS = new Set<number>([CT.TEXT, CT.LINK_FORMAT, CT.SENML_JSON, CT.LWM2M_JSON]);

export function dmDeviceOf(r: Lwm2mRegistrationView): DmDevice {
  const objectVersions = new Map<number, string>();
  for (const o of r.objects) if (o.version !== null) objectVersions.set(o.id, o.version);
  return { version: r.version, formatHint: r.contentFormats, objectVersions, rootPath: r.rootPath };
}

function preview(payload: Buffer, contentFormat: number | undefined): string | undefined {
  if (payload.length === 0) return undefined;
  const part = payload.subarray(0, PREVIEW_BYTES);
  const more = payload.length > PREVIEW_BYTES ? '…' : '';
  if (contentFormat !== undefined && TEXT_FORMATS.has(contentFormat)) return part.toString('utf8') + more;
  return `hex ${part.toString('hex')}${more}`;
}

const describeRequest = (r: DmRequest): CoapExchangeRecord['request'] => ({
  method: r.method, path: `/${r.path.join('/')}`, ...(r.query?.length ? { query: r.query } : {}),
  ...(r.contentFormat !== undefined ? { contentFormat: r.contentFormat } : {}), ...(r.accept !== undefined ? { accept: r.accept } : {}),
  payloadBytes: r.payload?.length ?? 0, ...(r.observe !== undefined ? { observe: r.observe ? 'register' as const : 'deregister' as const } : {}),
});
const describeResponse = (a: CoapIncomingResponse): CoapExchangeRecord['response'] => ({
  code: a.code, ...(a.contentFormat !== undefined ? { contentFormat: a.contentFormat } : {}),
  ...(a.payload.length ? { payload: preview(a.payload, a.contentFormat) } : {}), payloadBytes: a.payload.length,
  ...(a.locationPath?.length ? { locationPath: `/${a.locationPath.join('/')}` } : {}),
});

export function createLwm2mOperationsTransport(deps: Lwm2mTransportDeps): Lwm2mOperationsTransport {
  const { registrations, reports, observations, reporting } = deps;
  const awakeMs = deps.awakeWindowMs ?? AWAKE_DEFAULT_MS;
  const lastUplink = new Map<string, number>();
  // queue-mode devices that did not answer: asleep until they speak again
  const asleep = new Set<string>();
  const inflight = new Set<string>();
  const windowTimers = new Map<string, NodeJS.Timeout>();
  // told the queue since the registration began (notifications are uplinks too: not a commit each)
  const reported = new Set<string>();

  const isAwake = (uid: string, r: Lwm2mRegistrationView) => {
    if (!r.queueMode) return true;
    if (asleep.has(uid)) return false;
    return Date.now() - Math.max(lastUplink.get(uid) ?? 0, r.updatedAt) < awakeMs;
  };

  /** One CoAP exchange; observe requests go through the observations (they hold what the device sends later). */
  async function exchange(uid: string, op: OutgoingOperation, r: Lwm2mRegistrationView, request: DmRequest): Promise<{ answer: CoapIncomingResponse | undefined; record: CoapExchangeRecord }> {
    const coap: CoapOutgoingRequest = {
      peer: r.peer, method: request.method, path: request.path, query: request.query, contentFormat: request.contentFormat,
      accept: request.accept, payload: request.payload, timeoutMs: deps.requestTimeoutMs,
    };
    const described = describeRequest(request);
    if (request.observe === true) {
      const answer = await observations.start(uid, op, coap, dmDeviceOf(r));
      return { answer, record: { request: described, response: describeResponse(answer) } };
    }
    if (request.observe === false && await observations.cancel(uid, observedPaths(op))) {
      // the endpoint sent the GET with Observe=1 itself; the answer is not handed back
      return { answer: undefined, record: { request: described, response: { none: 'observation cancelled on the device' } } };
    }
    const answer = await deps.endpoint.request(coap);
    return { answer, record: { request: described, response: describeResponse(answer) } };
  }

  // operations whose exchange is under way: the queue may send one again when the device comes back
  // (a new Register right after the first send was dispatched); the device must not get it twice
  // (two observes, two executes), so the second send joins the exchange already on the wire
  const onTheWire = new Map<number, Promise<void>>();
  function sendOnce(op: OutgoingOperation): Promise<void> {
    const under = onTheWire.get(op.id);
    if (under) return under;
    const sent = send(op).finally(() => onTheWire.delete(op.id));
    onTheWire.set(op.id, sent);
    return sent;
  }

  async function send(op: OutgoingOperation): Promise<void> {
    const uid = op.deviceUid;
    const r = registrations.get(uid);
    if (!r) throw new Error('the device is not registered');
    const models = deps.models();
    const device = dmDeviceOf(r);
    const failed = (code: string, message: string) => reports.reply(uid, op.id, { ok: false, error: { code, message } });
    let request: DmRequest;
    try {
      request = buildRequest(op, device, models);
    } catch (e) {
      if (e instanceof DmRequestError) return void await failed(e.code, e.message);
      throw e;
    }
    inflight.add(uid);
    const records: CoapExchangeRecord[] = [];
    try {
      let { answer, record } = await exchange(uid, op, r, request);
      records.push(record);
      // 4.06 Not Acceptable / 4.15 Unsupported Content-Format: once more in the next format the client may take
      if (answer && (answer.code === '4.06' || answer.code === '4.15')) {
        const formats = requestFormats(r.version, r.contentFormats);
        const used = request.accept ?? request.contentFormat;
        const next = used === undefined ? undefined : formats[formats.indexOf(used) + 1];
        if (used !== undefined && formats.includes(used) && next !== undefined) {
          try {
            request = buildRequest(op, device, models, { format: next });
            ({ answer, record } = await exchange(uid, op, r, request));
            records.push(record);
          } catch (e) {
            if (!(e instanceof DmRequestError)) throw e;
          }
        }
      }
      await reports.delivered(uid, op.id);
      const receivedAt = Date.now();
      let reply: DeviceReply = answer
        ? interpretResponse(op, { code: answer.code, contentFormat: answer.contentFormat, payload: answer.payload, locationPath: answer.locationPath }, models, receivedAt, device)
        : { ok: true, result: { cancelled: true } };
      if (reply.ok) {
        const result = (reply.result ?? {}) as Record<string, unknown>;
        if (Array.isArray(result.values) && op.kind !== 'lwm2m.cancel-observe' && op.kind !== 'lwm2m.cancel-observe-composite') {
          reporting.known(uid, knownFromRead(result.values as ReadValue[], receivedAt));
        }
        if (op.kind === 'lwm2m.write' || op.kind === 'lwm2m.write-composite') reporting.known(uid, knownFromWrite(op.kind, op.args, receivedAt, models, device));
        if (op.kind === 'lwm2m.create' && typeof result.path === 'string') {
          reporting.known(uid, knownFromWrite('lwm2m.write', { path: result.path, values: op.args.values }, receivedAt, models, device));
        }
        reply = { ok: true, result: { ...result, coap: records } };
      } else {
        // beside code and message: the history keeps the exchanges that led to the error
        const error = { ...reply.error, coap: records };
        reply = { ok: false, error };
      }
      await reports.reply(uid, op.id, reply);
    } catch (e) {
      const what = `${request.method} /${request.path.join('/')}`;
      if (e instanceof CoapTimeoutError && r.queueMode) {
        asleep.add(uid);
        reports.unreachable(uid);
        throw new Error(`${what}: ${e.message}; the device sleeps (queue mode) until it speaks again`);
      }
      throw new Error(`${what}: ${(e as Error).message}`);
    } finally {
      inflight.delete(uid);
    }
  }

  return {
    transport: {
      name: 'lwm2m',
      serves: (device) => device.dialect === 'lwm2m',
      accepts: (kind) => isLwm2mKind(kind),
      reachable(uid) {
        const r = registrations.get(uid);
        return r !== undefined && !r.pending && isAwake(uid, r);
      },
      send: sendOnce,
    },
    uplink(uid) {
      const r = registrations.get(uid);
      // by this run's own uplinks: the registration row already carries this Update's time
      const wasAwake = r !== undefined && (!r.queueMode || (!asleep.has(uid) && Date.now() - (lastUplink.get(uid) ?? 0) < awakeMs));
      lastUplink.set(uid, Date.now());
      asleep.delete(uid);
      // an exchange under way still ends by itself (answer or timeout); what a restart left 'sending' is sent again
      if (!wasAwake || !reported.has(uid)) reports.reachable(uid, { sessionKept: inflight.has(uid) });
      reported.add(uid);
      clearTimeout(windowTimers.get(uid));
      if (r?.queueMode) {
        const t = setTimeout(() => {
          windowTimers.delete(uid);
          if (!inflight.has(uid)) reports.unreachable(uid);
        }, awakeMs);
        t.unref();
        windowTimers.set(uid, t);
      }
    },
    approved(uid) {
      const r = registrations.get(uid);
      if (!r || r.pending || !isAwake(uid, r)) return;
      reports.reachable(uid, { sessionKept: inflight.has(uid) });
      reported.add(uid);
    },
    ended(uid) {
      reported.delete(uid);
      lastUplink.delete(uid);
      asleep.delete(uid);
      clearTimeout(windowTimers.get(uid));
      windowTimers.delete(uid);
      reports.unreachable(uid);
    },
    close() {
      for (const t of windowTimers.values()) clearTimeout(t);
      windowTimers.clear();
    },
  };
}
