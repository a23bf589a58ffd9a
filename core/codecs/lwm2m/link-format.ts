// CoRE Link Format (content format 40, RFC 6690) as LwM2M uses it: the registration payload
// (</>;rt="oma.lwm2m";ct=110, </1/0>, </3/0>;ver=1.1), Discover answers with attributes
// (pmin, pmax, gt, lt, st, dim, ...), and the query string of Write-Attributes.
import { Lwm2mCodecError, parsePath, type Lwm2mPath } from './model.js';

/** A parameter without a value (";obs") is `true`; quoted values come unquoted. */
export type LinkParams = Record<string, string | true>;

export interface Link {
  uri: string;
  params: LinkParams;
}

const NAME = /[A-Za-z0-9!#$&+\-.^_`|~*]/;
const TOKEN = /^[A-Za-z0-9!#$%&'()*+\-.:/^_`|~]+$/;
/** RFC 6690 writes these as quoted strings whatever they hold. */
const ALWAYS_QUOTED = new Set(['rt', 'if', 'title', 'anchor', 'rel']);

export function decodeLinkFormat(bytes: Uint8Array | string): Link[] {
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Lwm2mCodecError('link-format: the payload is not UTF-8');
  }
  const links: Link[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new Lwm2mCodecError(`link-format: ${what} at character ${i}`);
  };
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  skipSpace();
  if (i === text.length) return links;
  for (;;) {
    skipSpace();
    if (text[i] !== '<') fail('expected "<"');
    const end = text.indexOf('>', i);
    if (end < 0) fail('"<" without ">"');
    const link: Link = { uri: text.slice(i + 1, end), params: {} };
    i = end + 1;
    skipSpace();
    while (text[i] === ';') {
      i++;
      skipSpace();
      const start = i;
      while (i < text.length && NAME.test(text[i]!)) i++;
      const name = text.slice(start, i);
      if (name === '') fail('expected a parameter name');
      let value: string | true = true;
      if (text[i] === '=') {
        i++;
        if (text[i] === '"') {
          let v = '';
          for (i++; text[i] !== '"'; i++) {
            if (i >= text.length) fail(`unterminated quoted value of "${name}"`);
            if (text[i] === '\\') i++; // a quoted pair: the next character as is
            v += text[i] ?? '';
          }
          i++;
          value = v;
        } else {
          const s = i;
          while (i < text.length && !/[;,\s]/.test(text[i]!)) i++;
          value = text.slice(s, i);
        }
      }
      if (Object.hasOwn(link.params, name)) fail(`parameter "${name}" given twice`);
      link.params[name] = value;
      skipSpace();
    }
    links.push(link);
    if (i >= text.length) return links;
    if (text[i] !== ',') fail('expected "," or ";"');
    i++;
  }
}

function formatParam(name: string, value: string | number | true): string {
  if (value === true) return name;
  const v = String(value);
  return ALWAYS_QUOTED.has(name) || !TOKEN.test(v) ? `${name}="${v.replace(/["\\]/g, '\\$&')}"` : `${name}=${v}`;
}

/** A link to write: attribute values may be numbers (pmin=10); `true` writes a bare flag. */
export interface LinkToWrite {
  uri: string;
  params?: Record<string, string | number | true>;
}

export function encodeLinkFormat(links: readonly LinkToWrite[]): Uint8Array {
  const text = links.map((l) => {
    if (/[<>]/.test(l.uri)) throw new Lwm2mCodecError(`link-format: the URI "${l.uri}" holds "<" or ">"`);
    return `<${l.uri}>` + Object.entries(l.params ?? {}).map(([k, v]) => `;${formatParam(k, v)}`).join('');
  }).join(',');
  return new TextEncoder().encode(text);
}

/** Write-Attributes query: {pmin: 10, gt: 21.5, pmax: null} → "pmin=10&gt=21.5&pmax" (no value clears it). */
export function encodeAttributesQuery(attributes: Record<string, string | number | null>): string {
  return Object.entries(attributes).map(([k, v]) => {
    if (!/^[a-z][a-z0-9_]*$/i.test(k)) throw new Lwm2mCodecError(`attributes: "${k}" is not an attribute name`);
    return v === null ? k : `${k}=${encodeURIComponent(String(v))}`;
  }).join('&');
}

export interface Registration {
  /** the alternate path from </path>;rt="oma.lwm2m", "/" when absent */
  rootPath: string;
  /** content formats the client announced with ct= on the root link (ct=110 or ct="60 110") */
  contentFormats: number[];
  /** every object and object instance link below the root, e.g. [3, 0] with {ver: "1.1"} */
  objects: { path: Lwm2mPath; params: LinkParams }[];
}

/** What a Register or Update payload says about the client. */
export function parseRegistration(bytes: Uint8Array | string): Registration {
  const links = decodeLinkFormat(bytes);
  const root = links.find((l) => l.params.rt === 'oma.lwm2m');
  const rootPath = root ? (root.uri.endsWith('/') ? root.uri : `${root.uri}/`) : '/';
  const ct = root?.params.ct;
  const contentFormats = typeof ct === 'string' ? ct.split(/\s+/).filter(Boolean).map((c) => {
    if (!/^[0-9]{1,5}$/.test(c)) throw new Lwm2mCodecError(`registration: ct "${ct}" is not a list of content formats`);
    return Number(c);
  }) : [];
  const objects = links.filter((l) => l !== root).map((l) => {
    if (!l.uri.startsWith(rootPath)) throw new Lwm2mCodecError(`registration: <${l.uri}> is outside the root ${rootPath}`);
    const path = parsePath(`/${l.uri.slice(rootPath.length)}`, `registration: <${l.uri}>`);
    if (path.length < 1 || path.length > 2) throw new Lwm2mCodecError(`registration: <${l.uri}> is not an object or object instance`);
    return { path, params: l.params };
  });
  return { rootPath, contentFormats, objects };
}
