// Which content format to ask a client for (the Accept of a Read/Observe, the format of a Write).
// LwM2M 1.0 clients must speak TLV; 1.1+ clients prefer SenML CBOR, then SenML JSON (Zephyr's
// defaults). A ct= hint in the registration narrows the choice to what the client announced.
import { CT } from './registry.js';

const PREFERENCE_1_0 = [CT.TLV, CT.LWM2M_JSON];
const PREFERENCE_1_1 = [CT.SENML_CBOR, CT.SENML_JSON, CT.TLV, CT.LWM2M_JSON];

/** "1.0", "1.1", "1.2"…; an absent lwm2m= parameter means 1.0. */
function isAtLeast1_1(version: string | undefined): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '1.0');
  return m !== null && (Number(m[1]) > 1 || (Number(m[1]) === 1 && Number(m[2]) >= 1));
}

/**
 * Content formats to request, best first; the rest are fall-backs after a 4.06/4.15 answer.
 * `announced`: the ct= of the registration's root link (Registration.contentFormats).
 */
export function requestFormats(lwm2mVersion: string | undefined, announced: readonly number[] = []): number[] {
  if (!isAtLeast1_1(lwm2mVersion)) {
    // TLV is mandatory in 1.0; LwM2M JSON only when announced
    return PREFERENCE_1_0.filter((f) => f === CT.TLV || announced.includes(f));
  }
  const known = PREFERENCE_1_1.filter((f) => announced.includes(f));
  return known.length > 0 ? known : [CT.SENML_CBOR, CT.SENML_JSON];
}

/** The one format to request. */
export function chooseRequestFormat(lwm2mVersion: string | undefined, announced: readonly number[] = []): number {
  return requestFormats(lwm2mVersion, announced)[0]!;
}
