// snapd's REST answers (the JSON envelope of /run/snapd.socket) into Outpost's inventory shapes.
// Used by the device agent (its snapd client) and by core for the seed agent's dialect, which
// forwards snapd's whole JSON response as a string. Pure: text or parsed JSON in, values out.
//
// Envelope (snapd daemon/response.go): {type: sync|async|error, status-code, status, result,
// change (async), sources, maintenance {kind, message}, warning-count, warning-timestamp}.
// Errors carry result {message, kind?, value?}; value is a string or an object depending on kind
// and snapd version, so it is kept as unknown. snapd's kind and message are passed on verbatim.
import { z } from 'zod';
import type { InventoryService, InventorySnap, InventoryUser, SnapdSystemInfo } from '../contract/inventory.js';

/** Our own kind for an answer that is not a snapd envelope at all (snapd's kinds never use it). */
export const INVALID_SNAPD_RESPONSE = 'invalid-snapd-response';

export interface SnapdMaintenance {
  kind: string;
  message: string;
}

/** What went wrong: snapd's own error (kind may be absent: many snapd errors have none), or ours. */
export interface SnapdErrorInfo {
  kind: string | undefined;
  message: string;
  value?: unknown;
  statusCode?: number;
  maintenance?: SnapdMaintenance;
}

interface EnvelopeMeta {
  statusCode: number;
  status?: string;
  maintenance?: SnapdMaintenance;
  warningCount?: number;
  warningTimestamp?: string;
}
export type SnapdEnvelope =
  | (EnvelopeMeta & { type: 'sync'; result: unknown; sources?: string[] })
  | (EnvelopeMeta & { type: 'async'; change: string; result: unknown })
  | (EnvelopeMeta & { type: 'error'; error: SnapdErrorInfo });

export type SnapdOutcome<T> = { ok: true; value: T; maintenance?: SnapdMaintenance } | { ok: false; error: SnapdErrorInfo };

const Maintenance = z.object({ kind: z.string(), message: z.string() });
const ErrorResult = z.object({ message: z.string(), kind: z.string().optional(), value: z.unknown().optional() });
const RawEnvelope = z.object({
  type: z.enum(['sync', 'async', 'error']),
  'status-code': z.number().int(),
  status: z.string().optional(),
  result: z.unknown().optional(),
  change: z.string().optional(),
  sources: z.array(z.string()).optional(),
  maintenance: Maintenance.optional(),
  'warning-count': z.number().optional(),
  'warning-timestamp': z.string().optional(),
});

const invalid = (message: string): { ok: false; error: SnapdErrorInfo } => ({
  ok: false,
  error: { kind: INVALID_SNAPD_RESPONSE, message },
});

/** JSON text (string or bytes) or already parsed JSON. */
export type SnapdInput = string | Uint8Array | unknown;

function toJson(input: SnapdInput): { ok: true; json: unknown } | { ok: false; reason: string } {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return { ok: true, json: input };
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, reason: `snapd response is not valid JSON (${(e as Error).message})` };
  }
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/**
 * Reads the envelope. Fails only when the input is not a snapd envelope; an error envelope is a
 * successful decode with type 'error' (use snapdResult to turn it into a failure).
 */
export function decodeSnapdEnvelope(input: SnapdInput): SnapdOutcome<SnapdEnvelope> {
  const parsed = toJson(input);
  if (!parsed.ok) return invalid(parsed.reason);
  const raw = RawEnvelope.safeParse(parsed.json);
  if (!raw.success) return invalid(`not a snapd response envelope (${issues(raw.error)})`);
  const r = raw.data;
  const meta: EnvelopeMeta = { statusCode: r['status-code'] };
  if (r.status !== undefined) meta.status = r.status;
  if (r.maintenance) meta.maintenance = r.maintenance;
  if (r['warning-count'] !== undefined) meta.warningCount = r['warning-count'];
  if (r['warning-timestamp'] !== undefined) meta.warningTimestamp = r['warning-timestamp'];
  const withMaintenance = <T>(value: T): SnapdOutcome<T> => (meta.maintenance ? { ok: true, value, maintenance: meta.maintenance } : { ok: true, value });

  if (r.type === 'error') {
    const body = ErrorResult.safeParse(r.result);
    if (!body.success) return invalid(`snapd error without a message (${issues(body.error)})`);
    const error: SnapdErrorInfo = { kind: body.data.kind, message: body.data.message, statusCode: r['status-code'] };
    if (body.data.value !== undefined) error.value = body.data.value;
    if (meta.maintenance) error.maintenance = meta.maintenance;
    return withMaintenance({ ...meta, type: 'error', error });
  }
  if (r.type === 'async') {
    if (!r.change) return invalid('snapd async response without a change id');
    return withMaintenance({ ...meta, type: 'async', change: r.change, result: r.result ?? null });
  }
  return withMaintenance({ ...meta, type: 'sync', result: r.result ?? null, ...(r.sources ? { sources: r.sources } : {}) });
}

/** The `result` of a sync answer; an error envelope becomes a failure with snapd's kind and message. */
export function snapdResult(input: SnapdInput): SnapdOutcome<unknown> {
  const env = decodeSnapdEnvelope(input);
  if (!env.ok) return env;
  const e = env.value;
  if (e.type === 'error') return { ok: false, error: e.error };
  if (e.type === 'async') return invalid(`expected a sync snapd response, got async change ${e.change}`);
  return env.maintenance ? { ok: true, value: e.result, maintenance: env.maintenance } : { ok: true, value: e.result };
}

/** The change id of an async answer (a write: install, remove, refresh, ...). */
export function decodeSnapdAsync(input: SnapdInput): SnapdOutcome<string> {
  const env = decodeSnapdEnvelope(input);
  if (!env.ok) return env;
  const e = env.value;
  if (e.type === 'error') return { ok: false, error: e.error };
  if (e.type === 'sync') return invalid('expected an async snapd response with a change id, got sync');
  return env.maintenance ? { ok: true, value: e.change, maintenance: env.maintenance } : { ok: true, value: e.change };
}

// --- result mappers: snapd's result JSON -> contract shapes ----------------------------------

const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s);

const RawSnap = z.object({
  name: z.string().min(1),
  version: z.string(),
  // always a string in snapd ("29", "x1"); a number is accepted in case a forwarder re-encoded it
  revision: z.union([z.string(), z.number()]),
  channel: z.string().optional(),
  'tracking-channel': z.string().optional(),
  publisher: z.object({ username: z.string().optional(), 'display-name': z.string().optional() }).optional(),
  confinement: z.string().optional(),
  status: z.string().optional(),
  'install-date': z.string().optional(),
  'installed-size': z.number().optional(),
  devmode: z.boolean().optional(),
  type: z.string().optional(),
});

export function snapsFromResult(result: unknown): SnapdOutcome<InventorySnap[]> {
  const list = z.array(RawSnap).safeParse(result);
  if (!list.success) return invalid(`unexpected /v2/snaps result (${issues(list.error)})`);
  return {
    ok: true,
    value: list.data.map((s) => {
      const snap: InventorySnap = { name: s.name, version: s.version, revision: String(s.revision) };
      const publisher = nonEmpty(s.publisher?.username) ?? nonEmpty(s.publisher?.['display-name']);
      const optional: Partial<InventorySnap> = {
        channel: nonEmpty(s.channel),
        trackingChannel: nonEmpty(s['tracking-channel']),
        publisher,
        confinement: s.confinement,
        status: s.status,
        installDate: s['install-date'],
        installedSize: s['installed-size'],
        devmode: s.devmode,
        classic: s.confinement === undefined ? undefined : s.confinement === 'classic',
        type: s.type,
      };
      for (const [key, value] of Object.entries(optional)) if (value !== undefined) (snap as Record<string, unknown>)[key] = value;
      return snap;
    }),
  };
}

const RawApp = z.object({
  snap: z.string(),
  name: z.string(),
  daemon: z.string().optional(),
  enabled: z.boolean().optional(),
  active: z.boolean().optional(),
});

/** /v2/apps?select=service; plain /v2/apps also works (apps without `daemon` are not services). */
export function servicesFromResult(result: unknown): SnapdOutcome<InventoryService[]> {
  const list = z.array(RawApp).safeParse(result);
  if (!list.success) return invalid(`unexpected /v2/apps result (${issues(list.error)})`);
  return {
    ok: true,
    // snapd leaves out `active` / `enabled` when false (omitempty)
    value: list.data.filter((a) => a.daemon !== undefined).map((a) => ({ snap: a.snap, name: a.name, active: a.active ?? false, enabled: a.enabled ?? false })),
  };
}

const RawUser = z.object({ id: z.number().optional(), username: z.string().min(1), email: z.string().optional() });

export function usersFromResult(result: unknown): SnapdOutcome<InventoryUser[]> {
  const list = z.array(RawUser).safeParse(result);
  if (!list.success) return invalid(`unexpected /v2/users result (${issues(list.error)})`);
  return {
    ok: true,
    value: list.data.map((u) => ({ name: u.username, ...(nonEmpty(u.email) ? { email: u.email } : {}), source: 'snapd' as const })),
  };
}

const RawSystemInfo = z.object({
  version: z.string().optional(),
  series: z.string().optional(),
  'on-classic': z.boolean().optional(),
  'kernel-version': z.string().optional(),
  architecture: z.string().optional(),
  confinement: z.string().optional(),
  refresh: z.object({ last: z.string().optional(), next: z.string().optional(), timer: z.string().optional() }).optional(),
});

export function systemInfoFromResult(result: unknown): SnapdOutcome<SnapdSystemInfo> {
  const info = RawSystemInfo.safeParse(result);
  if (!info.success) return invalid(`unexpected /v2/system-info result (${issues(info.error)})`);
  const i = info.data;
  const out: SnapdSystemInfo = {};
  if (i.version !== undefined) out.version = i.version;
  if (i.series !== undefined) out.series = i.series;
  if (i['on-classic'] !== undefined) out.onClassic = i['on-classic'];
  if (i['kernel-version'] !== undefined) out.kernelVersion = i['kernel-version'];
  if (i.architecture !== undefined) out.architecture = i.architecture;
  if (i.confinement !== undefined) out.confinement = i.confinement;
  if (i.refresh) {
    const refresh: NonNullable<SnapdSystemInfo['refresh']> = {};
    if (i.refresh.last !== undefined) refresh.last = i.refresh.last;
    if (i.refresh.next !== undefined) refresh.next = i.refresh.next;
    if (i.refresh.timer !== undefined) refresh.timer = i.refresh.timer;
    out.refresh = refresh;
  }
  return { ok: true, value: out };
}

// --- changes ---------------------------------------------------------------------------------

export interface SnapdChangeProgress {
  /** tasks that have finished (Done, Undone, Error, Hold) */
  done: number;
  total: number;
  /** the current task's summary, or the change's own summary when no task is running */
  summary: string;
}

export interface SnapdChange {
  id: string;
  kind: string;
  summary: string;
  /** snapd's status word: Do, Doing, Done, Undo, Undoing, Undone, Hold, Error, Wait, ... */
  status: string;
  ready: boolean;
  progress: SnapdChangeProgress;
  /** snapd's `err` (verbatim) when the change failed */
  error?: string;
  spawnTime?: string;
  readyTime?: string;
}

const RawTask = z.object({
  id: z.string().optional(),
  kind: z.string().optional(),
  summary: z.string(),
  status: z.string(),
});
const RawChange = z.object({
  id: z.string(),
  kind: z.string(),
  summary: z.string(),
  status: z.string(),
  ready: z.boolean(),
  err: z.string().optional(),
  tasks: z.array(RawTask).optional(),
  'spawn-time': z.string().optional(),
  'ready-time': z.string().optional(),
});

const FINISHED_TASK = new Set(['Done', 'Undone', 'Error', 'Hold']);
const RUNNING_TASK = new Set(['Doing', 'Undoing', 'Abort']);
const WAITING_TASK = new Set(['Do', 'Undo', 'Wait', 'Default']);

export function changeFromResult(result: unknown): SnapdOutcome<SnapdChange> {
  const parsed = RawChange.safeParse(result);
  if (!parsed.success) return invalid(`unexpected /v2/changes/{id} result (${issues(parsed.error)})`);
  const c = parsed.data;
  const tasks = c.tasks ?? [];
  const current = c.ready ? undefined : (tasks.find((t) => RUNNING_TASK.has(t.status)) ?? tasks.find((t) => WAITING_TASK.has(t.status)));
  const change: SnapdChange = {
    id: c.id,
    kind: c.kind,
    summary: c.summary,
    status: c.status,
    ready: c.ready,
    progress: { done: tasks.filter((t) => FINISHED_TASK.has(t.status)).length, total: tasks.length, summary: current?.summary ?? c.summary },
  };
  if (nonEmpty(c.err)) change.error = c.err;
  if (c['spawn-time']) change.spawnTime = c['spawn-time'];
  if (c['ready-time']) change.readyTime = c['ready-time'];
  return { ok: true, value: change };
}

// --- whole responses (the seed dialect forwards them as strings) ------------------------------

function mapResult<T>(input: SnapdInput, map: (result: unknown) => SnapdOutcome<T>): SnapdOutcome<T> {
  const res = snapdResult(input);
  if (!res.ok) return res;
  const mapped = map(res.value);
  return mapped.ok && res.maintenance ? { ...mapped, maintenance: res.maintenance } : mapped;
}

export const decodeSnapdSnaps = (input: SnapdInput): SnapdOutcome<InventorySnap[]> => mapResult(input, snapsFromResult);
export const decodeSnapdServices = (input: SnapdInput): SnapdOutcome<InventoryService[]> => mapResult(input, servicesFromResult);
export const decodeSnapdUsers = (input: SnapdInput): SnapdOutcome<InventoryUser[]> => mapResult(input, usersFromResult);
export const decodeSnapdSystemInfo = (input: SnapdInput): SnapdOutcome<SnapdSystemInfo> => mapResult(input, systemInfoFromResult);
export const decodeSnapdChange = (input: SnapdInput): SnapdOutcome<SnapdChange> => mapResult(input, changeFromResult);
