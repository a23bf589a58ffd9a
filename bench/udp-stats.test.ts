import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRcvbufErrors } from './udp-stats.js';

test('RcvbufErrors is read from the Udp lines of /proc/net/snmp, not from UdpLite', () => {
  const snmp = 'Tcp: RtoAlgorithm\nTcp: 1\nUdp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors\nUdp: 174727 141 47942 222823 47000 0\n' +
    'UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors\nUdpLite: 0 0 0 0 9\n';
  assert.equal(parseRcvbufErrors(snmp), 47000);
  assert.equal(parseRcvbufErrors('Ip: Forwarding\nIp: 1\n'), 0);
});
