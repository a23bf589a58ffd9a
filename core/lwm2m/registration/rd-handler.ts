// The registration interface on CoAP: POST /rd (Register), POST /rd/{id} (Update), DELETE /rd/{id}
// (De-register). Refusals carry a short text payload that says why.
import type { CoapIncomingRequest, CoapOutgoingResponse, CoapRequestHandler } from '../../coap/types.js';
import { RdError, type Lwm2mRegistrar } from './registrations.js';

const TEXT_PLAIN = 0;
const said = (code: CoapOutgoingResponse['code'], message: string): CoapOutgoingResponse =>
  ({ code, contentFormat: TEXT_PLAIN, payload: Buffer.from(message, 'utf8') });

/** Serves requests whose path starts with "rd". */
export function createRdHandler(registrar: Lwm2mRegistrar): CoapRequestHandler {
  return async (request: CoapIncomingRequest): Promise<CoapOutgoingResponse> => {
    const { method, path, peer } = request;
    try {
      if (path.length === 1) {
        if (method !== 'POST') return said('4.05', `${method} is not allowed on /rd: POST registers`);
        const { registrationId } = await registrar.register(peer, request.query, request.payload, request.contentFormat);
        return { code: '2.01', locationPath: ['rd', registrationId] };
      }
      if (path.length === 2) {
        const id = path[1]!;
        if (method === 'POST') {
          await registrar.update(id, peer, request.query, request.payload, request.contentFormat);
          return { code: '2.04' };
        }
        if (method === 'DELETE') {
          await registrar.deregister(id, peer);
          return { code: '2.02' };
        }
        return said('4.05', `${method} is not allowed on /rd/{id}: POST updates, DELETE de-registers`);
      }
      return said('4.04', `no resource /${path.join('/').slice(0, 80)}`);
    } catch (e) {
      if (e instanceof RdError) return said(e.code, e.message);
      throw e; // the endpoint answers 5.00
    }
  };
}
