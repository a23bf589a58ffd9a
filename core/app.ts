// The composition root: the only entry that electron/ and the CLI use.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openDatabase } from './db/open.js';
import { startWalCheckpointer } from './db/wal-checkpointer.js';
import { createUserStore } from './auth/users.js';
import { createSessionStore } from './auth/sessions.js';
import { createLoginThrottle, type LoginThrottleConfig } from './auth/login-throttle.js';
import { createHashQueue, type HashQueueOptions } from './auth/hash-queue.js';
import { createDeviceStore } from './devices/devices.js';
import { createPresence } from './devices/presence.js';
import { createTelemetryWriter } from './telemetry/writer.js';
import { createTelemetryQuery } from './telemetry/query.js';
import { createRollupJob, ROLLUP_CHUNK } from './telemetry/rollup.js';
import { createRetention } from './telemetry/retention.js';
import { createAuditLog } from './audit/audit.js';
import { createSettingsStore } from './settings/settings.js';
import { startAliveMark } from './settings/alive-mark.js';
import { LiveBus } from './live/bus.js';
import { createLogger, type Logger } from './log.js';
import { startMqttBroker, type MqttBroker } from './mqtt/broker.js';
import { createGroupCommit, type GroupCommit } from './db/group-commit.js';
import { startLwm2mServer, type Lwm2mServer } from './lwm2m/server.js';
import type { RegistrarOptions } from './lwm2m/registration/registrations.js';
import { startLwm2mDeviceManagement, type Lwm2mDeviceManagement, type Lwm2mDmOptions } from './lwm2m/device-management.js';
import { createModelsSetting } from './lwm2m/models-setting.js';
import { createApi } from './api/server.js';
import { createOperations, type OperationsOptions } from './operations/queue.js';
import { createInventoryStore } from './devices/inventory.js';
import type { SeedTimings } from './mqtt/dialects/seed.js';
import { httpServerOptions, type HttpLimits } from './api/http-limits.js';
import { defaultUiDir } from './paths.js';
import { repeatInSlices } from './background.js';
import { enforceUidsUniqueIgnoringCase } from './devices/uid-case.js';

export { defaultDataDir } from './paths.js';

export interface OutpostOptions {
  dataDir: string;
  /** undefined: the port from settings; 0: any free port */
  httpPort?: number;
  mqttPort?: number;
  /** the LwM2M server's UDP port; undefined: from settings (5683); 0: any free port */
  coapPort?: number;
  /** the LwM2M registration sweep and bounds (tests shorten the sweep) */
  lwm2m?: RegistrarOptions;
  /** LwM2M device management: the queue-mode awake window and request timeouts (tests shorten them) */
  lwm2mDm?: Lwm2mDmOptions;
  /** address to bind; 127.0.0.1 unless LAN access is wanted */
  host?: string;
  uiDir?: string;
  quiet?: boolean;
  /** where log lines go (tests capture them); default the console, per `quiet` */
  log?: Logger;
  /** HTTP timeouts; defaults in api/http-limits.ts (tests shorten them) */
  http?: Partial<HttpLimits>;
  /** failed-login limits and clock (tests shorten the waits); defaults in auth/login-throttle.ts */
  loginThrottle?: Partial<LoginThrottleConfig>;
  /** the seed dialect's heartbeat timings (tests shorten them) */
  seedTimings?: Partial<SeedTimings>;
  /** expiry sweep and resend timings (tests shorten them) */
  operations?: OperationsOptions;
  /** password hashes at a time and waiting; defaults in auth/hash-queue.ts (benchmarks lift the bound) */
  passwordHashing?: HashQueueOptions;
}

export interface Outpost {
  url: string;
  httpPort: number;
  /** null when the broker could not start (see mqttError) */
  mqttPort: number | null;
  mqttError: string | null;
  /** null when the LwM2M server could not start (see coapError) */
  coapPort: number | null;
  coapError: string | null;
  dataDir: string;
  /** Creates a device with an MQTT token directly (benchmarks and tests). */
  provisionDevice(uid: string, name: string): { username: string; token: string };
  /** What the message explorer's broker tap costs now (tests): watched devices, watchers, messages built. */
  messageTapStats(): { watchedDevices: number; watchers: number; built: number };
  close(): Promise<void>;
}

const SWEEP_MS = 5000;
const ROLLUP_MS = 10_000;
const RETENTION_MS = 3600_000;

export async function startOutpost(options: OutpostOptions): Promise<Outpost> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? createLogger({ level: options.quiet ? 'error' : 'info' });
  const db = openDatabase(options.dataDir, log);
  const checkpoints = startWalCheckpointer(db.$client, log);
  const bus = new LiveBus();
  const settings = createSettingsStore(db);
  const devices = createDeviceStore(db, bus);
  const alive = startAliveMark(db);
  const presence = createPresence(db, devices, bus, { previousRunEndedAt: alive.previous });
  const telemetry = createTelemetryWriter(db, bus);
  const audit = createAuditLog(db);
  const operations = createOperations(db, devices, bus, log, options.operations);
  const inventory = createInventoryStore(db, bus);
  const rollups = createRollupJob(db);
  const retention = createRetention(db);
  const warnings = enforceUidsUniqueIgnoringCase(db);
  for (const w of warnings) log.warn(w);

  let mqtt: MqttBroker | undefined;
  let lwm2m: Lwm2mServer | undefined;
  let lwm2mDm: Lwm2mDeviceManagement | undefined;
  let lwm2mCommit: GroupCommit | undefined;
  let http: ServerType | undefined;
  const cleanup = async () => {
    await mqtt?.close();
    lwm2mDm?.close();
    await lwm2m?.close();
    lwm2mCommit?.flush();
    alive.stop(); // after the last device connection is gone: the start of "Outpost was stopped"
    // open event streams and keep-alive sockets would hold close() forever
    (http as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
    await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    operations.close();
    telemetry.close();
    presence.close();
    await checkpoints.close();
    db.$client.close();
  };

  try {
    const mqttDeps = {
      devices, presence, telemetry, log, db, operations, inventory,
      anonymousAllowed: () => settings.get().anonymousMqtt,
      seedTimings: options.seedTimings,
      refusedUnknown: (clientId: string, address: string, reason: string) => audit.record('mqtt', 'mqtt-refused', `client:${clientId}`, { reason }, address),
      anonymousMayRead: () => settings.get().anonymousMqtt && settings.get().anonymousMqttRead,
      maxPacketBytes: () => settings.get().mqttMaxPacketBytes,
    };
    let mqttError: string | null = null;
    if (options.mqttPort !== undefined) {
      mqtt = await startMqttBroker(mqttDeps, options.mqttPort, host);
    } else {
      // the saved port may be taken (often by a system Mosquitto): start anyway so the UI can change it
      const port = settings.get().mqttPort;
      mqtt = await startMqttBroker(mqttDeps, port, host).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EADDRINUSE' && e.code !== 'EACCES') throw e;
        mqttError = `MQTT port ${port} is ${e.code === 'EADDRINUSE' ? 'in use by another program' : 'not allowed'}; choose another MQTT port in Settings and restart Outpost`;
        log.error(mqttError);
        return undefined;
      });
    }
    for (const transport of mqtt?.operationTransports ?? []) operations.register(transport);
    const mqttPort = mqtt?.port ?? null;

    // one group commit for LwM2M's registrations and device management: a Register storm shares its fsyncs
    lwm2mCommit = createGroupCommit(db);
    const lwm2mDeps = {
      db, devices, presence, log, commit: lwm2mCommit,
      acceptNewDevices: () => settings.get().acceptNewLwm2mDevices,
      // per peer address: a flood of made-up endpoint names from one address folds into one row a minute
      refusedUnknown: (endpoint: string, peer: { address: string; port: number }, reason: string) =>
        audit.record('lwm2m', 'lwm2m-refused', `peer:${peer.address}`, { endpoint, port: peer.port, reason }, peer.address),
    };
    let coapError: string | null = null;
    const coapPortWanted = options.coapPort ?? settings.get().coapPort;
    // like the broker: a taken port must not keep Outpost from starting (the UI can change it)
    const models = createModelsSetting(log);
    await models.use(settings.get().lwm2mModelsFolder);
    lwm2m = await startLwm2mServer(lwm2mDeps, {
      port: coapPortWanted, host, registration: options.lwm2m, requestTimeoutMs: options.lwm2mDm?.requestTimeoutMs,
    }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EADDRINUSE' && e.code !== 'EACCES') throw e;
      coapError = `LwM2M (CoAP/UDP) port ${coapPortWanted} is ${e.code === 'EADDRINUSE' ? 'in use by another program' : 'not allowed'}; choose another in Settings and restart Outpost`;
      log.error(coapError);
      return undefined;
    });
    const coapPort = lwm2m?.port ?? null;
    if (lwm2m) {
      lwm2mDm = startLwm2mDeviceManagement({ server: lwm2m, db, devices, telemetry, operations, bus, log, models, commit: lwm2mCommit }, options.lwm2mDm);
    }
    let httpPort = 0;
    const app = createApi({
      users: createUserStore(db, options.passwordHashing && createHashQueue(options.passwordHashing)), sessions: createSessionStore(db),
      loginThrottle: createLoginThrottle(options.loginThrottle), devices, presence, telemetry, operations, inventory,
      telemetryQuery: createTelemetryQuery(db, rollups.horizon), audit, settings, bus, log,
      mqttEndpoint: () => ({ host: host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host, port: mqttPort ?? settings.get().mqttPort }),
      disconnectDevice: (uid, why) => mqtt?.disconnectDevice(uid, why),
      running: () => ({
        httpPort, mqttPort, mqttError, coapPort, coapError, warnings,
        // a port given on the command line wins over the saved one
        httpPortFromFlag: options.httpPort !== undefined, mqttPortFromFlag: options.mqttPort !== undefined,
        coapPortFromFlag: options.coapPort !== undefined,
        lwm2mModelProblems: models.problems(),
      }),
      lwm2mRegistrations: () => lwm2m?.registrations,
      lwm2mObjects: (uid) => lwm2mDm?.objects(uid),
      deviceApproved: (uid) => lwm2mDm?.approved(uid),
      deviceRemoved: (uid) => lwm2m?.forget(uid),
      settingsChanged: async () => {
        mqtt?.settingsChanged();
        await models.use(settings.get().lwm2mModelsFolder);
      },
      deviceMessages: () => mqtt?.messages,
    }, { loopbackOnly: () => host === '127.0.0.1' || host === 'localhost' || host === '::1', uiDir: options.uiDir ?? defaultUiDir() });
    http = await listen(app.fetch, options.httpPort ?? settings.get().httpPort, host, options.http);
    httpPort = (http.address() as AddressInfo).port;

    const sweep = setInterval(() => presence.sweep(settings.get().silenceTimeoutSec * 1000), SWEEP_MS);
    sweep.unref();
    const jobs = [
      repeatInSlices('rollup', () => rollups.run() >= ROLLUP_CHUNK, ROLLUP_MS, log),
      // not in the way of a start
      repeatInSlices('retention', () => retention.pruneSlice(settings.get().retentionDays), RETENTION_MS, log, 60_000),
      repeatInSlices('audit retention', () => audit.pruneSlice(settings.get().auditRetentionDays), RETENTION_MS, log, 60_000),
    ];
    const urlHost = host.includes(':') ? `[${host}]` : host;
    return {
      url: `http://${urlHost === '0.0.0.0' ? '127.0.0.1' : urlHost}:${httpPort}`,
      httpPort, mqttPort, mqttError, coapPort, coapError, dataDir: options.dataDir,
      provisionDevice(uid, name) {
        const { token } = devices.create({ uid, name, tags: [] });
        return { username: uid, token };
      },
      messageTapStats: () => mqtt?.messages.stats() ?? { watchedDevices: 0, watchers: 0, built: 0 },
      async close() {
        clearInterval(sweep);
        for (const job of jobs) job.stop();
        await cleanup();
      },
    };
  } catch (e) {
    await cleanup().catch(() => undefined);
    throw e;
  }
}

function listen(fetch: (req: Request) => Response | Promise<Response>, port: number, hostname: string, limits?: Partial<HttpLimits>): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname, serverOptions: httpServerOptions(limits) }, () => resolve(server));
    server.once('error', reject);
  });
}
