// The server's observations of this device (RFC 7641 + TS Core §5.5): notify on change as the
// attributes allow (pmin/pmax/gt/lt/st), and at pmax even without change. Each observation writes
// to its own notification stream; the client cancels it on GET Observe=1, a reset, or a failure.
import { formatPath, type Lwm2mPath } from '../../core/codecs/lwm2m/index.js';
import { crossesThresholds, type AttributeStore, type Attributes } from './attributes.js';
import type { DeviceManagement, DmResponse } from './dm.js';
import { Refusal } from './objects/types.js';

/** Where notifications go (node-coap's ObserveWriteStream in the client). */
export interface NotificationSink {
  notify(response: DmResponse): void;
  /** the observation ended from this side (an error, a deleted instance) */
  close(response?: DmResponse): void;
}

interface Observation {
  token: string;
  paths: Lwm2mPath[];
  composite: boolean;
  format: number | undefined;
  sink: NotificationSink;
  lastSentAt: number;
  lastNumber: number | undefined;
  due?: NodeJS.Timeout;
  pmaxTimer?: NodeJS.Timeout;
}

function overlaps(a: Lwm2mPath, b: Lwm2mPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class Observations {
  private readonly byToken = new Map<string, Observation>();

  constructor(
    private readonly dm: DeviceManagement,
    private readonly attributes: AttributeStore,
    /** the Server object's default pmin/pmax */
    private readonly defaults: () => { pmin: number; pmax: number },
    /** called before a notification leaves: a sleeping device wakes */
    private readonly beforeNotify: () => void,
  ) {}

  get size(): number {
    return this.byToken.size;
  }

  paths(): string[] {
    return [...this.byToken.values()].map((o) => o.paths.map(formatPath).join(','));
  }

  /** Starts an observation whose first answer (`first`) the caller already sent. */
  add(token: string, paths: Lwm2mPath[], composite: boolean, format: number | undefined, sink: NotificationSink): void {
    this.cancel(token);
    const o: Observation = { token, paths, composite, format, sink, lastSentAt: Date.now(), lastNumber: this.numberAt(paths, composite) };
    this.byToken.set(token, o);
    this.armPmax(o);
  }

  cancel(token: string): boolean {
    const o = this.byToken.get(token);
    if (!o) return false;
    clearTimeout(o.due);
    clearTimeout(o.pmaxTimer);
    this.byToken.delete(token);
    return true;
  }

  cancelAll(): void {
    for (const token of [...this.byToken.keys()]) this.cancel(token);
  }

  private attrs(o: Observation): Attributes {
    // composite observations use the defaults: attributes are per path
    return this.attributes.effective(o.composite ? [] : o.paths[0]!, this.defaults());
  }

  private numberAt(paths: Lwm2mPath[], composite: boolean): number | undefined {
    if (composite || paths[0]!.length < 3) return undefined;
    const v = this.dm.store.get(paths[0]!);
    return typeof v === 'number' ? v : undefined;
  }

  private armPmax(o: Observation): void {
    clearTimeout(o.pmaxTimer);
    const { pmax, pmin = 0 } = this.attrs(o);
    if (pmax === undefined || pmax <= 0) return;
    o.pmaxTimer = setTimeout(() => this.send(o), Math.max(pmax, pmin) * 1000);
  }

  /** A value at `path` changed (or an instance appeared or went). */
  changed(path: Lwm2mPath): void {
    if (this.byToken.size === 0) return;
    for (const o of this.byToken.values()) {
      if (o.due || !o.paths.some((p) => overlaps(p, path))) continue;
      const attrs = this.attrs(o);
      const now = this.numberAt(o.paths, o.composite);
      if (now !== undefined && !crossesThresholds(attrs, o.lastNumber, now)) continue;
      const wait = Math.max(0, o.lastSentAt + (attrs.pmin ?? 0) * 1000 - Date.now());
      o.due = setTimeout(() => this.send(o), wait);
    }
  }

  private send(o: Observation): void {
    clearTimeout(o.due);
    o.due = undefined;
    if (this.byToken.get(o.token) !== o) return;
    let response: DmResponse;
    try {
      response = o.composite ? this.dm.encodeComposite(o.paths, o.format) : this.dm.encodeRead(o.paths[0]!, o.format);
    } catch (e) {
      // the observed thing is gone: end with its error code
      this.cancel(o.token);
      o.sink.close(e instanceof Refusal ? { code: e.code, payload: new TextEncoder().encode(e.message) } : { code: '5.00' });
      return;
    }
    this.beforeNotify();
    o.lastSentAt = Date.now();
    o.lastNumber = this.numberAt(o.paths, o.composite);
    o.sink.notify(response);
    this.armPmax(o);
  }
}
