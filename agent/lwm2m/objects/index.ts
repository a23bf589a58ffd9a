// The objects the simulated device implements, by id.
import type { ObjectDef } from './types.js';
import { security } from './security.js';
import { server } from './server.js';
import { device } from './device.js';
import { connectivity } from './connectivity.js';
import { firmware } from './firmware.js';
import { location } from './location.js';
import { temperature } from './temperature.js';
import { humidity } from './humidity.js';
import { lightControl } from './light-control.js';

export const OBJECTS: ReadonlyMap<number, ObjectDef> = new Map(
  [security, server, device, connectivity, firmware, location, temperature, humidity, lightControl].map((o) => [o.id, o]),
);

export { FW_STATE, FW_RESULT } from './firmware.js';
export type { ObjectDef, ResourceDef, DeviceApi, StoredValue } from './types.js';
export { Refusal } from './types.js';
