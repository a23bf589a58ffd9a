// Routes of the hash router and their addresses: #/devices, #/devices/UID, #/devices/UID/TAB,
// #/operations, #/operations/batch/N, #/users, #/audit, #/settings. Pure (no React): the early
// requests (early-requests.ts) read the address with it before React is evaluated.

export type Route =
  | { name: 'devices' }
  | { name: 'device'; uid: string; tab?: string }
  /** batch: only the operations of one bulk operation, with its summary */
  | { name: 'operations'; batch?: number }
  | { name: 'users' }
  | { name: 'audit' }
  | { name: 'settings' }
  | { name: 'notFound'; path: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/devices';
  const parts = path.split('/').filter(Boolean).map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  const [first, second, ...rest] = parts;
  if (first === 'devices' && second !== undefined && rest.length === 1) return { name: 'device', uid: second, tab: rest[0]! };
  if (first === 'operations' && second === 'batch' && rest.length === 1 && /^[1-9][0-9]{0,15}$/.test(rest[0]!)) return { name: 'operations', batch: Number(rest[0]) };
  if (rest.length === 0) {
    if (first === 'devices' && second === undefined) return { name: 'devices' };
    if (first === 'devices' && second !== undefined) return { name: 'device', uid: second };
    if (second === undefined && (first === 'users' || first === 'audit' || first === 'settings' || first === 'operations')) return { name: first };
  }
  return { name: 'notFound', path };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'device': return `#/devices/${encodeURIComponent(route.uid)}${route.tab ? `/${encodeURIComponent(route.tab)}` : ''}`;
    case 'operations': return route.batch === undefined ? '#/operations' : `#/operations/batch/${route.batch}`;
    case 'notFound': return `#${route.path}`;
    default: return `#/${route.name}`;
  }
}
