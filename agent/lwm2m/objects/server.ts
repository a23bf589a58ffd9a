// Object 1, LwM2M Server: the registration's lifetime and binding, and the trigger for an Update.
import type { ObjectDef } from './types.js';

export const server: ObjectDef = {
  id: 1,
  name: 'LwM2M Server',
  multiple: true,
  resources: [
    { id: 0, name: 'Short Server ID', type: 'integer', ops: 'R' },
    { id: 1, name: 'Lifetime', type: 'integer', ops: 'RW', units: 's' },
    { id: 2, name: 'Default Minimum Period', type: 'integer', ops: 'RW', units: 's' },
    { id: 3, name: 'Default Maximum Period', type: 'integer', ops: 'RW', units: 's' },
    { id: 6, name: 'Notification Storing When Disabled or Offline', type: 'boolean', ops: 'RW' },
    { id: 7, name: 'Binding', type: 'string', ops: 'RW' },
    { id: 8, name: 'Registration Update Trigger', ops: 'E' },
  ],
  initial: ({ lifetime, queueMode, lwm2mVersion }) => ({
    0: { 0: 1, 1: lifetime, 2: 0, 3: 0, 6: true, 7: queueMode && lwm2mVersion === '1.0' ? 'UQ' : 'U' },
  }),
  execute: {
    8: (dev) => dev.requestUpdate(),
  },
  written(dev, _instanceId, resourceId) {
    // a new lifetime or binding is announced to the server with an Update
    if (resourceId === 1 || resourceId === 7) dev.requestUpdate();
  },
};
