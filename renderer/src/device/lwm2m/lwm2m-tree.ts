// The LwM2M tab's view of a device's objects: objects → instances → resources, named by their
// models, each resource with its last known value. Pure, so the rules are unit-tested.
import type { Lwm2mDeviceObjects, Lwm2mKnownValue, Lwm2mObservationView } from '../../../../core/contract/lwm2m-objects.js';
import type { Lwm2mObjectModel, Lwm2mResourceModel } from '../../../../core/contract/lwm2m-models.js';

export interface ResourceNode {
  path: string;
  id: number;
  /** null: the object has no model, or the model lacks this resource */
  model: Lwm2mResourceModel | null;
  name: string;
  value: Lwm2mKnownValue | null;
  /** a multiple resource's instances: '/3/0/7/0' … */
  instances: Lwm2mKnownValue[];
  observed: Lwm2mObservationView | null;
}
export interface InstanceNode { path: string; id: number; resources: ResourceNode[]; observed: Lwm2mObservationView | null }
export interface ObjectNode {
  path: string;
  id: number;
  /** "3 Device", or "12345" for an object Outpost has no model of */
  label: string;
  known: boolean;
  model: Lwm2mObjectModel | null;
  version: string | null;
  multiple: boolean;
  instances: InstanceNode[];
  observed: Lwm2mObservationView | null;
}

const depthOf = (p: string) => p.split('/').length - 1;

/** The observation that covers exactly this path (a composite counts for each of its paths). */
function observationOf(observations: readonly Lwm2mObservationView[], path: string): Lwm2mObservationView | null {
  return observations.find((o) => o.paths.includes(path)) ?? null;
}

export function buildTree(view: Lwm2mDeviceObjects): ObjectNode[] {
  const values = new Map(view.values.map((v) => [v.path, v]));
  const instancesOfResource = new Map<string, Lwm2mKnownValue[]>();
  for (const v of view.values) {
    if (depthOf(v.path) !== 4) continue;
    const parent = v.path.slice(0, v.path.lastIndexOf('/'));
    instancesOfResource.set(parent, [...(instancesOfResource.get(parent) ?? []), v]);
  }
  return [...view.objects].sort((a, b) => a.id - b.id).map((o) => {
    const path = `/${o.id}`;
    return {
      path, id: o.id,
      label: o.model ? `${o.id} ${o.model.name}` : String(o.id),
      known: o.model !== null,
      model: o.model,
      version: o.version,
      multiple: o.model?.multiple ?? true,
      observed: observationOf(view.observations, path),
      instances: o.instances.map((i) => {
        const ipath = `${path}/${i}`;
        // the model's resources, plus any the device reported that the model lacks (or all, without a model)
        const ids = new Set(o.model?.resources.map((r) => r.id) ?? []);
        for (const p of values.keys()) {
          if (p.startsWith(`${ipath}/`)) ids.add(Number(p.split('/')[3]));
        }
        const resources = [...ids].sort((a, b) => a - b).map((rid): ResourceNode => {
          const rpath = `${ipath}/${rid}`;
          const model = o.model?.resources.find((r) => r.id === rid) ?? null;
          const inst = (instancesOfResource.get(rpath) ?? []).sort((a, b) => Number(a.path.split('/')[4]) - Number(b.path.split('/')[4]));
          return { path: rpath, id: rid, model, name: model?.name ?? `Resource ${rid}`, value: values.get(rpath) ?? null, instances: inst,
            observed: observationOf(view.observations, rpath) };
        });
        return { path: ipath, id: i, resources, observed: observationOf(view.observations, ipath) };
      }),
    };
  });
}

/** Merges values from a live message into the known ones: a newer value of a path replaces the older. */
export function mergeValues(known: readonly Lwm2mKnownValue[], incoming: readonly Lwm2mKnownValue[]): Lwm2mKnownValue[] {
  const byPath = new Map(known.map((v) => [v.path, v]));
  for (const v of incoming) {
    const old = byPath.get(v.path);
    if (!old || v.at >= old.at) byPath.set(v.path, v);
  }
  return [...byPath.values()];
}

export const canRead = (m: Lwm2mResourceModel | null) => m === null || m.operations.includes('R');
export const canWrite = (m: Lwm2mResourceModel | null) => m !== null && m.operations.includes('W');
export const canExecute = (m: Lwm2mResourceModel | null) => m !== null && m.operations === 'E';

/** "R", "RW", "E" as words a screen reader can say. */
export function operationsWords(m: Lwm2mResourceModel | null): string {
  if (!m) return 'unknown';
  return ({ R: 'read', W: 'write', RW: 'read, write', E: 'execute', '': 'none' } as const)[m.operations];
}

/** A value as the tree shows it: text for numbers and booleans, "on"/"off" not guessed, time as a date. */
export function showValue(v: Lwm2mKnownValue, units: string | undefined): string {
  if (v.type === 'time' && typeof v.value === 'number') return new Date(v.value * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  if (typeof v.value === 'number') {
    const n = Number.isInteger(v.value) ? String(v.value) : String(Number(v.value.toPrecision(6)));
    return units ? `${n} ${units}` : n;
  }
  if (typeof v.value === 'boolean') return v.value ? 'true' : 'false';
  return units ? `${v.value} ${units}` : v.value;
}

export type ParsedInput = { ok: true; value: string | number | boolean } | { ok: false; error: string };

/** What a person typed in a Write form, as the value the operation carries (the model's type decides). */
export function parseInput(type: Lwm2mResourceModel['type'], text: string, range?: string): ParsedInput {
  const t = text.trim();
  switch (type) {
    case 'integer': case 'unsignedInteger': case 'float': {
      if (t === '') return { ok: false, error: 'enter a number' };
      const n = Number(t);
      if (!Number.isFinite(n)) return { ok: false, error: `"${t}" is not a number` };
      if (type !== 'float' && !Number.isInteger(n)) return { ok: false, error: 'a whole number' };
      if (type === 'unsignedInteger' && n < 0) return { ok: false, error: 'zero or more' };
      const bounds = range ? /^\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s*$/.exec(range) ?? /^\s*(-?[\d.]+)\s*-\s*(-?[\d.]+)\s*$/.exec(range) : null;
      if (bounds && (n < Number(bounds[1]) || n > Number(bounds[2]))) return { ok: false, error: `between ${bounds[1]} and ${bounds[2]}` };
      return { ok: true, value: n };
    }
    case 'boolean':
      if (t === 'true' || t === 'false') return { ok: true, value: t === 'true' };
      return { ok: false, error: 'true or false' };
    case 'time': {
      if (/^\d+$/.test(t)) return { ok: true, value: Number(t) };
      // a datetime-local value is the browser's local time
      const ms = new Date(t).getTime();
      if (!t || !Number.isFinite(ms)) return { ok: false, error: 'a date and time' };
      return { ok: true, value: Math.round(ms / 1000) };
    }
    case 'objlnk':
      if (/^\d{1,5}:\d{1,5}$/.test(t)) return { ok: true, value: t };
      return { ok: false, error: 'an object link such as 3:0' };
    case 'opaque':
      if (/^[A-Za-z0-9+/]*={0,2}$/.test(t) && t.length % 4 === 0) return { ok: true, value: t };
      return { ok: false, error: 'base64 text' };
    default:
      return { ok: true, value: text };
  }
}

/** A multiple resource's instances typed as "id = value" lines: {id: value}, or what is wrong. */
export function parseInstances(type: Lwm2mResourceModel['type'], text: string, range?: string): Record<string, string | number | boolean> | string {
  const out: Record<string, string | number | boolean> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const m = /^(\d{1,5})\s*=\s*(.*)$/.exec(line);
    if (!m || Number(m[1]) > 65535) return `"${line}": one instance a line, as id = value`;
    const parsed = parseInput(type, m[2]!, range);
    if (!parsed.ok) return `instance ${m[1]}: ${parsed.error}`;
    out[m[1]!] = parsed.value;
  }
  return Object.keys(out).length > 0 ? out : 'give at least one instance';
}
