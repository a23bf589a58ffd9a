import { z } from 'zod';
import { routes, type RouteDef } from '../contract/routes.js';

const toSchema = (s: z.ZodType, io: 'input' | 'output') => {
  try {
    return z.toJSONSchema(s, { io, unrepresentable: 'any' });
  } catch {
    return {};
  }
};

let cached: object | undefined;
/** routes that hash a password, and so may find the hash queue full */
const HASHING = new Set(['setup', 'login', 'createUser', 'updateUser']);
const retryAfter = {
  headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'seconds' } },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** OpenAPI 3.1 description of the routes table. */
export function openApiDocument(): object {
  if (cached) return cached;
  const paths: Record<string, Record<string, object>> = {};
  for (const [name, r] of Object.entries(routes) as Array<[string, RouteDef]>) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (r.query) {
      const props = (toSchema(r.query, 'input') as { properties?: Record<string, object>; required?: string[] });
      for (const [qn, schema] of Object.entries(props.properties ?? {})) {
        parameters.push({ name: qn, in: 'query', required: props.required?.includes(qn) ?? false, schema } as never);
      }
    }
    (paths[path] ??= {})[r.method] = {
      operationId: name,
      summary: r.summary,
      description: r.minRole === 'public' ? 'No login needed.' : `Needs the ${r.minRole} role or higher.`,
      parameters,
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } } } : {}),
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: toSchema(r.response, 'output') } } },
        400: { description: 'Invalid input', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        401: { description: 'Not logged in' },
        403: { description: 'Not allowed' },
        ...(name === 'login' ? { 429: { description: 'Too many failed logins; wait Retry-After seconds', ...retryAfter } } : {}),
        ...(HASHING.has(name) ? { 503: { description: 'Too many passwords being checked; wait Retry-After seconds', ...retryAfter } } : {}),
      },
    };
  }
  paths['/api/devices/{uid}/series/{key}/export.csv'] = { get: { operationId: 'exportCsv', summary: 'Every point of a series in [from, to) as CSV (time, ts_ms, value)', responses: { 200: { description: 'text/csv' } } } };
  paths['/api/devices/{uid}/messages/stream'] = { get: { operationId: 'deviceMessagesStream', summary: "A device's MQTT messages as Server-Sent Events: hello, its retained messages, synced, then live ones (message, dropped)", parameters: [{ name: 'uid', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'text/event-stream' }, 404: { description: 'No such device' }, 503: { description: 'The MQTT broker is not running' } } } };
  paths['/api/stream'] = { get: { operationId: 'stream', summary: 'Live changes as Server-Sent Events (device, points, event, device-deleted)', responses: { 200: { description: 'text/event-stream' } } } };
  cached = {
    openapi: '3.1.0',
    info: { title: 'Outpost API', version: '1' },
    components: {
      schemas: { Error: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'outpost_session' } },
    },
    security: [{ session: [] }],
    paths,
  };
  return cached;
}
