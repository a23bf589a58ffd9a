import { sqliteTable, integer, text, real, blob, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { operationStates } from '../contract/operations.js';

// Times are integer milliseconds since the Unix epoch throughout.

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'operator', 'viewer'] }).notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const sessions = sqliteTable('sessions', {
  // sha256 of the cookie token: a stolen database file yields no usable session
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

export const devices = sqliteTable('devices', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  uid: text('uid').notNull().unique(),
  name: text('name').notNull(),
  tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
  createdAt: integer('created_at').notNull(),
  status: text('status', { enum: ['never', 'online', 'offline'] }).notNull().default('never'),
  statusReason: text('status_reason'),
  statusSince: integer('status_since'),
  lastSeen: integer('last_seen'),
  offlineCause: text('offline_cause', {
    enum: ['disconnected', 'connection-lost', 'keepalive-timeout', 'silent', 'kicked', 'outpost-restarted', 'deregistered', 'lifetime-expired'],
  }),
  willSent: integer('will_sent', { mode: 'boolean' }).notNull().default(false),
  statusPayload: text('status_payload'),
  statusPayloadTs: integer('status_payload_ts'),
  expectedIntervalSec: integer('expected_interval_sec'),
  outpostStoppedAt: integer('outpost_stopped_at'),
  dialect: text('dialect', { enum: ['native', 'seed', 'lwm2m'] }).notNull().default('native'),
  // created by the device itself (an unknown LwM2M endpoint): waits for an operator's approval
  pending: integer('pending', { mode: 'boolean' }).notNull().default(false),
});

// The current LwM2M registration of a device (at most one): what the client said in Register and
// its Updates, and where it was last heard from. Kept across restarts until it expires.
export const lwm2mRegistrations = sqliteTable('lwm2m_registrations', {
  deviceId: integer('device_id').primaryKey().references(() => devices.id, { onDelete: 'cascade' }),
  // the Location-Path id (rd/{id}); random, so that a client cannot update another's registration
  registrationId: text('registration_id').notNull().unique(),
  address: text('address').notNull(),
  port: integer('port').notNull(),
  lifetimeSec: integer('lifetime_sec').notNull(),
  binding: text('binding').notNull(),
  queueMode: integer('queue_mode', { mode: 'boolean' }).notNull(),
  version: text('version', { enum: ['1.0', '1.1'] }).notNull(),
  rootPath: text('root_path').notNull(),
  contentFormats: text('content_formats', { mode: 'json' }).$type<number[]>().notNull(),
  // the object links as registered: [{ path: [3, 0], params: { ver: '1.1' } }, ...]
  objectLinks: text('object_links', { mode: 'json' }).$type<Array<{ path: number[]; params: Record<string, string | true> }>>().notNull(),
  registeredAt: integer('registered_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
}, (t) => [index('lwm2m_registrations_expires').on(t.expiresAt)]);

// Observations Outpost holds on an LwM2M device (one path, or several for Observe-Composite);
// kept across restarts. 'pending': to set again when the device registers next (the spec voids
// observations at a new Register; de-register and expiry end them too).
export const lwm2mObservations = sqliteTable('lwm2m_observations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  deviceId: integer('device_id').notNull().references(() => devices.id, { onDelete: 'cascade' }),
  // the paths joined by ',' in the order given: one row per observation
  pathsKey: text('paths_key').notNull(),
  paths: text('paths', { mode: 'json' }).$type<string[]>().notNull(),
  composite: integer('composite', { mode: 'boolean' }).notNull(),
  createdAt: integer('created_at').notNull(),
  state: text('state', { enum: ['active', 'pending'] }).notNull(),
  lastNotificationAt: integer('last_notification_at'),
}, (t) => [uniqueIndex('lwm2m_observations_device_paths').on(t.deviceId, t.pathsKey)]);

// The last value Outpost knows of each resource (or resource instance) of an LwM2M device.
export const lwm2mKnownValues = sqliteTable('lwm2m_known_values', {
  deviceId: integer('device_id').notNull().references(() => devices.id, { onDelete: 'cascade' }),
  path: text('path').notNull(),
  value: text('value', { mode: 'json' }).$type<number | string | boolean>().notNull(),
  type: text('type').notNull(),
  at: integer('at').notNull(),
  source: text('source', { enum: ['read', 'write', 'notify', 'send'] }).notNull(),
}, (t) => [primaryKey({ columns: [t.deviceId, t.path] })]);

// The objects of an LwM2M device's last registration, shown while it is not registered.
export const lwm2mLastObjects = sqliteTable('lwm2m_last_objects', {
  deviceId: integer('device_id').primaryKey().references(() => devices.id, { onDelete: 'cascade' }),
  objects: text('objects', { mode: 'json' }).$type<Array<{ id: number; version: string | null; instances: number[] }>>().notNull(),
  version: text('version').notNull(),
  at: integer('at').notNull(),
});

// The last inventory a device's agent reported (the native agent's JSON, or built from the seed agent's answers).
export const deviceInventory = sqliteTable('device_inventory', {
  deviceId: integer('device_id').primaryKey().references(() => devices.id, { onDelete: 'cascade' }),
  inventory: text('inventory', { mode: 'json' }).notNull(),
  receivedAt: integer('received_at').notNull(),
  source: text('source', { enum: ['agent', 'seed'] }).notNull(),
});

export const deviceCredentials = sqliteTable('device_credentials', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  deviceId: integer('device_id').notNull().references(() => devices.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['token'] }).notNull(),
  secretHash: text('secret_hash').notNull(),
  createdAt: integer('created_at').notNull(),
  revokedAt: integer('revoked_at'),
}, (t) => [index('device_credentials_device').on(t.deviceId)]);

export const series = sqliteTable('series', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  deviceId: integer('device_id').notNull().references(() => devices.id, { onDelete: 'cascade' }),
  key: text('key').notNull(),
  unit: text('unit'),
  type: text('type', { enum: ['number', 'string', 'boolean'] }).notNull(),
  lastTs: integer('last_ts'),
  lastValue: text('last_value', { mode: 'json' }).$type<number | string | boolean>(),
}, (t) => [uniqueIndex('series_device_key').on(t.deviceId, t.key)]);

export const points = sqliteTable('points', {
  // AUTOINCREMENT: ids are never reused, so the rollup job can follow them as a watermark
  id: integer('id').primaryKey({ autoIncrement: true }),
  seriesId: integer('series_id').notNull().references(() => series.id, { onDelete: 'cascade' }),
  ts: integer('ts').notNull(),
  // numbers and booleans (0/1) in num, strings in str
  num: real('num'),
  str: text('str'),
}, (t) => [index('points_series_ts').on(t.seriesId, t.ts)]);

// Per-minute aggregates of numeric points, kept by a background job (telemetry/rollup.ts) so that
// charts over long ranges read minutes instead of every point.
export const pointRollups = sqliteTable('point_rollups', {
  seriesId: integer('series_id').notNull().references(() => series.id, { onDelete: 'cascade' }),
  minute: integer('minute').notNull(), // start of the minute, ms
  min: real('min').notNull(),
  max: real('max').notNull(),
  sum: real('sum').notNull(),
  count: integer('count').notNull(),
}, (t) => [primaryKey({ columns: [t.seriesId, t.minute] })]);

export const rollupProgress = sqliteTable('rollup_progress', {
  id: integer('id').primaryKey(),
  lastPointId: integer('last_point_id').notNull(),
  // when the job last reached the newest point: every point stored before then is rolled up
  caughtUpAt: integer('caught_up_at').notNull(),
});

export const events = sqliteTable('events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  deviceId: integer('device_id').notNull().references(() => devices.id, { onDelete: 'cascade' }),
  ts: integer('ts').notNull(),
  kind: text('kind').notNull(),
  message: text('message').notNull(),
  data: text('data', { mode: 'json' }),
  // repeated failures (e.g. wrong-token connects) from one source within a minute share one row
  source: text('source'),
  count: integer('count').notNull().default(1),
  lastTs: integer('last_ts'),
}, (t) => [index('events_device_ts').on(t.deviceId, t.ts)]);

// One queue for every protocol (DESIGN.md, Operations): core/operations/ owns it.

export const operations = sqliteTable('operations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  deviceId: integer('device_id').notNull().references(() => devices.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  args: text('args', { mode: 'json' }),
  state: text('state', { enum: operationStates }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull().default(3),
  // how long one delivery waits for a reply (progress restarts the wait)
  replyTimeoutMs: integer('reply_timeout_ms').notNull().default(60_000),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  sentAt: integer('sent_at'),
  finishedAt: integer('finished_at'),
  expiresAt: integer('expires_at'),
  result: text('result', { mode: 'json' }),
  // {code, message}
  error: text('error', { mode: 'json' }),
  // the last {done, total, summary} the device reported
  progress: text('progress', { mode: 'json' }),
  createdBy: text('created_by'),
  // a retry links to the operation it repeats
  retryOf: integer('retry_of'),
  batchId: integer('batch_id').references(() => operationBatches.id, { onDelete: 'set null' }),
}, (t) => [
  index('operations_device_state').on(t.deviceId, t.state),
  index('operations_state').on(t.state),
  index('operations_batch').on(t.batchId),
]);

// The same operation for many devices: the parent of one operation per device.
export const operationBatches = sqliteTable('operation_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  args: text('args', { mode: 'json' }),
  // {tag} or {uids}
  target: text('target', { mode: 'json' }).notNull(),
  createdBy: text('created_by'),
  createdAt: integer('created_at').notNull(),
});

// Every request, reply and progress message of an operation, and each change of its state.
export const operationHistory = sqliteTable('operation_history', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  operationId: integer('operation_id').notNull().references(() => operations.id, { onDelete: 'cascade' }),
  ts: integer('ts').notNull(),
  type: text('type').notNull(),
  // the state after this entry, when it changed the state
  state: text('state', { enum: operationStates }),
  detail: text('detail', { mode: 'json' }),
}, (t) => [index('operation_history_operation').on(t.operationId, t.id)]);

export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  ts: integer('ts').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  target: text('target'),
  detail: text('detail', { mode: 'json' }),
  // the client address; repeated failures from one source within a minute share one row
  source: text('source'),
  count: integer('count').notNull().default(1),
  lastTs: integer('last_ts'),
}, (t) => [index('audit_log_ts').on(t.ts)]);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
});

// ---- broker state --------------------------------------------------------------------------------
// What the embedded MQTT broker (aedes) must not forget over a restart or a kill -9: retained
// messages, persistent sessions' subscriptions and queues, QoS 2 packets awaiting PUBREL, and wills.
// Written and read only by core/mqtt/persistence/. A packet is stored as `fields` (every field but a
// Buffer payload, as JSON that reads back exactly: packet-codec.ts) plus `payload` (that Buffer).

export const brokerRetained = sqliteTable('broker_retained', {
  topic: text('topic').primaryKey(),
  fields: text('fields').notNull(),
  payload: blob('payload', { mode: 'buffer' }),
});

// Only sessions with clean session off: aedes keeps a clean session's subscriptions itself.
export const brokerSubscriptions = sqliteTable('broker_subscriptions', {
  clientId: text('client_id').notNull(),
  topic: text('topic').notNull(),
  qos: integer('qos').notNull(),
  // the other subscription fields (rh, rap, nl, ...), JSON as in `fields`
  options: text('options').notNull(),
}, (t) => [primaryKey({ columns: [t.clientId, t.topic] })]);

// QoS 1/2 messages for persistent sessions, in delivery order (id); a row becomes a PUBREL once
// the client has answered PUBREC.
export const brokerOutgoing = sqliteTable('broker_outgoing', {
  id: integer('id').primaryKey(),
  clientId: text('client_id').notNull(),
  brokerId: text('broker_id'),
  brokerCounter: integer('broker_counter'),
  // the packet identifier, once the message has been sent; overrides the one in `fields`
  messageId: integer('message_id'),
  fields: text('fields').notNull(),
  payload: blob('payload', { mode: 'buffer' }),
}, (t) => [
  index('broker_outgoing_client').on(t.clientId, t.id),
  index('broker_outgoing_counter').on(t.clientId, t.brokerId, t.brokerCounter),
  index('broker_outgoing_message').on(t.clientId, t.messageId),
]);

// QoS 2 publishes received from persistent sessions and not yet released (PUBREL): the duplicate check.
export const brokerIncoming = sqliteTable('broker_incoming', {
  clientId: text('client_id').notNull(),
  messageId: integer('message_id').notNull(),
  fields: text('fields').notNull(),
  payload: blob('payload', { mode: 'buffer' }),
}, (t) => [primaryKey({ columns: [t.clientId, t.messageId] })]);

// The will of each connected client; brokerId is the broker run that holds the connection, so
// after a crash the wills of the dead run can be told apart and published.
export const brokerWills = sqliteTable('broker_wills', {
  clientId: text('client_id').primaryKey(),
  brokerId: text('broker_id').notNull(),
  fields: text('fields').notNull(),
  payload: blob('payload', { mode: 'buffer' }),
});
