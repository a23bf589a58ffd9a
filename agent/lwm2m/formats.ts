// Which content formats the simulated device speaks, by LwM2M version: 1.0 devices know TLV,
// text, opaque and LwM2M JSON; 1.1 adds SenML JSON/CBOR and CBOR. Defaults: TLV / SenML CBOR.
import { CT } from '../../core/codecs/lwm2m/index.js';

export type Lwm2mVersion = '1.0' | '1.1';

const FORMATS: Record<Lwm2mVersion, readonly number[]> = {
  '1.0': [CT.TEXT, CT.OPAQUE, CT.TLV, CT.LWM2M_JSON],
  '1.1': [CT.TEXT, CT.OPAQUE, CT.CBOR, CT.TLV, CT.LWM2M_JSON, CT.SENML_JSON, CT.SENML_CBOR],
};

/** formats that hold a single value only */
export const SINGLE_VALUE_FORMATS: ReadonlySet<number> = new Set([CT.TEXT, CT.OPAQUE, CT.CBOR]);
/** formats for Read-Composite, Write-Composite, Observe-Composite and Send */
export const COMPOSITE_FORMATS: ReadonlySet<number> = new Set([CT.SENML_JSON, CT.SENML_CBOR]);

export function supportsFormat(version: Lwm2mVersion, format: number): boolean {
  return FORMATS[version].includes(format);
}

export function defaultFormat(version: Lwm2mVersion): number {
  return version === '1.0' ? CT.TLV : CT.SENML_CBOR;
}
