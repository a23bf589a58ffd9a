// One simulated LwM2M client: its own UDP socket (the server knows a client by address:port),
// node-coap's Agent for uplinks (Register, Update, De-register, Send) and node-coap's Server for
// the server's requests on that same socket. Queue mode turns the "radio" off awakeMs after each
// uplink: incoming datagrams are dropped until the next uplink.
import { EventEmitter } from 'node:events';
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import coap, { type IncomingMessage, type OutgoingMessage } from 'coap';
import { CT, Lwm2mCodecError, formatPath, parsePath, type Lwm2mPath, type Lwm2mValue } from '../../core/codecs/lwm2m/index.js';
import { AttributeStore } from './attributes.js';
import { optionNumber, optionStrings, requestPath } from './coap-options.js';
import { DeviceManagement, type DmResponse } from './dm.js';
import type { Lwm2mVersion } from './formats.js';
import { OBJECTS } from './objects/index.js';
import { Refusal, type DeviceApi } from './objects/types.js';
import { Observations, type NotificationSink } from './observations.js';
import { objectLinks, registerQuery, updateDelayMs } from './registration.js';
import { ObjectStore } from './store.js';

export interface Lwm2mClientOptions {
  /** coap://host:port of the LwM2M server (IPv6 as coap://[::1]:5683) */
  server: string;
  endpoint: string;
  /** '1.0': TLV by default; '1.1' (default): SenML CBOR, composite operations, Send */
  lwm2mVersion?: Lwm2mVersion;
  /** registration lifetime in seconds (default 300) */
  lifetime?: number;
  /** queue mode: binding UQ (1.0) or the Q parameter (1.1), and a radio that sleeps */
  queueMode?: boolean;
  /** how long the device listens after each uplink in queue mode (default 93000 ms, as Zephyr) */
  awakeMs?: number;
  /** how often values change (default 5000 ms; 0: never by themselves) */
  intervalMs?: number;
  /** a Send (POST /dp) of the sensor values this often (1.1 only; default 0: never) */
  sendIntervalMs?: number;
  /** how long an uplink waits for its answer (default 5000 ms) */
  requestTimeoutMs?: number;
  /** simulated slow work: firmware download and install, reboot pause (default 1000 ms) */
  workMs?: number;
  /** how many Temperature (3303) instances the device has (default 1; many make a large, block-wise registration) */
  temperatureSensors?: number;
  /** local address to bind (default 0.0.0.0 or ::, by the server's family) */
  bindAddress?: string;
  /**
   * node-coap's response cache per client in bytes (default 16 KiB): it answers retransmitted
   * requests and matches a reset to the notification it cancels. Small keeps a fleet's memory low;
   * at least 4 KiB (smaller values are raised: see MIN_CACHE_BYTES).
   */
  cacheSize?: number;
  log?: (line: string) => void;
}

export interface Lwm2mClientEvents {
  registered: [location: string];
  updated: [];
  deregistered: [];
  /** every request the server sent and the code it got */
  request: [info: { method: string; path: string; code: string }];
  notification: [path: string];
  sleep: [];
  wake: [];
  error: [err: Error];
}

const DEFAULT_SEND_PATHS = ['/3303/0/5700', '/3304/0/5700', '/3/0/9'];
/** uplink payloads above this go block-wise (Block1, 1024-byte blocks: 2^(4+6)) */
const BLOCK_BYTES = 1024;
const BLOCK_SIZE_EXPONENT = 6;
/**
 * node-coap stops a response's retransmissions and its exchange-lifetime timer (~247 s) only when
 * the response leaves its cache (acknowledged, evicted, or the server closed). A response larger
 * than the whole cache is never stored, so nothing stops them: after stop() they retransmit on the
 * closed socket ("Not running") and keep the process alive. The cache holds a few full-size
 * messages (1152 bytes each) at least.
 */
const MIN_CACHE_BYTES = 4 * 1024;
/** every this many notifications one is confirmable, whatever the observe request was */
const CONFIRMABLE_EVERY = 10;

/**
 * Sets the message type of a notification. node-coap sends them with the observe request's type,
 * and after a NON request even as ACKs (node-coap 1.5); its stream keeps the next packet's header
 * in `_packet` and rewrites it after each send, so this goes right before each write.
 */
function setNotificationType(stream: coap.ObserveWriteStream, confirmable: boolean): void {
  const packet = (stream as unknown as { _packet?: { confirmable?: boolean; ack?: boolean } })._packet;
  if (!packet) return;
  packet.confirmable = confirmable;
  packet.ack = false;
}

function serverAddress(url: string): { host: string; port: number } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`server "${url}" is not a URL like coap://127.0.0.1:5683`);
  }
  if (u.protocol !== 'coap:') throw new Error(`server "${url}": only coap:// is supported (no DTLS yet)`);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: u.port ? Number(u.port) : 5683 };
}

export class Lwm2mClient extends EventEmitter<Lwm2mClientEvents> {
  readonly endpoint: string;
  readonly version: Lwm2mVersion;
  readonly queueMode: boolean;
  readonly store: ObjectStore;
  private readonly attributes = new AttributeStore();
  private readonly dm: DeviceManagement;
  /** what the objects' behaviour may do to this device */
  private readonly api: DeviceApi;
  private readonly observations: Observations;
  private readonly target: { host: string; port: number };
  private readonly opts: Required<Omit<Lwm2mClientOptions, 'bindAddress' | 'log'>> & Pick<Lwm2mClientOptions, 'bindAddress'>;
  private readonly logLine: (line: string) => void;
  private socket?: Socket;
  private coapServer?: coap.Server;
  private agent?: coap.Agent;
  private readonly timers = new Set<NodeJS.Timeout>();
  private updateTimer?: NodeJS.Timeout;
  private sleepTimer?: NodeJS.Timeout;
  private parked: ((...args: unknown[]) => void)[] = [];
  private location?: string;
  private stopping = false;
  /** uplinks waiting for their answer: stop() ends them (their timers too) */
  private readonly uplinks = new Set<() => void>();
  private updatePending = false;
  private objectsChanged = false;
  private registering?: Promise<void>;
  private _asleep = false;

  constructor(options: Lwm2mClientOptions) {
    super();
    this.endpoint = options.endpoint;
    this.version = options.lwm2mVersion ?? '1.1';
    this.queueMode = options.queueMode ?? false;
    this.target = serverAddress(options.server);
    this.opts = {
      server: options.server,
      endpoint: options.endpoint,
      lwm2mVersion: this.version,
      lifetime: options.lifetime ?? 300,
      queueMode: this.queueMode,
      awakeMs: options.awakeMs ?? 93_000,
      intervalMs: options.intervalMs ?? 5000,
      sendIntervalMs: options.sendIntervalMs ?? 0,
      requestTimeoutMs: options.requestTimeoutMs ?? 5000,
      workMs: options.workMs ?? 1000,
      cacheSize: Math.max(MIN_CACHE_BYTES, options.cacheSize ?? 16 * 1024),
      temperatureSensors: options.temperatureSensors ?? 1,
      bindAddress: options.bindAddress,
    };
    this.logLine = options.log ?? (() => {});
    this.store = new ObjectStore((path) => this.observations.changed(path));
    this.api = this.deviceApi();
    this.dm = new DeviceManagement(this.store, this.attributes, this.api, this.version);
    this.observations = new Observations(this.dm, this.attributes, () => this.defaultPeriods(), () => this.wake());
    this.loadObjects();
  }

  private log(line: string): void {
    this.logLine(`${this.endpoint}: ${line}`);
  }

  private loadObjects(): void {
    for (const def of OBJECTS.values()) {
      this.store.load(def, def.initial({
        endpoint: this.endpoint, lwm2mVersion: this.version, queueMode: this.queueMode, serverUri: this.opts.server, lifetime: this.opts.lifetime,
      }));
    }
    const temperature = OBJECTS.get(3303)!;
    for (let i = 1; i < this.opts.temperatureSensors; i++) this.store.create(temperature, i);
  }

  private defaultPeriods(): { pmin: number; pmax: number } {
    const pmin = this.store.get([1, 0, 2]);
    const pmax = this.store.get([1, 0, 3]);
    return { pmin: typeof pmin === 'number' ? pmin : 0, pmax: typeof pmax === 'number' ? pmax : 0 };
  }

  private lifetime(): number {
    const lt = this.store.get([1, 0, 1]);
    return typeof lt === 'number' && lt > 0 ? lt : this.opts.lifetime;
  }

  private deviceApi(): DeviceApi {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const client = this;
    return {
      get endpoint() { return client.endpoint; },
      get lwm2mVersion() { return client.version; },
      get queueMode() { return client.queueMode; },
      get workMs() { return client.opts.workMs; },
      get: (path) => this.store.get(path),
      set: (path, value) => this.store.set(path, value),
      log: (line) => this.log(line),
      requestUpdate: () => this.requestUpdate(),
      reboot: () => this.reboot(),
      factoryReset: () => this.factoryReset(),
      after: (ms, run) => this.after(ms, run),
    };
  }

  private after(ms: number, run: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopping) run();
    }, ms);
    this.timers.add(t);
  }

  get registered(): boolean {
    return this.location !== undefined;
  }

  /** The Location-Path the server gave at registration, e.g. "/rd/5a3f". */
  get registrationLocation(): string | undefined {
    return this.location;
  }

  get asleep(): boolean {
    return this._asleep;
  }

  /** The local UDP port (0 before start). */
  get port(): number {
    return this.socket ? this.socket.address().port : 0;
  }

  get observationCount(): number {
    return this.observations.size;
  }

  /** A value, by path text ("/3303/0/5700"). */
  get(path: string): Lwm2mValue | undefined {
    return this.store.get(parsePath(path));
  }

  /** Changes a value as the device itself would (observers are notified). */
  set(path: string, value: Lwm2mValue): void {
    this.store.set(parsePath(path), value);
  }

  /** Binds the socket and registers; resolves once registered (rejects on the first failure, then keeps retrying). */
  async start(): Promise<void> {
    if (this.socket) throw new Error(`${this.endpoint}: already started`);
    const type = isIPv6(this.target.host) ? 'udp6' : 'udp4';
    const socket = createSocket({ type });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, this.opts.bindAddress ?? (type === 'udp6' ? '::' : '0.0.0.0'), () => {
        socket.off('error', reject);
        resolve();
      });
    }).catch((e: NodeJS.ErrnoException) => {
      this.socket = undefined;
      if (e.code === 'EMFILE') throw new Error(`${this.endpoint}: too many open files (EMFILE): raise the limit, e.g. "ulimit -n 65536", before starting this many clients`);
      throw e;
    });
    socket.on('error', (e) => this.log(`socket error: ${e.message}`));
    this.coapServer = coap.createServer({ type, cacheSize: this.opts.cacheSize, piggybackReplyMs: 50 });
    this.coapServer.on('request', (req: IncomingMessage, res: OutgoingMessage) => this.onRequest(req, res));
    this.coapServer.on('error', (e: Error) => this.log(`coap error: ${e.message}`));
    this.coapServer.listen(socket);
    this.agent = new coap.Agent({ socket });
    if (this.opts.intervalMs > 0) this.every(this.opts.intervalMs, () => this.tick());
    if (this.opts.sendIntervalMs > 0 && this.version !== '1.0') {
      this.every(this.opts.sendIntervalMs, () => void this.send().catch((e: Error) => this.log(`send failed: ${e.message}`)));
    }
    await this.register();
  }

  private every(ms: number, run: () => void): void {
    const t = setInterval(() => {
      if (!this.stopping) run();
    }, ms);
    this.timers.add(t);
  }

  /** One step of simulated time: every object's values drift. */
  tick(): void {
    for (const [def, instances] of this.store.objects()) {
      if (!def.tick) continue;
      for (const i of instances) def.tick(this.api, i);
    }
  }

  // ---- uplinks -------------------------------------------------------------------------------

  private request(method: 'POST' | 'DELETE', pathname: string, query: string, payload?: Uint8Array, format?: number): Promise<IncomingMessage> {
    const agent = this.agent;
    if (!agent || this.stopping) return Promise.reject(new Error(this.stopping ? 'stopped' : 'not started'));
    this.wake();
    return new Promise((resolve, reject) => {
      const req = coap.request({ hostname: this.target.host, port: this.target.port, method, pathname, query, agent, confirmable: true });
      const end = () => {
        clearTimeout(timer);
        this.uplinks.delete(abandon);
      };
      const abandon = () => {
        end();
        try {
          agent.abort(req);
        } catch {
          // already finished
        }
        reject(new Error(`${method} ${pathname}: stopped`));
      };
      this.uplinks.add(abandon);
      if (format !== undefined) req.setOption('Content-Format', format);
      // a large registration goes block-wise (node-coap reads the first byte as the size exponent)
      if (payload && payload.length > BLOCK_BYTES) req.setOption('Block1', Buffer.from([BLOCK_SIZE_EXPONENT]));
      const timer = setTimeout(() => {
        this.uplinks.delete(abandon);
        try {
          agent.abort(req);
        } catch {
          // already finished
        }
        reject(new Error(`${method} ${pathname}: no answer within ${this.opts.requestTimeoutMs} ms`));
      }, this.opts.requestTimeoutMs);
      req.on('response', (res: IncomingMessage) => {
        end();
        this.openAwakeWindow();
        resolve(res);
      });
      req.on('error', (e: Error) => {
        end();
        reject(e);
      });
      req.end(payload ? Buffer.from(payload) : undefined);
    });
  }

  /**
   * Register (POST /rd). A failure rejects (start() reports it) and the client keeps trying in
   * the background with a growing pause (2 s … 60 s) until it succeeds or stops.
   */
  register(): Promise<void> {
    this.registering ??= this.registerOnce()
      .catch((e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        this.log(`register failed: ${err.message}`);
        this.retryRegister(1);
        throw err;
      })
      .finally(() => {
        this.registering = undefined;
      });
    return this.registering;
  }

  private retryRegister(attempt: number): void {
    this.after(Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6)), () => {
      if (this.registered || this.registering) return;
      this.registering = this.registerOnce()
        .catch((e: unknown) => {
          this.log(`register failed: ${e instanceof Error ? e.message : String(e)}`);
          this.retryRegister(attempt + 1);
        })
        .finally(() => {
          this.registering = undefined;
        });
    });
  }

  private async registerOnce(): Promise<void> {
    const lifetime = this.lifetime();
    const query = registerQuery({ endpoint: this.endpoint, lifetime, version: this.version, queueMode: this.queueMode });
    const res = await this.request('POST', '/rd', query, objectLinks(this.store, this.version), CT.LINK_FORMAT);
    if (res.code !== '2.01') throw new Error(`the server answered ${res.code} to Register${res.payload.length ? `: ${res.payload.toString('utf8').slice(0, 200)}` : ''}`);
    const segments = optionStrings(res, 'Location-Path');
    if (segments.length === 0) throw new Error('the server answered 2.01 to Register without a Location-Path');
    this.location = `/${segments.join('/')}`;
    this.objectsChanged = false;
    // a new registration ends the observations of the one before (the server observes again)
    this.observations.cancelAll();
    this.log(`registered at ${this.location} (lifetime ${lifetime} s, LwM2M ${this.version}${this.queueMode ? ', queue mode' : ''}) from port ${this.port}`);
    this.scheduleUpdate();
    this.emit('registered', this.location);
  }

  private scheduleUpdate(): void {
    clearTimeout(this.updateTimer);
    if (this.stopping) return;
    this.updateTimer = setTimeout(() => void this.update().catch(() => {}), updateDelayMs(this.lifetime()));
  }

  /** Soon, after the answer in progress went out (an execute, a write of the lifetime). */
  private requestUpdate(): void {
    this.objectsChanged = true;
    if (this.updatePending) return;
    this.updatePending = true;
    this.after(20, () => {
      this.updatePending = false;
      void this.update().catch(() => {});
    });
  }

  /** Registration Update (POST /rd/…); a 4.04 (or no answer) makes the client register again. */
  async update(): Promise<void> {
    if (!this.location) return this.register();
    const withObjects = this.objectsChanged;
    const query = `lt=${this.lifetime()}`;
    let res: IncomingMessage;
    try {
      res = await this.request('POST', this.location, query, withObjects ? objectLinks(this.store, this.version) : undefined, withObjects ? CT.LINK_FORMAT : undefined);
    } catch (e) {
      this.log(`update failed (${(e as Error).message}); registering again`);
      this.location = undefined;
      return this.register();
    }
    if (res.code === '2.04') {
      this.objectsChanged = false;
      this.log(`updated ${this.location}`);
      this.scheduleUpdate();
      this.emit('updated');
      return;
    }
    this.log(`update answered ${res.code}; registering again`);
    this.location = undefined;
    this.observations.cancelAll();
    return this.register();
  }

  /** De-register (DELETE /rd/…). */
  async deregister(): Promise<void> {
    const location = this.location;
    if (!location) return;
    this.location = undefined;
    clearTimeout(this.updateTimer);
    this.observations.cancelAll();
    try {
      const res = await this.request('DELETE', location, '');
      this.log(`de-registered ${location} (${res.code})`);
    } catch (e) {
      this.log(`de-register failed: ${(e as Error).message}`);
    }
    this.emit('deregistered');
  }

  /** Send (POST /dp, LwM2M 1.1) of the values under `paths` in SenML CBOR; resolves to the server's code. */
  async send(paths: readonly string[] = DEFAULT_SEND_PATHS): Promise<string> {
    if (this.version === '1.0') throw new Error('Send needs LwM2M 1.1');
    if (!this.location) throw new Error('not registered');
    const pack = this.dm.encodeComposite(paths.map((p) => parsePath(p)), CT.SENML_CBOR);
    const res = await this.request('POST', '/dp', '', pack.payload, CT.SENML_CBOR);
    this.log(`sent ${paths.join(', ')} (${res.code})`);
    return res.code;
  }

  private reboot(): void {
    this.log('rebooting');
    this.after(100, () => {
      void this.deregister().then(() => this.after(this.opts.workMs, () => {
        this.attributes.clear([]);
        this.log('rebooted');
        void this.register().catch(() => {});
      }));
    });
  }

  private factoryReset(): void {
    this.log('factory reset');
    const keep = this.store.get([3, 0, 3]);
    this.loadObjects();
    if (keep !== undefined) this.store.set([3, 0, 3], keep); // the firmware stays installed
    this.attributes.clear([]);
    this.requestUpdate();
  }

  // ---- queue mode ----------------------------------------------------------------------------

  private openAwakeWindow(): void {
    if (!this.queueMode || this.stopping) return;
    clearTimeout(this.sleepTimer);
    this.sleepTimer = setTimeout(() => this.sleep(), this.opts.awakeMs);
  }

  private sleep(): void {
    const socket = this.socket;
    if (!socket || this._asleep) return;
    // the radio is off: nothing that arrives now is read
    this.parked = socket.listeners('message') as ((...args: unknown[]) => void)[];
    socket.removeAllListeners('message');
    this._asleep = true;
    this.log('sleeping (queue mode)');
    this.emit('sleep');
  }

  private wake(): void {
    if (this._asleep && this.socket) {
      for (const l of this.parked) this.socket.on('message', l);
      this.parked = [];
      this._asleep = false;
      this.log('awake');
      this.emit('wake');
    }
    // a notification is an uplink too: it opens a new window
    this.openAwakeWindow();
  }

  // ---- the server's requests -----------------------------------------------------------------

  private onRequest(req: IncomingMessage, res: OutgoingMessage): void {
    // CoAP ping (an empty confirmable message): the answer is a reset
    if (req.code === '0.00') {
      res.reset();
      return;
    }
    const method = req.method as string;
    let path: Lwm2mPath;
    try {
      path = requestPath(req);
    } catch (e) {
      return this.answer(req, res, { code: '4.04', payload: Buffer.from((e as Error).message) });
    }
    const observe = optionNumber(req, 'Observe');
    // an observation is the peer's: its token alone may repeat across peers
    const token = `${req.rsinfo.address}:${req.rsinfo.port}:${(req._packet.token ?? Buffer.alloc(0)).toString('hex')}`;
    const dmReq = {
      method,
      path,
      query: optionStrings(req, 'Uri-Query'),
      accept: optionNumber(req, 'Accept'),
      contentFormat: optionNumber(req, 'Content-Format'),
      payload: req.payload ?? Buffer.alloc(0),
    };
    if (observe === 1) this.observations.cancel(token);
    if (observe === 0 && (method === 'GET' || method === 'FETCH') && dmReq.accept !== CT.LINK_FORMAT) {
      return this.startObservation(req, res as unknown as coap.ObserveWriteStream, token, method === 'FETCH', dmReq);
    }
    this.answer(req, res, this.dm.handle(dmReq));
  }

  private answer(req: IncomingMessage, res: OutgoingMessage, r: DmResponse): void {
    res.code = r.code;
    if (r.format !== undefined) res.setOption('Content-Format', r.format);
    if (r.locationPath) res.setOption('Location-Path', r.locationPath.map((s) => Buffer.from(s)));
    res.end(r.payload ? Buffer.from(r.payload) : undefined);
    this.emit('request', { method: req.method as string, path: req.url, code: r.code });
  }

  private startObservation(req: IncomingMessage, stream: coap.ObserveWriteStream, token: string, composite: boolean, dmReq: Parameters<DeviceManagement['handle']>[0]): void {
    let first: DmResponse;
    let paths: Lwm2mPath[] = [dmReq.path];
    let format = dmReq.accept;
    try {
      if (composite) {
        if (this.version === '1.0') throw new Refusal('4.05', 'Observe-Composite needs LwM2M 1.1');
        paths = this.dm.compositePaths(dmReq);
        format ??= dmReq.contentFormat;
        first = this.dm.encodeComposite(paths, format);
      } else {
        first = this.dm.encodeRead(dmReq.path, format);
      }
    } catch (e) {
      // node-coap sends an ended observe stream without an Observe option (and without a payload)
      // (node-coap's observe stream sends `statusCode`, not `code`)
      stream.statusCode = e instanceof Refusal ? e.code : e instanceof Lwm2mCodecError ? '4.00' : '5.00';
      stream.end();
      this.emit('request', { method: req.method as string, path: req.url, code: stream.statusCode });
      return;
    }
    stream.statusCode = '2.05';
    stream.setOption('Content-Format', first.format!);
    stream.write(Buffer.from(first.payload!));
    this.emit('request', { method: `${req.method as string}+Observe`, path: req.url, code: '2.05' });
    const label = paths.map(formatPath).join(',');
    let sinceConfirmable = 0;
    const requestConfirmable = req._packet.confirmable === true;
    const sink: NotificationSink = {
      notify: (r) => {
        if (!stream.writable) return;
        // NON notifications (for a NON request) are confirmable now and then, so that a device
        // learns when nobody listens any more (RFC 7641 §4.5)
        const confirmable = requestConfirmable || ++sinceConfirmable >= CONFIRMABLE_EVERY;
        if (confirmable) sinceConfirmable = 0;
        setNotificationType(stream, confirmable);
        stream.write(Buffer.from(r.payload!));
        this.emit('notification', label);
      },
      close: (r) => {
        // a last notification with the error code ends the observation at the server too
        if (stream.writable && r) {
          stream.statusCode = r.code;
          stream.write(Buffer.from(r.payload ?? []));
        }
        stream.end();
      },
    };
    // a reset from the server, or a notification nobody acknowledged, ends the stream
    stream.on('finish', () => this.observations.cancel(token));
    stream.on('error', () => this.observations.cancel(token));
    this.observations.add(token, paths, composite, first.format, sink);
    this.log(`observed ${label}`);
  }

  /** De-registers (when registered) and closes the socket. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.wake();
    clearTimeout(this.sleepTimer);
    if (this.location) await this.deregister();
    this.stopping = true;
    clearTimeout(this.updateTimer);
    clearTimeout(this.sleepTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    // an Update or Send still waiting: no answer is read any more, and no Register follows it
    for (const abandon of [...this.uplinks]) abandon();
    this.observations.cancelAll();
    // the server's close empties its response cache, which stops each cached response's retransmissions
    this.coapServer?.close();
    this.agent?.close();
    this.coapServer = undefined;
    this.agent = undefined;
    await new Promise<void>((r) => (this.socket ? this.socket.close(() => r()) : r()));
    this.socket = undefined;
  }
}

export function createLwm2mClient(options: Lwm2mClientOptions): Lwm2mClient {
  return new Lwm2mClient(options);
}
