// Object 0, LwM2M Security (minimal): one instance naming the server. The server never reads it.
import type { ObjectDef } from './types.js';

export const security: ObjectDef = {
  id: 0,
  name: 'LwM2M Security',
  multiple: true,
  hidden: true,
  resources: [
    { id: 0, name: 'LwM2M Server URI', type: 'string', ops: 'RW' },
    { id: 1, name: 'Bootstrap-Server', type: 'boolean', ops: 'RW' },
    { id: 2, name: 'Security Mode', type: 'integer', ops: 'RW' },
    { id: 10, name: 'Short Server ID', type: 'integer', ops: 'RW' },
  ],
  // security mode 3 = NoSec
  initial: ({ serverUri }) => ({ 0: { 0: serverUri, 1: false, 2: 3, 10: 1 } }),
};
