// A fake snapd on a unix socket, for simulated devices, tests, demos and benchmarks. It answers the
// REST API the agent uses with snapd's envelope and field names (as captured from a real snapd, see
// ../shared/snapd-fixtures/), keeps installed snaps as state, runs writes as async changes whose
// tasks progress with time, and can be told to fail, restart (maintenance, socket gone), conflict
// (409) or hang. Everything is built in code: it never reads ../shared at run time.
//
//   const snapd = await FakeSnapd.start({ stepMs: 20 });
//   new SnapdClient({ socketPath: snapd.socketPath });
//   ...; await snapd.close();  // removes the socket file
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { STATUS_CODES, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planRefreshMany, planSnapAction, type ChangePlan, type SnapdFailure, type SnapInstruction, type World } from './fake-snapd/actions.js';
import { appJson, defaultInstalled, defaultStore, defaultSystemInfo, defaultUsers, snapJson, type InstalledSnap, type SnapdUser, type StoreSnap } from './fake-snapd/catalog.js';
import { changeJson, viewChange, type FakeChange } from './fake-snapd/changes.js';

export type { SnapdFailure } from './fake-snapd/actions.js';
export type { InstalledSnap, StoreSnap } from './fake-snapd/catalog.js';

export interface FakeSnapdOptions {
  /** default: a fresh temp folder's snapd.socket (removed again on close) */
  socketPath?: string;
  /** duration of one task step; a change has ~5-20 tasks (downloads take 3 steps). Default 250 ms */
  stepMs?: number;
  now?: () => number;
  store?: StoreSnap[];
  installed?: InstalledSnap[];
  users?: SnapdUser[];
  systemInfo?: Record<string, unknown>;
  /** false: answer as snapd answers a non-root caller (403 on /v2/users, 401 on writes) */
  root?: boolean;
  /** snap names whose every write is refused with this error */
  failingNames?: Record<string, SnapdFailure>;
  /** snap names whose every change fails halfway with this reason */
  failingChanges?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body?: unknown;
}

export interface Maintenance {
  kind: 'daemon-restart' | 'system-restart';
  message: string;
}

const MAX_BODY = 1024 * 1024;

export class FakeSnapd {
  readonly socketPath: string;
  /** every request received, in order (bodies parsed) */
  readonly requests: RecordedRequest[] = [];
  rebootRequests = 0;

  private readonly world: World;
  private readonly users: SnapdUser[];
  private readonly systemInfo: Record<string, unknown>;
  private readonly stepMs: number;
  private readonly now: () => number;
  private readonly root: boolean;
  private readonly failingNames: Record<string, SnapdFailure>;
  private readonly failingChanges: Record<string, string>;
  private readonly ownDir: string | undefined;
  private readonly changes: FakeChange[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();
  private server: Server | undefined;
  private nextChangeId = 1;
  private nextTaskId = 1;
  private failNextQueue: SnapdFailure[] = [];
  private failNextChangeQueue: Array<{ reason: string; atTask?: number }> = [];
  private conflicts = 0;
  private hangs = 0;
  private maintenance: Maintenance | undefined;

  private constructor(options: FakeSnapdOptions) {
    if (options.socketPath) {
      this.socketPath = options.socketPath;
    } else {
      this.ownDir = mkdtempSync(join(tmpdir(), 'fake-snapd-'));
      this.socketPath = join(this.ownDir, 'snapd.socket');
    }
    this.now = options.now ?? Date.now;
    const store = options.store ?? defaultStore();
    this.world = { store, installed: options.installed ?? defaultInstalled(store), now: this.now };
    this.users = options.users ?? defaultUsers();
    this.systemInfo = options.systemInfo ?? defaultSystemInfo();
    this.stepMs = options.stepMs ?? 250;
    this.root = options.root ?? true;
    this.failingNames = options.failingNames ?? {};
    this.failingChanges = options.failingChanges ?? {};
  }

  static async start(options: FakeSnapdOptions = {}): Promise<FakeSnapd> {
    const fake = new FakeSnapd(options);
    await fake.listen();
    return fake;
  }

  // --- test and demo controls ----------------------------------------------------------------

  /** The next write is refused with this snapd error (status 400 unless given). */
  failNext(kind: string | undefined, message: string, opts: { statusCode?: number; value?: unknown } = {}): void {
    this.failNextQueue.push({ statusCode: opts.statusCode ?? 400, message, ...(kind ? { kind } : {}), ...(opts.value !== undefined ? { value: opts.value } : {}) });
  }

  /** The next change is accepted but ends in Error at a task (default: halfway) with this reason. */
  failNextChange(reason: string, opts: { atTask?: number } = {}): void {
    this.failNextChangeQueue.push({ reason, ...opts });
  }

  /** The next `count` writes get 409 snap-change-conflict (as if an auto-refresh held the snap). */
  conflictNext(count = 1): void {
    this.conflicts += count;
  }

  /** The next `count` requests are never answered (for timeouts). */
  hangNext(count = 1): void {
    this.hangs += count;
  }

  /** Every answer carries this `maintenance` and writes are refused until cleared (undefined). */
  setMaintenance(m: Maintenance | undefined): void {
    this.maintenance = m;
  }

  /**
   * snapd restarting as on its own refresh: `maintenance` in every answer for maintenanceMs, then
   * the socket is gone (file removed, connections cut) for downMs, then it is back. Changes keep
   * progressing meanwhile. Resolves when it answers again.
   */
  async restart(opts: { maintenanceMs?: number; downMs?: number } = {}): Promise<void> {
    if (opts.maintenanceMs) {
      this.maintenance = { kind: 'daemon-restart', message: 'daemon is restarting' };
      await new Promise((r) => setTimeout(r, opts.maintenanceMs));
      this.maintenance = undefined;
    }
    await this.goDown();
    if (opts.downMs) await new Promise((r) => setTimeout(r, opts.downMs));
    await this.listen();
  }

  /** Stop answering: the socket file disappears (ENOENT for clients) until comeBack(). */
  async goDown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((r) => server.close(() => r()));
    this.unlinkSocket();
  }

  comeBack(): Promise<void> {
    return this.listen();
  }

  /** The installed snaps as /v2/snaps lists them (after applying finished changes). */
  snaps(): Array<Record<string, unknown>> {
    this.advance();
    return this.world.installed.map(snapJson);
  }

  installedSnap(name: string): InstalledSnap | undefined {
    this.advance();
    return this.world.installed.find((s) => s.name === name);
  }

  /** A change as GET /v2/changes/{id} shows it now. */
  changeJson(id: string): Record<string, unknown> | undefined {
    const c = this.changes.find((x) => x.id === id);
    return c && changeJson(c, this.now());
  }

  async close(): Promise<void> {
    await this.goDown();
    if (this.ownDir) rmSync(this.ownDir, { recursive: true, force: true });
  }

  // --- server --------------------------------------------------------------------------------

  private unlinkSocket(): void {
    try {
      unlinkSync(this.socketPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }

  private async listen(): Promise<void> {
    if (this.server) return;
    this.unlinkSocket(); // a stale file from a crashed run makes listen fail with EADDRINUSE
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  /** Applies the effects of changes that have finished, in creation order. */
  private advance(): void {
    const now = this.now();
    for (const c of this.changes) {
      if (c.applied) continue;
      const v = viewChange(c, now);
      if (!v.ready) continue;
      c.applied = true;
      if (!v.failed) c.effect();
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      req.destroy();
      return;
    }
    let body: unknown;
    let bodyError: string | undefined;
    if (raw !== '') {
      try {
        body = JSON.parse(raw) as unknown;
      } catch (e) {
        bodyError = (e as Error).message;
      }
    }
    this.requests.push({ method, path: url.pathname + url.search, ...(body !== undefined ? { body } : {}) });
    if (this.hangs > 0) {
      this.hangs--;
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    this.advance();
    const send = (statusCode: number, envelope: Record<string, unknown>): void => {
      if (this.maintenance) envelope.maintenance = this.maintenance;
      const text = JSON.stringify(envelope);
      res.writeHead(statusCode, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    };
    const sync = (result: unknown, extra: Record<string, unknown> = {}): void => send(200, { type: 'sync', 'status-code': 200, status: 'OK', result, ...extra });
    const fail = (f: SnapdFailure): void => {
      const result: Record<string, unknown> = { message: f.message };
      if (f.kind) result.kind = f.kind;
      if (f.value !== undefined) result.value = f.value;
      send(f.statusCode, { type: 'error', 'status-code': f.statusCode, status: STATUS_CODES[f.statusCode] ?? '', result });
    };
    const accessDenied = (statusCode: 401 | 403): void => fail({ statusCode, message: 'access denied', kind: 'login-required' });

    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const route = `${parts[0] ?? ''}/${parts[1] ?? ''}`;
    const allow = (methods: string[]): boolean => {
      if (methods.includes(method)) return true;
      fail({ statusCode: 405, message: `method "${method}" not allowed` });
      return false;
    };
    if (parts[0] !== 'v2' || parts.length > 3) return fail({ statusCode: 404, message: 'not found' });

    switch (route) {
      case 'v2/system-info':
        if (allow(['GET'])) sync(this.systemInfo);
        return;
      case 'v2/warnings':
        if (allow(['GET'])) sync([]);
        return;
      case 'v2/users':
        if (!allow(['GET'])) return;
        if (!this.root) return accessDenied(403);
        return sync(this.users);
      case 'v2/apps': {
        if (!allow(['GET'])) return;
        const services = url.searchParams.get('select') === 'service';
        return sync(this.world.installed.flatMap((s) => s.apps.filter((a) => !services || a.daemon).map((a) => appJson(s, a))));
      }
      case 'v2/changes': {
        if (!allow(['GET'])) return;
        const id = parts[2];
        if (id !== undefined) {
          const c = this.changes.find((x) => x.id === id);
          if (!c) return fail({ statusCode: 404, message: `cannot find change with id "${id}"` });
          return sync(changeJson(c, this.now()));
        }
        const select = url.searchParams.get('select') ?? 'in-progress';
        const now = this.now();
        const chosen = this.changes.filter((c) => select === 'all' || (select === 'ready') === viewChange(c, now).ready);
        return sync(chosen.map((c) => changeJson(c, now)));
      }
      case 'v2/systems':
        if (!allow(['POST'])) return;
        if (!this.root) return accessDenied(401);
        if ((body as SnapInstruction | undefined)?.action !== 'reboot') return fail({ statusCode: 400, message: 'unsupported action' });
        this.rebootRequests++;
        return sync(null);
      case 'v2/snaps': {
        const name = parts[2];
        if (method === 'GET') {
          if (name === undefined) return sync(this.world.installed.map(snapJson), { sources: ['local'] });
          const s = this.world.installed.find((x) => x.name === name);
          return s ? sync(snapJson(s)) : fail({ statusCode: 404, message: 'snap not installed', kind: 'snap-not-found', value: name });
        }
        if (!allow(['POST'])) return;
        if (!this.root) return accessDenied(401);
        if (bodyError !== undefined || typeof body !== 'object' || body === null) {
          return fail({ statusCode: 400, message: `cannot decode request body into snap instruction: ${bodyError ?? 'not a JSON object'}` });
        }
        return this.write(name, body as SnapInstruction, send, fail);
      }
      default:
        return fail({ statusCode: 404, message: 'not found' });
    }
  }

  private write(
    name: string | undefined,
    body: SnapInstruction,
    send: (code: number, env: Record<string, unknown>) => void,
    fail: (f: SnapdFailure) => void,
  ): void {
    if (this.maintenance) return fail({ statusCode: 503, message: this.maintenance.message });
    const targets = name !== undefined ? [name] : Array.isArray(body.snaps) ? body.snaps.map(String) : [];
    if (this.conflicts > 0) {
      this.conflicts--;
      const snapName = targets[0] ?? 'core22';
      return fail(conflict(snapName, 'auto-refresh'));
    }
    const injected = this.failNextQueue.shift();
    if (injected) return fail(injected);
    const always = name !== undefined ? this.failingNames[name] : undefined;
    if (always) return fail(always);

    const plan = name !== undefined ? planSnapAction(this.world, name, body) : planRefreshMany(this.world, body);
    if (!isPlan(plan)) return fail(plan);
    const now = this.now();
    const busy = this.changes.find((c) => !viewChange(c, now).ready && c.snapNames.some((n) => plan.snapNames.includes(n)));
    if (busy) return fail(conflict(busy.snapNames.find((n) => plan.snapNames.includes(n))!, busy.kind));

    const change: FakeChange = {
      id: String(this.nextChangeId++),
      kind: plan.kind,
      summary: plan.summary,
      snapNames: plan.snapNames,
      tasks: plan.tasks.map((t) => ({ ...t, id: String(this.nextTaskId++) })),
      createdAt: now,
      stepMs: this.stepMs,
      effect: plan.effect,
      applied: false,
    };
    const reason = this.failNextChangeQueue.shift() ?? (name !== undefined && this.failingChanges[name] ? { reason: this.failingChanges[name]! } : undefined);
    if (reason && change.tasks.length > 0) {
      change.fail = { task: Math.min(change.tasks.length - 1, reason.atTask ?? Math.floor(change.tasks.length / 2)), reason: reason.reason };
    }
    this.changes.push(change);
    this.advance(); // a change without tasks is done at once
    send(202, { type: 'async', 'status-code': 202, status: 'Accepted', result: null, change: change.id });
  }
}

const isPlan = (p: ChangePlan | SnapdFailure): p is ChangePlan => 'tasks' in p;

function conflict(snapName: string, changeKind: string): SnapdFailure {
  return {
    statusCode: 409,
    message: `snap "${snapName}" has "${changeKind}" change in progress`,
    kind: 'snap-change-conflict',
    value: { 'snap-name': snapName, 'change-kind': changeKind },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error('request body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
