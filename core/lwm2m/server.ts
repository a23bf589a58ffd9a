// The LwM2M server: one CoAP endpoint (one UDP socket, both directions) and a table from the
// first path segment to its handler. Device management adds its own (e.g. 'dp' for Send).
import { startCoapEndpoint } from '../coap/endpoint.js';
import type { CoapEndpoint, CoapOutgoingResponse, CoapRequestHandler } from '../coap/types.js';
import { createLwm2mRegistrar, type Lwm2mRegistrations, type RegistrarDeps, type RegistrarOptions } from './registration/registrations.js';
import { createRdHandler } from './registration/rd-handler.js';

export interface Lwm2mServerOptions {
  /** 0: any free port */
  port: number;
  host: string;
  registration?: RegistrarOptions;
  /** how long requests to devices wait for an answer; the endpoint's default when undefined */
  requestTimeoutMs?: number;
}

export interface Lwm2mServer {
  readonly port: number;
  readonly registrations: Lwm2mRegistrations;
  /** Requests to devices go out through this (the same socket devices register on). */
  readonly endpoint: CoapEndpoint;
  /** Serves requests whose first path segment is `segment` (e.g. 'dp'); 'rd' is taken. */
  route(segment: string, handler: CoapRequestHandler): void;
  /** A deleted or rejected device. */
  forget(uid: string): void;
  close(): Promise<void>;
}

const notFound = (path: string[]): CoapOutgoingResponse =>
  ({ code: '4.04', contentFormat: 0, payload: Buffer.from(`no resource /${path.join('/').slice(0, 80)}`, 'utf8') });

export async function startLwm2mServer(deps: RegistrarDeps, options: Lwm2mServerOptions): Promise<Lwm2mServer> {
  const registrar = createLwm2mRegistrar(deps, options.registration);
  const routes = new Map<string, CoapRequestHandler>([
    ['rd', createRdHandler(registrar)],
    // 'dp': Send (LwM2M 1.1), added by device management through route()
  ]);
  let endpoint: CoapEndpoint;
  try {
    endpoint = await startCoapEndpoint({
      port: options.port, host: options.host, requestTimeoutMs: options.requestTimeoutMs,
      handler: (request) => {
        const handler = request.path.length > 0 ? routes.get(request.path[0]!) : undefined;
        return handler ? handler(request) : notFound(request.path);
      },
      log: (message) => deps.log.warn(`coap: ${message}`),
    });
  } catch (e) {
    registrar.close();
    throw e;
  }
  return {
    port: endpoint.port,
    registrations: registrar,
    endpoint,
    route(segment, handler) {
      if (segment === 'rd') throw new Error('the path rd is the registration interface');
      routes.set(segment, handler);
    },
    forget: (uid) => registrar.forget(uid),
    async close() {
      registrar.close();
      await endpoint.close();
    },
  };
}
