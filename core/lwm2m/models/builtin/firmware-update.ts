// Object 5 (Firmware Update). Package, state machine and result codes for OTA.
import { res, versions } from '../define.js';

export const firmwareUpdate = versions(
  {
    id: 5,
    name: 'Firmware Update',
    version: '1.0',
    lwm2mVersion: '1.0',
    multiple: false,
    mandatory: false,
    resources: [
      res(0, 'Package', 'W', 'opaque', 'M'),
      res(1, 'Package URI', 'RW', 'string', 'M', { range: '0..255' }),
      res(2, 'Update', 'E', 'none', 'M'),
      res(3, 'State', 'R', 'integer', 'M', { range: '0..3' }),
      res(5, 'Update Result', 'R', 'integer', 'M', { range: '0..9' }),
      res(6, 'PkgName', 'R', 'string', '', { range: '0..255' }),
      res(7, 'PkgVersion', 'R', 'string', '', { range: '0..255' }),
      res(8, 'Firmware Update Protocol Support', 'R', 'integer', '*', { range: '0..5' }),
      res(9, 'Firmware Update Delivery Method', 'R', 'integer', 'M', { range: '0..2' }),
    ],
  },
  {
    version: '1.1',
    lwm2mVersion: '1.1',
    set: [
      res(5, 'Update Result', 'R', 'integer', 'M', { range: '0..11' }),
      res(10, 'Cancel', 'E', 'none'),
      res(11, 'Severity', 'RW', 'integer', '', { range: '0..2' }),
      res(12, 'Last State Change Time', 'R', 'time'),
      res(13, 'Maximum Defer Period', 'RW', 'unsignedInteger', '', { units: 's' }),
    ],
  },
  {
    version: '1.2',
    set: [
      res(14, 'Automatic Upgrade at Download', 'RW', 'boolean'),
    ],
  },
);
