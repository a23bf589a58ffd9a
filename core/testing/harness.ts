// Test support: a real Outpost on a temp data dir and ephemeral ports, and an HTTP client with a cookie.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { startOutpost, type Outpost, type OutpostOptions } from '../app.js';

export type TestOutpost = Outpost & { mqttPort: number; removeData(): void };

/** `options`: e.g. a capturing `log`, shortened `http` limits or login waits, a temp `uiDir`. */
export async function startTestOutpost(
  dataDir = mkdtempSync(join(tmpdir(), 'outpost-test-')),
  options: Partial<Pick<OutpostOptions, 'log' | 'http' | 'loginThrottle' | 'passwordHashing' | 'uiDir' | 'operations' | 'seedTimings' | 'lwm2m' | 'lwm2mDm'>> = {},
): Promise<TestOutpost> {
  // every port free: tests run side by side (the LwM2M server's 5683 included)
  const outpost = await startOutpost({ dataDir, httpPort: 0, mqttPort: 0, coapPort: 0, quiet: true, ...options });
  if (outpost.mqttPort === null) throw new Error(`broker did not start: ${outpost.mqttError}`);
  return { ...outpost, mqttPort: outpost.mqttPort, removeData: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export interface HttpResult<T = unknown> { status: number; body: T; headers: Headers }

export class ApiClient {
  cookie = '';
  constructor(readonly base: string) {}

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get = <T = any>(path: string) => this.call<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.call<T>('POST', path, body ?? {});
}

/** An admin session plus one device with its token. */
export async function adminWithDevice(outpost: Outpost, uid = 'dev-1') {
  const api = new ApiClient(outpost.url);
  const setup = await api.post('/api/setup', { username: 'owner', password: 'correct horse' });
  if (setup.status !== 200) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
  const created = await api.post('/api/devices', { uid, name: `Device ${uid}`, tags: ['test'] });
  if (created.status !== 200) throw new Error(`device creation failed: ${JSON.stringify(created.body)}`);
  return { api, token: created.body.credentials.token as string, credentials: created.body.credentials };
}

/**
 * MQTT.js as the device `uid` on 127.0.0.1: MQTT 3.1.1, no reconnects, the uid as client id
 * (pass `clientId: \`${uid}:x\`` for a second connection); `opts` add or override the rest.
 */
export function connectDevice(port: number, uid: string, token: string, opts: mqtt.IClientOptions = {}): Promise<mqtt.MqttClient> {
  return mqtt.connectAsync({ host: '127.0.0.1', port, username: uid, password: token, clientId: uid, reconnectPeriod: 0, protocolVersion: 4, ...opts });
}

/** Polls until check returns a truthy value or the time is up. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export interface LiveStream {
  response: Response;
  /** everything received so far */
  text(): string;
  close(): Promise<void>;
}

/** Opens GET /api/stream (or another Server-Sent Events `path`) with a session cookie and collects what arrives. */
export async function openLiveStream(base: string, cookie: string, path = '/api/stream'): Promise<LiveStream> {
  const ctrl = new AbortController();
  const response = await fetch(`${base}${path}`, { headers: { cookie }, signal: ctrl.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += decoder.decode(value, { stream: true });
    }
  })().catch(() => undefined); // aborted by close()
  return {
    response,
    text: () => text,
    async close() {
      ctrl.abort();
      await reading;
    },
  };
}
