// Send (POST /dp, LwM2M 1.1): a registered device reports values on its own. The values become
// telemetry and known values (and device logs), committed before the 2.04; an unknown sender gets
// 4.04 (it must register first), a payload that cannot be read 4.00 with the reason, a format that
// does not name its values 4.15.
import type { CoapOutgoingResponse, CoapRequestHandler } from '../coap/types.js';
import type { Logger } from '../log.js';
import { sendRecords } from './dm/index.js';
import type { ModelRegistry } from './models/registry.js';
import { dmDeviceOf } from './operations-transport.js';
import type { Lwm2mRegistrations } from './registration/registrations.js';
import type { Lwm2mReporting } from './reporting.js';

export interface SendHandlerDeps {
  registrations: Lwm2mRegistrations;
  reporting: Lwm2mReporting;
  log: Logger;
  models(): ModelRegistry;
}

const text = (code: CoapOutgoingResponse['code'], message: string): CoapOutgoingResponse =>
  ({ code, contentFormat: 0, payload: Buffer.from(message.slice(0, 200), 'utf8') });

/** Unknown senders are logged at most once a minute (a flood from one address must not fill the log). */
const LOG_EVERY_MS = 60_000;

export function createSendHandler(deps: SendHandlerDeps): CoapRequestHandler {
  let lastLogged = 0;
  let unlogged = 0;
  return async (request) => {
    if (request.method !== 'POST') return text('4.05', 'Send is a POST to /dp');
    const uid = deps.registrations.findByPeer(request.peer);
    const registration = uid === undefined ? undefined : deps.registrations.get(uid);
    if (uid === undefined || !registration) {
      const now = Date.now();
      if (now - lastLogged >= LOG_EVERY_MS) {
        deps.log.warn(`lwm2m: Send from ${request.peer.address}:${request.peer.port}, which is not registered, refused${unlogged ? ` (and ${unlogged} more since the last line)` : ''}`);
        lastLogged = now;
        unlogged = 0;
      } else unlogged++;
      return text('4.04', 'not registered: register first, then Send');
    }
    if (registration.pending) return text('4.03', 'this device waits for approval in Outpost');
    deps.registrations.uplink(uid, request.peer);
    const device = dmDeviceOf(registration);
    const records = sendRecords(request.contentFormat, request.payload, deps.models(), device);
    if (!records.ok) return text(records.error.code === 'unsupported-format' ? '4.15' : '4.00', records.error.message);
    await deps.reporting.records(uid, records.records, 'send', Date.now(), device);
    return { code: '2.04' };
  };
}
