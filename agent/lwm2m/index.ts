// The LwM2M client simulator's public face, for tests, e2e, demos and the benchmark.
export { Lwm2mClient, createLwm2mClient, type Lwm2mClientOptions, type Lwm2mClientEvents } from './client.js';
export { startLwm2mFleet, fleetEndpoint, type Lwm2mFleet, type Lwm2mFleetOptions } from './fleet.js';
export { FW_STATE, FW_RESULT } from './objects/index.js';
export type { Lwm2mVersion } from './formats.js';
