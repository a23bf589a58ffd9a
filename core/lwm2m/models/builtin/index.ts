// The built-in object table: every version of the core objects (0-7) and common IPSO objects
// that devices register with. Our own data, checked against the OMA registry by builtin.test.ts.
import type { ObjectModel } from '../types.js';
import { security } from './security.js';
import { server } from './server.js';
import { accessControl } from './access-control.js';
import { device } from './device.js';
import { connectivityMonitoring } from './connectivity-monitoring.js';
import { firmwareUpdate } from './firmware-update.js';
import { location } from './location.js';
import { connectivityStatistics } from './connectivity-statistics.js';
import { ipsoObjects } from './ipso.js';

export const BUILTIN_MODELS: readonly ObjectModel[] = [
  ...security,
  ...server,
  ...accessControl,
  ...device,
  ...connectivityMonitoring,
  ...firmwareUpdate,
  ...location,
  ...connectivityStatistics,
  ...ipsoObjects,
];
