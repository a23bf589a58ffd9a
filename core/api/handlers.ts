import { createHmac, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { routes, type RouteName } from '../contract/routes.js';
import type { MqttCredentials, User } from '../contract/api.js';
import { DomainError } from '../errors.js';
import { telemetryTopic, deviceRoot, isUnderDeviceRoot } from '../codecs/topics.js';
import { payloadBytes } from '../codecs/message-payload.js';
import type { ApiServices, Ctx } from './context.js';
import type { Handlers } from './handler-types.js';
import { setSessionCookie, clearSessionCookie, sessionToken } from './session-cookie.js';
import { bulkDevices } from './bulk-devices.js';
import { afterDeviceRemoved } from './device-removal.js';
import { operationHandlers } from './operation-handlers.js';
import { inventoryHandlers } from './inventory-handlers.js';
import { lwm2mHandlers } from './lwm2m-handlers.js';

export type { Handler, Handlers } from './handler-types.js';

const EVENTS_SHOWN = 200;
const AUDITED_PAYLOAD_CHARS = 200;

// Keyed by a secret that lives only as long as the process: equal hints show the same text was
// typed again, but 16 bits of a keyed hash cannot be turned back into it.
const hintKey = randomBytes(32);
const typedHint = (typed: string) => ({
  typedLength: typed.length,
  typedHint: createHmac('sha256', hintKey).update(typed).digest('hex').slice(0, 4),
});

export function createHandlers(s: ApiServices): Handlers {
  const actor = (u: User | undefined) => u?.username ?? 'anonymous';
  const device = (uid: string | undefined) => {
    const d = uid === undefined ? undefined : s.devices.get(uid);
    if (!d) throw new DomainError('not_found', `no device ${uid}`);
    return d;
  };
  const credentials = (uid: string, token: string): MqttCredentials => {
    const { host, port } = s.mqttEndpoint();
    const topic = telemetryTopic(uid);
    return {
      username: uid, token, host, port, telemetryTopic: topic,
      mosquittoPub: `mosquitto_pub -h ${host} -p ${port} -i '${uid}' -u '${uid}' -P '${token}' -q 1 -t '${topic}' -m '{"temperature":21.5}'`,
    };
  };
  const login = (c: Ctx, user: User) => {
    const { token, expiresAt } = s.sessions.create(user.id);
    setSessionCookie(c, token, expiresAt);
    return user;
  };

  return {
    setupState: () => ({ needsSetup: s.users.count() === 0 }),
    async setup({ body, source, c }) {
      if (s.users.count() > 0) throw new DomainError('conflict', 'setup is already done');
      const user = await s.users.createOwner(body.username, body.password);
      s.audit.record(user.username, 'setup', `user:${user.username}`, { role: 'admin' }, source);
      return login(c, user);
    },
    async login({ body, source, c }) {
      const attempt = s.loginThrottle.begin(body.username, source); // refused before any hashing
      let result: Awaited<ReturnType<typeof s.users.check>>;
      try {
        result = await s.users.check(body.username, body.password);
      } catch (e) {
        attempt.cancel(); // e.g. the hash queue was full: the password was never checked
        throw e;
      }
      if ('failure' in result) {
        attempt.failed();
        if (result.failure === 'unknown user') {
          // not a user: the typed text is often a password in the wrong field, so it is not stored
          s.audit.record('(unknown user)', 'login-failed', null, { reason: result.failure, ...typedHint(body.username) }, source);
        } else {
          s.audit.record(body.username, 'login-failed', `user:${body.username}`, { reason: result.failure }, source);
        }
        throw new DomainError('unauthorized', 'wrong username or password, or account disabled');
      }
      attempt.succeeded();
      s.audit.record(result.user.username, 'login', `user:${result.user.username}`, null, source);
      return login(c, result.user);
    },
    logout({ c }) {
      const token = sessionToken(c);
      if (token) s.sessions.revoke(token);
      clearSessionCookie(c);
      return { ok: true as const };
    },
    me: ({ user }) => user!,

    listUsers: () => s.users.list(),
    async createUser({ body, user, source }) {
      const created = await s.users.create(body.username, body.password, body.role);
      s.audit.record(actor(user), 'user-created', `user:${created.username}`, { role: created.role }, source);
      return created;
    },
    async updateUser({ body, params, user, source }) {
      const id = Number(params.id);
      if (!Number.isInteger(id)) throw new DomainError('invalid', 'user id must be a number');
      const updated = await s.users.update(id, body);
      // a new role applies to the next request, not after the session cache's recheck
      s.sessions.userChanged(id);
      // a disabled user or a new password ends the user's sessions
      if (body.disabled === true || body.password !== undefined) s.sessions.revokeUser(id);
      const detail = { ...body, password: body.password === undefined ? undefined : '(reset)' };
      s.audit.record(actor(user), 'user-updated', `user:${updated.username}`, detail, source);
      return updated;
    },

    listDevices: ({ query }) => s.devices.list(query.q),
    createDevice({ body, user, source }) {
      const { device: created, token } = s.devices.create(body);
      s.audit.record(actor(user), 'device-created', `device:${created.uid}`, { name: created.name, tags: created.tags, dialect: created.dialect }, source);
      return { device: created, credentials: credentials(created.uid, token) };
    },
    getDevice({ params }) {
      const { id: _, ...d } = device(params.uid);
      return d;
    },
    updateDevice({ params, body, user, source }) {
      const updated = s.devices.update(params.uid ?? '', body); // not_found for an unknown uid
      s.audit.record(actor(user), 'device-updated', `device:${updated.uid}`, body, source);
      return updated;
    },
    deleteDevice({ params, user, source }) {
      const d = device(params.uid);
      s.devices.remove(d.uid);
      afterDeviceRemoved(s, d);
      s.bus.publish({ type: 'device-deleted', uid: d.uid });
      s.audit.record(actor(user), 'device-deleted', `device:${d.uid}`, null, source);
      return { ok: true as const };
    },
    rotateToken({ params, user, source }) {
      const d = device(params.uid);
      const token = s.devices.rotateToken(d.uid);
      s.disconnectDevice(d.uid, 'disconnected by Outpost: a new token was issued');
      s.audit.record(actor(user), 'device-token-rotated', `device:${d.uid}`, null, source);
      return credentials(d.uid, token);
    },
    listSeries({ params }) {
      const d = device(params.uid);
      s.telemetry.flushLatest(); // latest values are otherwise written once a second
      return s.telemetryQuery.series(d.id);
    },
    updateSeries({ params, body, user, source }) {
      const d = device(params.uid);
      const updated = s.telemetryQuery.setUnit(d.id, params.key ?? '', body.unit);
      if (!updated) throw new DomainError('not_found', `device ${d.uid} has no series ${params.key}`);
      s.audit.record(actor(user), 'series-updated', `device:${d.uid}/${updated.key}`, { unit: body.unit }, source);
      return updated;
    },
    getPoints({ params, query }) {
      const d = device(params.uid);
      const key = params.key ?? '';
      const result = s.telemetryQuery.points(d.id, key, query.from, query.to, query.maxPoints);
      if (!result) throw new DomainError('not_found', `device ${d.uid} has no series ${key}`);
      return result;
    },
    listRawPoints({ params, query }) {
      const d = device(params.uid);
      const key = params.key ?? '';
      const page = s.telemetryQuery.raw(d.id, key, query);
      if (!page) throw new DomainError('not_found', `device ${d.uid} has no series ${key}`);
      return page;
    },
    listEvents: ({ params, query }) => s.devices.events(device(params.uid).uid, query.limit ?? EVENTS_SHOWN, query),
    bulkDevices: ({ body, user, source }) => bulkDevices(s, body, user, source),
    ...operationHandlers(s),
    ...inventoryHandlers(s),
    ...lwm2mHandlers(s),
    async publishMessage({ params, body, user, source }) {
      const d = device(params.uid);
      if (!isUnderDeviceRoot(d.uid, body.topic)) {
        throw new DomainError('invalid', `the topic must be under ${deviceRoot(d.uid)}/, the device's own topic root`);
      }
      const bytes = payloadBytes(body.payload, body.encoding);
      if ('error' in bytes) throw new DomainError('invalid', bytes.error);
      const messages = s.deviceMessages();
      if (!messages) throw new DomainError('busy', 'the MQTT broker is not running (see Settings)');
      await messages.publish(body.topic, bytes, body.qos, body.retain);
      const preview = body.payload.length > AUDITED_PAYLOAD_CHARS ? `${body.payload.slice(0, AUDITED_PAYLOAD_CHARS)}…` : body.payload;
      s.audit.record(actor(user), 'message-published', `device:${d.uid}`,
        { topic: body.topic, qos: body.qos, retain: body.retain, bytes: bytes.length, encoding: body.encoding, payload: preview }, source);
      return { topic: body.topic, bytes: bytes.length, qos: body.qos, retain: body.retain };
    },

    listAudit: ({ query }) => s.audit.list(query.limit, query),
    auditFacets: () => s.audit.facets(),
    getSettings: () => ({ settings: s.settings.get(), running: s.running() }),
    async updateSettings({ body, user, source }) {
      const before = s.settings.get();
      const after = s.settings.update(body);
      // e.g. a new DDF folder: loaded before the answer, so its problems are in it
      await s.settingsChanged();
      const changed = Object.fromEntries(Object.entries(body).filter(([k, v]) => before[k as keyof typeof before] !== v));
      s.audit.record(actor(user), 'settings-changed', 'settings', changed, source);
      return { settings: after, running: s.running() };
    },
  };
}
