// Object 3 (Device). Identity, power, time and reboot; every client has it.
import { res, versions } from '../define.js';

export const device = versions(
  {
    id: 3,
    name: 'Device',
    version: '1.0',
    lwm2mVersion: '1.0',
    multiple: false,
    mandatory: true,
    resources: [
      res(0, 'Manufacturer', 'R', 'string'),
      res(1, 'Model Number', 'R', 'string'),
      res(2, 'Serial Number', 'R', 'string'),
      res(3, 'Firmware Version', 'R', 'string'),
      res(4, 'Reboot', 'E', 'none', 'M'),
      res(5, 'Factory Reset', 'E', 'none'),
      res(6, 'Available Power Sources', 'R', 'integer', '*', { range: '0..7' }),
      res(7, 'Power Source Voltage', 'R', 'integer', '*', { units: 'mV' }),
      res(8, 'Power Source Current', 'R', 'integer', '*', { units: 'mA' }),
      res(9, 'Battery Level', 'R', 'integer', '', { units: '%', range: '0..100' }),
      res(10, 'Memory Free', 'R', 'integer', '', { units: 'KB' }),
      res(11, 'Error Code', 'R', 'integer', 'M*', { range: '0..8' }),
      res(12, 'Reset Error Code', 'E', 'none'),
      res(13, 'Current Time', 'RW', 'time'),
      res(14, 'UTC Offset', 'RW', 'string'),
      res(15, 'Timezone', 'RW', 'string'),
      res(16, 'Supported Binding and Modes', 'R', 'string', 'M'),
      res(17, 'Device Type', 'R', 'string'),
      res(18, 'Hardware Version', 'R', 'string'),
      res(19, 'Software Version', 'R', 'string'),
      res(20, 'Battery Status', 'R', 'integer', '', { range: '0..6' }),
      res(21, 'Memory Total', 'R', 'integer'),
      res(22, 'ExtDevInfo', 'R', 'objlnk', '*'),
    ],
  },
  {
    version: '1.1',
    lwm2mVersion: '1.1',
    set: [
      res(7, 'Power Source Voltage', 'R', 'integer', '*'),
      res(8, 'Power Source Current', 'R', 'integer', '*'),
      res(10, 'Memory Free', 'R', 'integer'),
    ],
  },
  {
    version: '1.2',
    set: [
      res(9, 'Battery Level', 'R', 'integer', '', { units: '/100', range: '0..100' }),
      res(11, 'Error Code', 'R', 'integer', 'M*', { range: '0..32' }),
    ],
  },
);
