// Object 2 (LwM2M Access Control). ACLs per object instance and server.
import { res, versions } from '../define.js';

export const accessControl = versions(
  {
    id: 2,
    name: 'LwM2M Access Control',
    version: '1.0',
    lwm2mVersion: '1.0',
    multiple: true,
    mandatory: false,
    resources: [
      res(0, 'Object ID', 'R', 'integer', 'M', { range: '1..65534' }),
      res(1, 'Object Instance ID', 'R', 'integer', 'M', { range: '0..65535' }),
      res(2, 'ACL', 'RW', 'integer', '*'),
      res(3, 'Access Control Owner', 'RW', 'integer', 'M', { range: '0..65535' }),
    ],
  },
  {
    version: '1.1',
    set: [
      res(2, 'ACL', 'RW', 'integer', '*', { range: '0..31' }),
    ],
  },
);
