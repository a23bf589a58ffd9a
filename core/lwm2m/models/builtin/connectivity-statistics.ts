// Object 7 (Connectivity Statistics). Traffic counters.
import { res, versions } from '../define.js';

export const connectivityStatistics = versions(
  {
    id: 7,
    name: 'Connectivity Statistics',
    version: '1.0',
    lwm2mVersion: '1.0',
    multiple: false,
    mandatory: false,
    resources: [
      res(0, 'SMS Tx Counter', 'R', 'integer'),
      res(1, 'SMS Rx Counter', 'R', 'integer'),
      res(2, 'Tx Data', 'R', 'integer'),
      res(3, 'Rx Data', 'R', 'integer'),
      res(4, 'Max Message Size', 'R', 'integer', '', { units: 'B' }),
      res(5, 'Average Message Size', 'R', 'integer', '', { units: 'B' }),
      res(6, 'Start', 'E', 'none', 'M'),
      res(7, 'Stop', 'E', 'none', 'M'),
      res(8, 'Collection Period', 'RW', 'integer', '', { units: 's' }),
    ],
  },
);
