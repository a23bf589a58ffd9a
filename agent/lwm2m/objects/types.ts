// The shape of the simulator's own object tables: what a device firmware carries about the objects
// it implements (ids, types, operations, initial values, behaviour). Core's model table is not
// used here: agent/ may import only pure protocol definitions from core.
import type { Lwm2mType, Lwm2mValue } from '../../../core/codecs/lwm2m/index.js';

export type Operations = 'R' | 'W' | 'RW' | 'E';

export interface ResourceDef {
  id: number;
  name: string;
  /** executable resources have no type */
  type?: Lwm2mType;
  ops: Operations;
  multiple?: boolean;
  units?: string;
}

/** A single value, or a multi-instance resource's values by resource-instance id. */
export type StoredValue = Lwm2mValue | Map<number, Lwm2mValue>;
export type InitialValues = Record<number, Lwm2mValue | Lwm2mValue[]>;

/** What an object's behaviour may do to the device it lives in. */
export interface DeviceApi {
  readonly endpoint: string;
  readonly lwm2mVersion: '1.0' | '1.1';
  readonly queueMode: boolean;
  get(path: readonly number[]): Lwm2mValue | undefined;
  /** changes a value and lets observations see it */
  set(path: readonly number[], value: Lwm2mValue): void;
  log(line: string): void;
  /** sends a registration Update soon (after the current answer went out) */
  requestUpdate(): void;
  /** de-registers, pauses and registers again, as a rebooting device does */
  reboot(): void;
  /** back to the initial values */
  factoryReset(): void;
  /** a timer that the client clears when it stops */
  after(ms: number, run: () => void): void;
  /** how long simulated slow work takes (firmware download, update), in ms */
  readonly workMs: number;
}

/** A CoAP code an object's hook may answer with instead of success. */
export class Refusal extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export interface ObjectDef {
  id: number;
  name: string;
  /** the object version by the client's LwM2M version, written in the registration when not 1.0 */
  version?: (lwm2mVersion: '1.0' | '1.1') => string;
  multiple: boolean;
  /** the server may not read or write it (Security) */
  hidden?: boolean;
  resources: readonly ResourceDef[];
  /** the instances a fresh device has */
  initial(dev: { endpoint: string; lwm2mVersion: '1.0' | '1.1'; queueMode: boolean; serverUri: string; lifetime: number }): Record<number, InitialValues>;
  /** values of an instance the server creates, before its payload is applied */
  defaults?(): InitialValues;
  execute?: Record<number, (dev: DeviceApi, instanceId: number, args: string) => void>;
  /** after the server wrote a resource of this object */
  written?(dev: DeviceApi, instanceId: number, resourceId: number, value: Lwm2mValue | undefined): void;
  /** one step of simulated time: values drift */
  tick?(dev: DeviceApi, instanceId: number): void;
}
