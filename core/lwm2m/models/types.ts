// LwM2M object models: what an object and its resources are, as the server needs to know them
// to read, write, execute and decode. Pure data types: no Node imports, so the renderer may use
// them later (through core/contract) to show object trees.

import type { Lwm2mType } from '../../codecs/lwm2m/model.js';

/** Value types of the OMA DDF schema (LWM2M-v1_1.xsd): the codecs' data types, and 'none', the empty type of executables. */
export type ResourceType = Lwm2mType | 'none';
export const RESOURCE_TYPES = [
  'integer',
  'unsignedInteger',
  'float',
  'boolean',
  'string',
  'opaque',
  'time',
  'objlnk',
  'corelnk',
  'none',
] as const satisfies readonly ResourceType[];
// every type the codecs know is listed above: a compile error here when one is added there
type OnlyNever<T extends never> = T;
export type EveryResourceTypeListed = OnlyNever<Exclude<ResourceType, (typeof RESOURCE_TYPES)[number]>>;

/** Operations a server may perform on a resource; '' = none (e.g. Security object resources). */
export const OPERATIONS = ['R', 'W', 'RW', 'E', ''] as const;
export type Operations = (typeof OPERATIONS)[number];

export interface ResourceModel {
  readonly id: number;
  readonly name: string;
  readonly type: ResourceType;
  readonly operations: Operations;
  readonly multiple: boolean;
  readonly mandatory: boolean;
  /** Unit symbol as the registry writes it ('s', '%', '/100', 'dBm'). */
  readonly units?: string;
  /** Normalised range ('0..255') or enumeration ('16,32,48'); absent when the DDF gives prose. */
  readonly range?: string;
}

export interface ObjectModel {
  readonly id: number;
  readonly name: string;
  /** Object version, '1.0' when the DDF has none (LwM2M 1.0 registrations omit `ver`). */
  readonly version: string;
  /** LwM2M enabler version the object was defined for ('1.0' when absent). */
  readonly lwm2mVersion: string;
  readonly multiple: boolean;
  readonly mandatory: boolean;
  /** Sorted by id. */
  readonly resources: readonly ResourceModel[];
  /** Where the model came from: 'builtin' or the DDF file it was loaded from. */
  readonly source: string;
}

/** Highest id the LwM2M path components may take (16-bit). */
export const MAX_ID = 65535;
