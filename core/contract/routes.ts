// Every HTTP route of the API: the server registers handlers for these, builds the OpenAPI
// document from them, and the renderer calls them. No Node code here.
import { z } from 'zod';
import * as A from './api.js';
import * as M from './device-messages.js';
import * as O from './operations.js';
import * as I from './inventory.js';
import * as L from './lwm2m-registration.js';
import * as LO from './lwm2m-objects.js';

export type MinRole = 'public' | A.Role;

export interface RouteDef {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string; // hono style, e.g. /api/devices/:uid
  summary: string;
  minRole: MinRole;
  body?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
}

const Ok = z.object({ ok: z.literal(true) });

export const routes = {
  setupState: { method: 'get', path: '/api/setup', summary: 'Whether the owner account still has to be created', minRole: 'public', response: A.SetupState },
  setup: { method: 'post', path: '/api/setup', summary: 'Create the owner (admin) account and log in', minRole: 'public', body: A.SetupRequest, response: A.User },
  login: { method: 'post', path: '/api/login', summary: 'Log in; sets the session cookie', minRole: 'public', body: A.Credentials, response: A.User },
  logout: { method: 'post', path: '/api/logout', summary: 'Log out', minRole: 'public', response: Ok },
  me: { method: 'get', path: '/api/me', summary: 'The logged-in user', minRole: 'viewer', response: A.User },

  listUsers: { method: 'get', path: '/api/users', summary: 'All users', minRole: 'admin', response: z.array(A.User) },
  createUser: { method: 'post', path: '/api/users', summary: 'Create a user', minRole: 'admin', body: A.CreateUserRequest, response: A.User },
  updateUser: { method: 'patch', path: '/api/users/:id', summary: 'Change role, disable/enable, or reset password', minRole: 'admin', body: A.UpdateUserRequest, response: A.User },

  listDevices: { method: 'get', path: '/api/devices', summary: 'Devices, optionally filtered by ?q= (uid, name or tag)', minRole: 'viewer', query: z.object({ q: z.string().optional() }), response: z.array(A.Device) },
  createDevice: { method: 'post', path: '/api/devices', summary: 'Add a device; its MQTT token is returned only here', minRole: 'operator', body: A.CreateDeviceRequest, response: A.CreateDeviceResponse },
  getDevice: { method: 'get', path: '/api/devices/:uid', summary: 'One device', minRole: 'viewer', response: A.Device },
  updateDevice: { method: 'patch', path: '/api/devices/:uid', summary: 'Rename a device, change its tags or its expected reporting interval', minRole: 'operator', body: A.UpdateDeviceRequest, response: A.Device },
  deleteDevice: { method: 'delete', path: '/api/devices/:uid', summary: 'Delete a device and its data', minRole: 'admin', response: Ok },
  rotateToken: { method: 'post', path: '/api/devices/:uid/token', summary: 'Issue a new MQTT token (the old one stops working)', minRole: 'operator', response: A.MqttCredentials },
  listSeries: { method: 'get', path: '/api/devices/:uid/series', summary: 'Series of a device with latest values', minRole: 'viewer', response: z.array(A.Series) },
  updateSeries: { method: 'patch', path: '/api/devices/:uid/series/:key', summary: 'Set the unit of a series', minRole: 'operator', body: A.UpdateSeriesRequest, response: A.Series },
  getPoints: { method: 'get', path: '/api/devices/:uid/series/:key/points', summary: 'Points of a series in a range, downsampled to at most maxPoints buckets', minRole: 'viewer', query: A.PointsQuery, response: A.PointsResponse },
  listRawPoints: { method: 'get', path: '/api/devices/:uid/series/:key/raw', summary: 'Raw points of a series, newest first, paged by the next cursor', minRole: 'viewer', query: A.RawPointsQuery, response: A.RawPointsResponse },
  listEvents: { method: 'get', path: '/api/devices/:uid/events', summary: 'Events of a device, newest first; ?groups= filters by kind, ?before= (an id) pages', minRole: 'viewer', query: A.EventsQuery, response: z.array(A.DeviceEvent) },
  bulkDevices: { method: 'post', path: '/api/devices/bulk', summary: 'Tag, untag (operator) or delete (admin) up to 1000 devices in one transaction', minRole: 'operator', body: A.BulkDevicesRequest, response: A.BulkDevicesResponse },
  publishMessage: { method: 'post', path: '/api/devices/:uid/messages', summary: "Publish an MQTT message under the device's topic root (sent as Outpost, not taken as the device's data)", minRole: 'operator', body: M.PublishMessageRequest, response: M.PublishMessageResponse },

  getLwm2mRegistration: { method: 'get', path: '/api/devices/:uid/lwm2m/registration', summary: "An LwM2M device's current registration (address, lifetime, binding, version, objects); 404 when it is not registered", minRole: 'viewer', response: L.Lwm2mRegistrationView },
  getLwm2mObjects: { method: 'get', path: '/api/devices/:uid/lwm2m/objects', summary: "An LwM2M device's objects (from its registration, or its last one) with their models, the last known values and the observations Outpost holds", minRole: 'viewer', response: LO.Lwm2mDeviceObjects },
  approveDevice: { method: 'post', path: '/api/devices/:uid/approve', summary: 'Approve a pending device (an LwM2M endpoint that registered itself)', minRole: 'operator', response: A.Device },
  rejectDevice: { method: 'post', path: '/api/devices/:uid/reject', summary: 'Reject a pending device: it is deleted with its registration', minRole: 'operator', response: Ok },

  getInventory: { method: 'get', path: '/api/devices/:uid/inventory', summary: "The device's last known inventory (system, users, snaps) and its age", minRole: 'viewer', response: I.DeviceInventory },
  refreshInventory: { method: 'post', path: '/api/devices/:uid/inventory/refresh', summary: 'Ask an online device for fresh inventory (at most once every 30 s); the answer comes on the live stream', minRole: 'viewer', response: I.InventoryRefreshResponse },
  createOperation: { method: 'post', path: '/api/devices/:uid/operations', summary: 'Ask a device to do something; it waits in the queue while the device is away. ?wait= holds the answer until it has finished (seconds)', minRole: 'operator', body: O.CreateOperationRequest, query: O.CreateOperationQuery, response: O.Operation },
  listOperations: { method: 'get', path: '/api/operations', summary: 'Operations, newest first; filters device, state (comma-separated), kind, batch, from/to; ?before= (an id) pages', minRole: 'viewer', query: O.OperationsQuery, response: O.OperationsPage },
  getOperation: { method: 'get', path: '/api/operations/:id', summary: 'One operation with its whole history (requests, replies, progress)', minRole: 'viewer', response: O.OperationDetail },
  cancelOperation: { method: 'post', path: '/api/operations/:id/cancel', summary: 'Cancel a queued or sent operation', minRole: 'operator', response: O.Operation },
  retryOperation: { method: 'post', path: '/api/operations/:id/retry', summary: 'Run a finished operation again (a new operation that links to it)', minRole: 'operator', response: O.Operation },
  createBatch: { method: 'post', path: '/api/operation-batches', summary: 'The same operation for every device with a tag, or for a list of uids', minRole: 'operator', body: O.CreateBatchRequest, response: O.Batch },
  getBatch: { method: 'get', path: '/api/operation-batches/:id', summary: "A bulk operation with the summary of its devices' states", minRole: 'viewer', response: O.Batch },

  listAudit: { method: 'get', path: '/api/audit', summary: 'Audit log, newest first; filters actor, action, from/to; ?before= (an id) pages', minRole: 'admin', query: A.AuditQuery, response: z.array(A.AuditEntry) },
  auditFacets: { method: 'get', path: '/api/audit/facets', summary: 'Actors and actions present in the audit log (for filters)', minRole: 'admin', response: A.AuditFacets },
  getSettings: { method: 'get', path: '/api/settings', summary: 'Settings', minRole: 'viewer', response: A.SettingsResponse },
  updateSettings: { method: 'put', path: '/api/settings', summary: 'Change settings (ports apply after restart)', minRole: 'admin', body: A.UpdateSettingsRequest, response: A.SettingsResponse },
} as const satisfies Record<string, RouteDef>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type ResponseOf<N extends RouteName> = z.infer<Routes[N]['response']>;

/** Fills :params of a route path. */
export function routePath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(v));
  });
}

// Not in the table: GET /api/stream (Server-Sent Events of A.LiveMessage),
// GET /api/devices/:uid/messages/stream (Server-Sent Events of M.DeviceMessageEvent: the device's
// retained MQTT messages, then live ones; any logged-in user), GET /api/openapi.json, GET /api/health.
