// What the Register and Update requests say (TS Core §5.3): the query parameters and the
// link-format list of objects and instances (Security is never listed).
import { encodeLinkFormat, type LinkToWrite } from '../../core/codecs/lwm2m/index.js';
import { defaultFormat, type Lwm2mVersion } from './formats.js';
import type { ObjectStore } from './store.js';

export interface RegistrationParams {
  endpoint: string;
  lifetime: number;
  version: Lwm2mVersion;
  queueMode: boolean;
}

/** ep, lt, lwm2m, b (1.0 queue mode: b=UQ; 1.1: b=U and a bare Q). */
export function registerQuery(p: RegistrationParams): string {
  const parts = [`ep=${encodeURIComponent(p.endpoint)}`, `lt=${p.lifetime}`, `lwm2m=${p.version}`];
  parts.push(p.queueMode && p.version === '1.0' ? 'b=UQ' : 'b=U');
  if (p.queueMode && p.version !== '1.0') parts.push('Q');
  return parts.join('&');
}

/** </>;rt="oma.lwm2m";ct=…, then </1/0>, </3/0>, </3303/0>;ver=… (ver only when not 1.0). */
export function objectLinks(store: ObjectStore, lwm2mVersion: Lwm2mVersion): Uint8Array {
  const links: LinkToWrite[] = [{ uri: '/', params: { rt: 'oma.lwm2m', ct: defaultFormat(lwm2mVersion) } }];
  for (const [def, instances] of store.objects()) {
    if (def.hidden) continue;
    const version = def.version?.(lwm2mVersion);
    const ver = version && version !== '1.0' ? { ver: version } : undefined;
    if (instances.length === 0) links.push({ uri: `/${def.id}`, ...(ver ? { params: ver } : {}) });
    instances.forEach((i, n) => links.push({ uri: `/${def.id}/${i}`, ...(ver && n === 0 ? { params: ver } : {}) }));
  }
  return encodeLinkFormat(links);
}

/** When to send the next Update: at 90 % of the lifetime or 10 s before it ends, whichever is sooner, at least 1 s. */
export function updateDelayMs(lifetimeS: number): number {
  return Math.max(1000, Math.min(lifetimeS * 900, (lifetimeS - 10) * 1000));
}
