// Write-Attributes (TS Core: <NOTIFICATION> attributes, Write-Attributes): notification attributes travel as Uri-Query segments
// ("pmin=10", "gt=21.5"); a name without a value ("pmax") removes that attribute.
import { Lwm2mCodecError } from './model.js';

export const INTEGER_ATTRIBUTES = ['pmin', 'pmax', 'epmin', 'epmax'] as const;
export const NUMBER_ATTRIBUTES = ['gt', 'lt', 'st'] as const;
export type AttributeName = (typeof INTEGER_ATTRIBUTES)[number] | (typeof NUMBER_ATTRIBUTES)[number];

/** A value sets the attribute, null removes it, absent leaves it as it is. */
export type WriteAttributes = Partial<Record<AttributeName, number | null>>;

const INTEGER = new Set<string>(INTEGER_ATTRIBUTES);
const NUMBER = new Set<string>(NUMBER_ATTRIBUTES);
const ORDER: readonly AttributeName[] = ['pmin', 'pmax', 'gt', 'lt', 'st', 'epmin', 'epmax'];

function checkValue(name: AttributeName, value: number): number {
  if (!Number.isFinite(value)) throw new Lwm2mCodecError(`attributes: ${name}=${value} is not a finite number`);
  if (INTEGER.has(name) && (!Number.isInteger(value) || value < 0 || value > 0xffffffff)) {
    throw new Lwm2mCodecError(`attributes: ${name}=${value} is not a whole number of seconds 0..4294967295`);
  }
  if (name === 'st' && value < 0) throw new Lwm2mCodecError(`attributes: st=${value} is negative (a step is a size)`);
  return value;
}

/** The rules between attributes that are set together (TS Core, <NOTIFICATION> attributes). */
function checkTogether(a: WriteAttributes): void {
  const num = (n: AttributeName): number | undefined => (typeof a[n] === 'number' ? (a[n] as number) : undefined);
  const [pmin, pmax, epmin, epmax, gt, lt, st] = [num('pmin'), num('pmax'), num('epmin'), num('epmax'), num('gt'), num('lt'), num('st')];
  if (pmin !== undefined && pmax !== undefined && pmax < pmin) throw new Lwm2mCodecError(`attributes: pmax (${pmax}) is less than pmin (${pmin})`);
  if (epmin !== undefined && epmax !== undefined && epmax <= epmin) throw new Lwm2mCodecError(`attributes: epmax (${epmax}) is not greater than epmin (${epmin})`);
  if (lt !== undefined && gt !== undefined) {
    if (lt >= gt) throw new Lwm2mCodecError(`attributes: lt (${lt}) is not less than gt (${gt})`);
    if (st !== undefined && lt + 2 * st >= gt) throw new Lwm2mCodecError(`attributes: lt + 2 × st (${lt + 2 * st}) is not less than gt (${gt})`);
  }
}

/** Query segments for a Write-Attributes request, in a fixed order; throws on a bad value. */
export function encodeWriteAttributes(attributes: WriteAttributes): string[] {
  const query: string[] = [];
  for (const name of Object.keys(attributes)) {
    if (!INTEGER.has(name) && !NUMBER.has(name)) throw new Lwm2mCodecError(`attributes: "${name}" is not pmin, pmax, gt, lt, st, epmin or epmax`);
  }
  for (const name of ORDER) {
    const value = attributes[name];
    if (value === undefined) continue;
    query.push(value === null ? name : `${name}=${checkValue(name, value)}`);
  }
  if (query.length === 0) throw new Lwm2mCodecError('attributes: nothing to write');
  checkTogether(attributes);
  return query;
}

/** Query segments (['pmin=10', 'pmax']) or one query string ("pmin=10&pmax") → attributes. */
export function decodeWriteAttributes(query: readonly string[] | string): WriteAttributes {
  const segments = typeof query === 'string' ? (query === '' ? [] : query.split('&')) : query;
  const out: WriteAttributes = {};
  for (const segment of segments) {
    const eq = segment.indexOf('=');
    const name = eq < 0 ? segment : segment.slice(0, eq);
    const text = eq < 0 ? undefined : segment.slice(eq + 1);
    if (!INTEGER.has(name) && !NUMBER.has(name)) throw new Lwm2mCodecError(`attributes: "${name}" is not pmin, pmax, gt, lt, st, epmin or epmax`);
    const key = name as AttributeName;
    if (Object.hasOwn(out, key)) throw new Lwm2mCodecError(`attributes: "${name}" is given twice`);
    if (text === undefined) {
      out[key] = null;
      continue;
    }
    // plain decimal numbers only: "0x10", "1e3", "" or " 5" are refused rather than guessed
    const pattern = INTEGER.has(name) ? /^[0-9]+$/ : /^-?[0-9]+(\.[0-9]+)?$/;
    if (!pattern.test(text)) throw new Lwm2mCodecError(`attributes: ${name}="${text}" is not a${INTEGER.has(name) ? ' whole number of seconds' : ' decimal number'}`);
    out[key] = checkValue(key, Number(text));
  }
  checkTogether(out);
  return out;
}
