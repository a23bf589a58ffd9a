// The HTTP API contract shared by core and the renderer. Zod schemas and types only:
// nothing here may import Node code (DESIGN.md, Layers).
import { z } from 'zod';
import { Batch, Operation } from './operations.js';
import { DeviceInventory } from './inventory.js';
import { Lwm2mKnownValue, Lwm2mObservationView } from './lwm2m-objects.js';

export const roles = ['admin', 'operator', 'viewer'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const ApiError = z.object({ error: z.string(), details: z.unknown().optional() });
export type ApiError = z.infer<typeof ApiError>;

export const Username = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
export const Password = z.string().min(8, 'at least 8 characters').max(256);

export const Credentials = z.object({ username: Username, password: z.string().min(1).max(256) });
export const SetupRequest = z.object({ username: Username, password: Password });
export const SetupState = z.object({ needsSetup: z.boolean() });

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  role: Role,
  disabled: z.boolean(),
  createdAt: z.number(),
});
export type User = z.infer<typeof User>;

export const CreateUserRequest = z.object({ username: Username, password: Password, role: Role });
export const UpdateUserRequest = z.object({
  role: Role.optional(),
  disabled: z.boolean().optional(),
  password: Password.optional(),
}).refine((v) => v.role !== undefined || v.disabled !== undefined || v.password !== undefined, 'nothing to change');

/** A uid as it is stored (DeviceUid trims what people type): for protocol adapters that check thousands a second. */
export const DEVICE_UID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
export const DeviceUid = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
export const DeviceStatus = z.enum(['never', 'online', 'offline']);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

// Why an offline device went offline, as categories the UI words and colours (device-health.ts).
export const OfflineCause = z.enum([
  'disconnected', // said goodbye (MQTT DISCONNECT): normal for devices that report and sleep
  'connection-lost', // the connection ended without a goodbye
  'keepalive-timeout', // the broker heard nothing within the keepalive
  'silent', // connected, but no traffic for longer than Settings' silence timeout
  'kicked', // Outpost closed it (token rotated, device deleted, limits)
  'outpost-restarted', // Outpost itself stopped while the device was connected: nothing is known
  'deregistered', // an LwM2M device said goodbye (De-register): normal for devices that sleep
  'lifetime-expired', // an LwM2M device did not update its registration within its lifetime
]);
export type OfflineCause = z.infer<typeof OfflineCause>;

// How a device speaks: MQTT with Outpost's own topics and a token, MQTT in the seed agent's dialect
// (django/iot/... topics, plain-string commands, no credentials: README, Seed agent dialect), or
// LwM2M over CoAP (the endpoint name is the uid; its MQTT token is never accepted)
export const DeviceDialect = z.enum(['native', 'seed', 'lwm2m']);
export type DeviceDialect = z.infer<typeof DeviceDialect>;

export const Device = z.object({
  uid: z.string(),
  dialect: DeviceDialect,
  name: z.string(),
  tags: z.array(z.string()),
  createdAt: z.number(),
  status: DeviceStatus,
  statusReason: z.string().nullable(),
  statusSince: z.number().nullable(),
  lastSeen: z.number().nullable(),
  // offline only: the category of statusReason; null when online or never connected
  offlineCause: OfflineCause.nullable(),
  // whether the broker published the device's last will when it went
  willSent: z.boolean(),
  // the last payload on outpost/v1/{uid}/status (e.g. a retained last will, "maintenance"), as text
  statusPayload: z.string().nullable(),
  statusPayloadTs: z.number().nullable(),
  // how often the device is expected to report; silence longer than this is a warning (null: no expectation)
  expectedIntervalSec: z.number().int().nullable(),
  // offline cause 'outpost-restarted' only: when Outpost was last known running before it restarted
  // (statusSince is when it started again); null when not known
  outpostStoppedAt: z.number().nullable(),
  // created by a device itself (an unknown LwM2M endpoint while Settings accept new LwM2M devices):
  // it waits for an operator to approve or reject it
  pending: z.boolean(),
});
export type Device = z.infer<typeof Device>;

// Bounds of a device's expected reporting interval: live updates of lastSeen lag a few seconds, so
// shorter expectations would raise false warnings; a month covers devices that report rarely.
export const EXPECTED_INTERVAL_MIN_SEC = 10;
export const EXPECTED_INTERVAL_MAX_SEC = 30 * 24 * 3600;
export const ExpectedIntervalSec = z.number()
  .int('whole seconds')
  .min(EXPECTED_INTERVAL_MIN_SEC, `at least ${EXPECTED_INTERVAL_MIN_SEC} seconds`)
  .max(EXPECTED_INTERVAL_MAX_SEC, `at most ${EXPECTED_INTERVAL_MAX_SEC} seconds (30 days)`);

export const CreateDeviceRequest = z.object({
  uid: DeviceUid,
  name: z.string().trim().min(1).max(128),
  tags: z.array(z.string().trim().min(1).max(64)).max(32).default([]),
  dialect: DeviceDialect.default('native'),
});

export const UpdateDeviceRequest = z.object({
  name: z.string().trim().min(1).max(128).optional(),
  tags: z.array(z.string().trim().min(1).max(64)).max(32).optional(),
  // null: no expectation (silence is never a warning by itself)
  expectedIntervalSec: ExpectedIntervalSec.nullable().optional(),
  dialect: DeviceDialect.optional(),
}).refine((v) => v.name !== undefined || v.tags !== undefined || v.expectedIntervalSec !== undefined || v.dialect !== undefined, 'nothing to change');

export const MqttCredentials = z.object({
  username: z.string(),
  token: z.string(),
  host: z.string(),
  port: z.number().int(),
  telemetryTopic: z.string(),
  mosquittoPub: z.string(),
});
export type MqttCredentials = z.infer<typeof MqttCredentials>;

export const CreateDeviceResponse = z.object({ device: Device, credentials: MqttCredentials });
export type CreateDeviceResponse = z.infer<typeof CreateDeviceResponse>;

export const Value = z.union([z.number(), z.string(), z.boolean()]);
export type Value = z.infer<typeof Value>;

export const Series = z.object({
  key: z.string(),
  unit: z.string().nullable(),
  type: z.enum(['number', 'string', 'boolean']),
  lastTs: z.number().nullable(),
  lastValue: Value.nullable(),
});
export type Series = z.infer<typeof Series>;

export const UpdateSeriesRequest = z.object({
  // e.g. °C, %, hPa; null clears it
  unit: z.string().trim().min(1).max(32).nullable(),
});

export const PointsQuery = z.object({
  from: z.coerce.number().int(),
  to: z.coerce.number().int(),
  maxPoints: z.coerce.number().int().min(2).max(5000).default(1000),
}).refine((q) => q.from < q.to, 'from must be before to');

export const ExportQuery = z.object({
  from: z.coerce.number().int(),
  to: z.coerce.number().int(),
}).refine((q) => q.from < q.to, 'from must be before to');

// One bucket of a downsampled numeric series; a raw point has min = max = avg.
export const Bucket = z.object({ ts: z.number(), min: z.number(), max: z.number(), avg: z.number(), count: z.number() });
export type Bucket = z.infer<typeof Bucket>;
// A run of one value of a string or boolean series, from its first point until the next value
// (the last run ends at its last point). Runs shorter than the range / maxPoints are merged into
// one with value null ("several values"), so a series with 100k changes stays about maxPoints runs.
export const StateSegment = z.object({
  from: z.number(),
  to: z.number(),
  value: Value.nullable(),
  count: z.number(), // points in the run
});
export type StateSegment = z.infer<typeof StateSegment>;
export const PointsResponse = z.object({
  key: z.string(),
  from: z.number(),
  to: z.number(),
  downsampled: z.boolean(),
  buckets: z.array(Bucket),
  // for string series: raw values, newest last, capped
  values: z.array(z.object({ ts: z.number(), value: Value })),
  // for string and boolean series: runs of one value, for state timelines (see StateSegment)
  segments: z.array(StateSegment).optional(),
});
export type PointsResponse = z.infer<typeof PointsResponse>;

// Raw points of a series, newest first, page by page: pass the `next` cursor of one page to get the next.
export const RawPointsQuery = z.object({
  before: z.coerce.number().int().optional(), // only points before this device time (ms)...
  beforeId: z.coerce.number().int().min(1).optional(), // ...or at it with a smaller id
  limit: z.coerce.number().int().min(1).max(500).default(50),
}).refine((q) => q.beforeId === undefined || q.before !== undefined, 'beforeId needs before');
export const RawPoint = z.object({ id: z.number(), ts: z.number(), value: Value });
export type RawPoint = z.infer<typeof RawPoint>;
export const RawPointsResponse = z.object({
  points: z.array(RawPoint),
  next: z.object({ before: z.number(), beforeId: z.number() }).nullable(),
});
export type RawPointsResponse = z.infer<typeof RawPointsResponse>;

export const DeviceEvent = z.object({
  id: z.number(),
  ts: z.number(),
  kind: z.string(),
  message: z.string(),
  // how many times it happened from the same source within that minute (repeated failures are folded)
  count: z.number().int(),
  // when the last of those happened, null for a single one
  lastTs: z.number().nullable(),
});
export type DeviceEvent = z.infer<typeof DeviceEvent>;

export const AuditEntry = z.object({
  id: z.number(),
  ts: z.number(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.unknown().nullable(),
  // the client address the request came from, when known
  source: z.string().nullable(),
  count: z.number().int(),
  lastTs: z.number().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const Settings = z.object({
  mqttPort: z.number().int().min(0).max(65535),
  httpPort: z.number().int().min(0).max(65535),
  anonymousMqtt: z.boolean(),
  // with anonymousMqtt: anonymous clients may also subscribe under a device's root (read its data)
  anonymousMqttRead: z.boolean(),
  // largest MQTT packet in bytes an authenticated client may send (bigger ones close the connection;
  // before authentication a fixed 64 KiB applies). aedes holds a packet whole: files belong elsewhere
  mqttMaxPacketBytes: z.number().int().min(1024).max(64 * 1024 * 1024),
  // a device connected but silent this long is marked offline
  silenceTimeoutSec: z.number().int().min(10).max(7 * 24 * 3600),
  // telemetry and device events older than this many days are deleted; 0 keeps everything
  retentionDays: z.number().int().min(0).max(36500),
  // audit log entries older than this many days are deleted; 0 keeps everything
  auditRetentionDays: z.number().int().min(0).max(36500),
  // UDP port of the LwM2M server (CoAP); 0 = any free port
  coapPort: z.number().int().min(0).max(65535),
  // an unknown LwM2M endpoint is registered as a pending device (instead of refused with 4.03)
  acceptNewLwm2mDevices: z.boolean(),
  // a folder of DDF XML files (vendor LwM2M objects) loaded beside the built-in models; '' = none
  lwm2mModelsFolder: z.string().max(1024),
});
export type Settings = z.infer<typeof Settings>;
export const UpdateSettingsRequest = Settings.partial();
export const SettingsResponse = z.object({
  settings: Settings,
  // what the running servers actually use (ports change on restart)
  running: z.object({
    mqttPort: z.number().nullable(),
    httpPort: z.number(),
    // why the broker is not running (e.g. its port is taken by another broker), else null
    mqttError: z.string().nullable(),
    coapPort: z.number().nullable(),
    // why the LwM2M server is not running (e.g. its UDP port is taken), else null
    coapError: z.string().nullable(),
    // problems found at start that need the user (e.g. device uids that differ only by case)
    warnings: z.array(z.string()),
    // whether the port came from a command-line flag (--http-port / --mqtt-port), which overrides Settings
    httpPortFromFlag: z.boolean(),
    mqttPortFromFlag: z.boolean(),
    coapPortFromFlag: z.boolean(),
    // problems of the DDF folder (lwm2mModelsFolder), one line each naming the file; [] when all loaded
    lwm2mModelProblems: z.array(z.string()),
  }),
});
export type SettingsResponse = z.infer<typeof SettingsResponse>;

// Messages on the live stream (GET /api/stream, Server-Sent Events, event name = type).
export const LiveMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('device'), device: Device }),
  z.object({ type: z.literal('points'), uid: z.string(), points: z.array(z.object({ key: z.string(), ts: z.number(), value: Value })) }),
  z.object({ type: z.literal('event'), uid: z.string(), event: DeviceEvent }),
  // a device and its data are gone (deleted alone or in bulk): lists drop it
  z.object({ type: z.literal('device-deleted'), uid: z.string() }),
  // an operation changed state or reported progress; a bulk operation's summary changed
  z.object({ type: z.literal('operation'), operation: Operation }),
  z.object({ type: z.literal('batch'), batch: Batch }),
  // new inventory from a device
  z.object({ type: z.literal('inventory'), uid: z.string(), inventory: DeviceInventory }),
  // an LwM2M device's known values or observations changed (a read, a notification, a Send, a re-registration)
  z.object({ type: z.literal('lwm2m-objects'), uid: z.string(), values: z.array(Lwm2mKnownValue), observations: z.array(Lwm2mObservationView).optional() }),
]);
export type LiveMessage = z.infer<typeof LiveMessage>;

// ---- Lists that scale: bulk changes of devices, audit and event queries (issue 6, section 4)

export const BULK_MAX_DEVICES = 1000;
const BulkUids = z.array(DeviceUid).min(1, 'choose at least one device').max(BULK_MAX_DEVICES, `at most ${BULK_MAX_DEVICES} devices at once`);
const TagName = z.string().trim().min(1, 'a tag cannot be empty').max(64);
// tag/untag need the operator role, delete the admin role
export const BulkDevicesRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('tag'), uids: BulkUids, tag: TagName }),
  z.object({ action: z.literal('untag'), uids: BulkUids, tag: TagName }),
  z.object({ action: z.literal('delete'), uids: BulkUids }),
]);
export type BulkDevicesRequest = z.infer<typeof BulkDevicesRequest>;
export const BulkDevicesResponse = z.object({
  action: z.enum(['tag', 'untag', 'delete']),
  // uids that were changed (or deleted)
  changed: z.array(z.string()),
  // known uids that needed no change (already tagged, tag not there)
  unchanged: z.array(z.string()),
  // uids that name no device (e.g. deleted meanwhile); the others were still applied
  unknown: z.array(z.string()),
});
export type BulkDevicesResponse = z.infer<typeof BulkDevicesResponse>;

const IdCursor = z.coerce.number().int().min(1);
const Ms = z.coerce.number().int().min(0);
const ListLimit = z.coerce.number().int().min(1).max(1000).default(200);

// newest first; `before` is the id of the last entry of the previous page
export const AuditQuery = z.object({
  limit: ListLimit,
  before: IdCursor.optional(),
  // part of the actor's name, any case
  actor: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().min(1).max(64).optional(),
  // time range on ts: from inclusive, to exclusive
  from: Ms.optional(),
  to: Ms.optional(),
}).refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, 'from must be before to');
export const AuditFacets = z.object({ actors: z.array(z.string()), actions: z.array(z.string()) });
export type AuditFacets = z.infer<typeof AuditFacets>;

// groups of event kinds a list filters by (core/contract/event-kinds.ts maps kinds to them)
export const EventGroup = z.enum(['messages', 'status', 'refusals', 'other']);
export type EventGroup = z.infer<typeof EventGroup>;
export const EventsQuery = z.object({
  limit: ListLimit,
  before: IdCursor.optional(),
  // comma separated, e.g. groups=messages,refusals; none: every kind
  groups: z.string().transform((s) => s.split(',').map((g) => g.trim()).filter(Boolean))
    .pipe(z.array(EventGroup).min(1, 'name at least one group')).optional(),
});
