// `outpost-agent simulate`: N simulated Ubuntu devices (and optionally seed-agent devices) in one
// process against an Outpost. It adds the devices through Outpost's HTTP API (a new token for
// those that exist) so a demo needs nothing but a login.
import { parseArgs } from 'node:util';
import { startAgentFleet } from './sim/agent-fleet.js';
import { startSeedDevice } from './sim/seed-device.js';
import { stderrLog } from './log.js';

export const SIMULATE_OPTIONS = {
  url: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' },
  host: { type: 'string' }, port: { type: 'string' }, count: { type: 'string' }, prefix: { type: 'string' },
  seed: { type: 'string' }, 'step-ms': { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

class Api {
  cookie = '';
  constructor(readonly url: string) {}
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.url}${path}`, {
      method, headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const cookie = res.headers.get('set-cookie');
    if (cookie) this.cookie = cookie.split(';')[0]!;
    return { status: res.status, body: await res.json().catch(() => null) };
  }
}

/** Adds a device (or issues a new token for it) and returns its token. */
async function provision(api: Api, uid: string, dialect: 'native' | 'seed'): Promise<string> {
  const created = await api.call('POST', '/api/devices', { uid, name: `Simulated ${uid}`, tags: ['simulated'], dialect });
  if (created.status === 200) return created.body.credentials.token;
  if (created.status !== 409) throw new Error(`cannot add ${uid}: ${created.body?.error ?? created.status}`);
  if (dialect === 'seed') {
    await api.call('PATCH', `/api/devices/${uid}`, { dialect });
    return '';
  }
  const rotated = await api.call('POST', `/api/devices/${uid}/token`);
  if (rotated.status !== 200) throw new Error(`cannot issue a token for ${uid}: ${rotated.body?.error ?? rotated.status}`);
  return rotated.body.token;
}

export async function simulateCommand(argv: string[], printUsage: (code: number) => number): Promise<number> {
  const { values } = parseArgs({ args: argv, options: SIMULATE_OPTIONS, strict: true, allowPositionals: false });
  if (values.help) return printUsage(0);
  const url = values.url ?? 'http://127.0.0.1:8080';
  if (!values.username || !values.password) throw Object.assign(new Error('simulate needs --username and --password of an Outpost operator (it adds the devices)'), { code: 'ERR_PARSE_ARGS_SIMULATE' });
  const count = Number(values.count ?? 3);
  const seeds = Number(values.seed ?? 0);
  const api = new Api(url);
  const login = await api.call('POST', '/api/login', { username: values.username, password: values.password });
  if (login.status !== 200) throw new Error(`login to ${url} failed: ${login.body?.error ?? login.status}`);
  const host = values.host ?? new URL(url).hostname;
  const port = Number(values.port ?? (await api.call('GET', '/api/settings')).body?.running?.mqttPort ?? 1883);
  const prefix = values.prefix ?? 'sim-';
  const devices = [];
  for (let i = 1; i <= count; i++) devices.push({ uid: `${prefix}${i}`, token: await provision(api, `${prefix}${i}`, 'native') });
  const fleet = await startAgentFleet({ host, port, devices, stepMs: Number(values['step-ms'] ?? 500) });
  const seedDevices = [];
  for (let i = 1; i <= seeds; i++) {
    const serial = String(90000 + i);
    await provision(api, serial, 'seed');
    seedDevices.push(await startSeedDevice(host, port, serial));
  }
  stderrLog('info', `simulating ${count} agent(s)${seeds ? ` and ${seeds} seed device(s)` : ''} against ${host}:${port} (Ctrl+C stops)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await fleet.stop();
  for (const s of seedDevices) await s.stop();
  return 0;
}
