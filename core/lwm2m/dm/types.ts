// What the protocol-independent device-management mapping takes and gives: an operation and what
// the registration says about the device in; a CoAP request description (a CoapOutgoingRequest
// without its peer) out; an answer in, a DeviceReply out.
import type { CoapMethod } from '../../coap/types.js';

export interface DmOperation {
  kind: string;
  args: Record<string, unknown>;
}

/** What the registration told about the device. */
export interface DmDevice {
  /** lwm2m= of the registration; '1.0' when absent */
  version: string;
  /** ct= of the registration's root link (one number, or several for `ct="60 110"`) */
  formatHint?: number | readonly number[];
  /** object versions from the registration (`</3303>;ver=1.1`); absent: 1.0 */
  objectVersions?: ReadonlyMap<number, string> | Readonly<Record<number, string>>;
  /** alternate root path from `</lwm2m>;rt="oma.lwm2m"`, e.g. '/lwm2m/'; default '/' */
  rootPath?: string;
}

/** A request to the device: CoapOutgoingRequest minus `peer` (and its timeout), plus how to send it. */
export interface DmRequest {
  method: CoapMethod;
  path: string[];
  query?: string[];
  contentFormat?: number;
  accept?: number;
  payload?: Buffer;
  /**
   * true: start an observation (CoapEndpoint.observe); false: end the one the adapter holds for
   * this path (CoapObservation.cancel(); this GET is the read to send when none is held).
   */
  observe?: boolean;
}

/** The device's answer as the endpoint gives it. */
export interface DmResponse {
  code: string;
  contentFormat: number | undefined;
  payload: Buffer | Uint8Array;
  /** Location-Path of a 2.01 Created (the new instance when the device chose its id) */
  locationPath?: string[];
}

/** Why an operation cannot become a request; `code` goes into the operation's error. */
export class DmRequestError extends Error {
  override readonly name = 'DmRequestError';
  constructor(readonly code: 'bad-args' | 'bad-value' | 'not-writable' | 'not-executable' | 'unknown-resource' | 'unsupported', message: string) {
    super(message);
  }
}
