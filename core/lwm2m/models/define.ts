// Helpers that keep the built-in table compact: one line per resource, and each later version
// written as its difference from the one before (most versions add a few resources).
import type { ObjectModel, Operations, ResourceModel, ResourceType } from './types.js';

/** flags: 'M' mandatory, '*' multiple instances ('M*' both, '' neither). */
export type Flags = '' | 'M' | '*' | 'M*';

export function res(
  id: number,
  name: string,
  operations: Operations,
  type: ResourceType,
  flags: Flags = '',
  extra: { units?: string; range?: string } = {},
): ResourceModel {
  return {
    id,
    name,
    type,
    operations,
    multiple: flags.includes('*'),
    mandatory: flags.includes('M'),
    ...(extra.units !== undefined && { units: extra.units }),
    ...(extra.range !== undefined && { range: extra.range }),
  };
}

export interface FirstVersion {
  id: number;
  name: string;
  version: string;
  lwm2mVersion: string;
  multiple: boolean;
  mandatory: boolean;
  resources: readonly ResourceModel[];
}

export interface NextVersion {
  version: string;
  lwm2mVersion?: string;
  name?: string;
  /** Resources added, or replaced when their id exists already. */
  set?: readonly ResourceModel[];
  /** Resource ids removed in this version. */
  drop?: readonly number[];
}

/** Every version of one object, the first written out, the rest as changes to their predecessor. */
export function versions(first: FirstVersion, ...next: NextVersion[]): ObjectModel[] {
  const out: ObjectModel[] = [];
  let prev: ObjectModel = { ...first, resources: sortById(first.resources), source: 'builtin' };
  out.push(prev);
  for (const change of next) {
    const byId = new Map(prev.resources.map((r) => [r.id, r]));
    for (const id of change.drop ?? []) {
      if (!byId.delete(id)) throw new Error(`object ${first.id} ${change.version}: drop of unknown resource ${id}`);
    }
    for (const r of change.set ?? []) byId.set(r.id, r);
    prev = {
      ...prev,
      version: change.version,
      lwm2mVersion: change.lwm2mVersion ?? prev.lwm2mVersion,
      name: change.name ?? prev.name,
      resources: sortById([...byId.values()]),
    };
    out.push(prev);
  }
  return out;
}

function sortById(list: readonly ResourceModel[]): ResourceModel[] {
  return [...list].sort((a, b) => a.id - b.id);
}
