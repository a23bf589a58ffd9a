// Object 4 (Connectivity Monitoring). Bearer, signal and addresses.
import { res, versions } from '../define.js';

export const connectivityMonitoring = versions(
  {
    id: 4,
    name: 'Connectivity Monitoring',
    version: '1.0',
    lwm2mVersion: '1.0',
    multiple: false,
    mandatory: false,
    resources: [
      res(0, 'Network Bearer', 'R', 'integer', 'M', { range: '0..50' }),
      res(1, 'Available Network Bearer', 'R', 'integer', 'M*', { range: '0..50' }),
      res(2, 'Radio Signal Strength', 'R', 'integer', 'M', { units: 'dBm' }),
      res(3, 'Link Quality', 'R', 'integer'),
      res(4, 'IP Addresses', 'R', 'string', 'M*'),
      res(5, 'Router IP Addresses', 'R', 'string', '*'),
      res(6, 'Link Utilization', 'R', 'integer', '', { units: '%', range: '0..100' }),
      res(7, 'APN', 'R', 'string', '*'),
      res(8, 'Cell ID', 'R', 'integer'),
      res(9, 'SMNC', 'R', 'integer', '', { units: '%', range: '0..999' }),
      res(10, 'SMCC', 'R', 'integer', '', { range: '0..999' }),
    ],
  },
  {
    version: '1.1',
    set: [
      res(11, 'SignalSNR', 'R', 'integer', '', { units: 'dB' }),
    ],
  },
  {
    version: '1.2',
    lwm2mVersion: '1.1',
    set: [
      res(2, 'Radio Signal Strength', 'R', 'integer', 'M'),
      res(9, 'SMNC', 'R', 'integer', '', { range: '0..999' }),
      res(12, 'LAC', 'R', 'integer'),
    ],
  },
  {
    version: '1.3',
    set: [
      res(2, 'Radio Signal Strength', 'R', 'integer', 'M', { units: 'dBm' }),
      res(6, 'Link Utilization', 'R', 'integer', '', { units: '/100', range: '0..100' }),
      res(13, 'Coverage Enhancement Level', 'R', 'integer', '', { range: '0..4' }),
    ],
  },
);
