import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { routes, type RouteDef, type RouteName } from '../contract/routes.js';
import { DomainError } from '../errors.js';
import type { ApiServices, Env, Ctx } from './context.js';
import { createHandlers, type Handler } from './handlers.js';
import { originGuard } from './guard.js';
import { sessionToken } from './session-cookie.js';
import { liveStream } from './live-stream.js';
import { openApiDocument } from './openapi.js';
import { serveUi } from './static.js';
import { exportCsv } from './export-csv.js';

const rank = { public: 0, viewer: 1, operator: 2, admin: 3 } as const;
const statusOf = { not_found: 404, conflict: 409, invalid: 400, forbidden: 403, unauthorized: 401 } as const;
const MAX_BODY_BYTES = 64 * 1024;

export function createApi(services: ApiServices, options: { loopbackOnly: () => boolean; uiDir: string | undefined }): Hono<Env> {
  const app = new Hono<Env>();
  const handlers = createHandlers(services);

  app.use('*', originGuard(options.loopbackOnly));
  app.use('/api/*', async (c, next) => {
    const token = sessionToken(c);
    c.set('user', token ? services.sessions.resolve(token) : undefined);
    await next();
    c.header('Cache-Control', 'no-store');
  });

  for (const [name, route] of Object.entries(routes) as Array<[RouteName, RouteDef]>) {
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      const user = c.get('user');
      if (route.minRole !== 'public') {
        if (!user) return c.json({ error: 'log in first' }, 401);
        if (rank[user.role] < rank[route.minRole]) {
          return c.json({ error: `${route.summary}: needs the ${route.minRole} role, you are ${user.role}` }, 403);
        }
      }
      const body = route.body ? parse(route.body, await readJson(c), 'body') : undefined;
      const query = route.query ? parse(route.query, c.req.query(), 'query') : undefined;
      const handler = handlers[name] as Handler<RouteName>;
      const result = await handler({ body, query, params: c.req.param() as Record<string, string>, user, c } as never);
      return c.json(result as object);
    });
  }

  app.get('/api/devices/:uid/series/:key/export.csv', (c) => (c.get('user') ? exportCsv(c, services) : c.json({ error: 'log in first' }, 401)));
  app.get('/api/stream', (c) => (c.get('user') ? liveStream(c, services.bus) : c.json({ error: 'log in first' }, 401)));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.all('/api/*', (c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));
  if (options.uiDir) app.get('*', serveUi(options.uiDir));

  app.onError((err, c) => {
    if (err instanceof DomainError) return c.json({ error: err.message }, statusOf[err.code]);
    if (err instanceof HTTPException) return c.json({ error: err.message }, err.status);
    services.log.error(`api: ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return c.json({ error: 'internal error; see the Outpost log' }, 500);
  });
  return app;
}

async function readJson(c: Ctx): Promise<unknown> {
  const length = Number(c.req.header('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) throw new HTTPException(413, { message: `body larger than ${MAX_BODY_BYTES} bytes` });
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw new HTTPException(413, { message: `body larger than ${MAX_BODY_BYTES} bytes` });
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HTTPException(400, { message: 'body is not valid JSON' });
  }
}

function parse(schema: z.ZodType, input: unknown, where: string): unknown {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const message = result.error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  throw new HTTPException(400, { message: `invalid ${where}: ${message}` });
}
