import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routes, type RouteDef, type RouteName } from '../contract/routes.js';
import { DomainError } from '../errors.js';
import type { ApiServices, Env } from './context.js';
import { InvalidInput, parse, readJson } from './input.js';
import { createHandlers, type Handler } from './handlers.js';
import { originGuard } from './guard.js';
import { sessionToken } from './session-cookie.js';
import { liveStream } from './live-stream.js';
import { deviceMessageStream } from './device-message-stream.js';
import { openApiDocument } from './openapi.js';
import { serveUi } from './static.js';
import { exportCsv } from './export-csv.js';
import { bodyLimit, ClientGone } from './body-limit.js';
import { clientAddress } from './client-address.js';
import { addResponseHeaders } from './response-headers.js';

const NO_STORE = [['Cache-Control', 'no-store']] as const;
const rank = { public: 0, viewer: 1, operator: 2, admin: 3 } as const;
const statusOf = { not_found: 404, conflict: 409, invalid: 400, forbidden: 403, unauthorized: 401, rate_limited: 429, busy: 503 } as const;

export function createApi(services: ApiServices, options: { loopbackOnly: () => boolean; uiDir: string | undefined }): Hono<Env> {
  const app = new Hono<Env>();
  const handlers = createHandlers(services);

  // first, so that every path, even one refused or unknown, is under the body limit
  app.use('*', bodyLimit());
  app.use('*', originGuard(options.loopbackOnly));
  app.use('/api/*', async (c, next) => {
    const token = sessionToken(c);
    c.set('user', token ? services.sessions.resolve(token) : undefined);
    await next();
    addResponseHeaders(c, NO_STORE);
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
      const result = await handler({ body, query, params: c.req.param() as Record<string, string>, user, source: clientAddress(c), c } as never);
      return c.json(result as object);
    });
  }

  // outside the routes table (not JSON), for any logged-in user
  const loggedIn: MiddlewareHandler<Env> = async (c, next) => (c.get('user') ? next() : c.json({ error: 'log in first' }, 401));
  app.get('/api/devices/:uid/series/:key/export.csv', loggedIn, (c) => exportCsv(c, services));
  app.get('/api/stream', loggedIn, (c) => liveStream(c, services.bus));
  app.get('/api/devices/:uid/messages/stream', loggedIn, (c) => deviceMessageStream(c, services));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.all('/api/*', (c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));
  if (options.uiDir) app.get('*', serveUi(options.uiDir));

  app.onError((err, c) => {
    if (err instanceof DomainError) {
      if (err.retryAfterSec !== undefined) c.header('Retry-After', String(err.retryAfterSec));
      return c.json({ error: err.message }, statusOf[err.code]);
    }
    if (err instanceof InvalidInput) return c.json({ error: err.message, details: err.issues }, 400);
    if (err instanceof HTTPException) return c.json({ error: err.message }, err.status);
    if (err instanceof ClientGone) {
      // a hang-up mid-upload is the client's business; nobody is left to read this answer
      services.log.debug(`api: ${c.req.method} ${c.req.path}: ${err.message}`);
      return c.json({ error: err.message }, 400);
    }
    services.log.error(`api: ${c.req.method} ${c.req.path}: ${err.message}`, err.stack);
    return c.json({ error: 'internal error; see the Outpost log' }, 500);
  });
  return app;
}
