import { test } from 'node:test';
import assert from 'node:assert/strict';
import { externalAddresses } from './addresses.js';
import { debianArchitecture } from './architecture.js';

test("debianArchitecture maps Node's arch names to Debian's", () => {
  assert.equal(debianArchitecture('x64'), 'amd64');
  assert.equal(debianArchitecture('arm64'), 'arm64');
  assert.equal(debianArchitecture('arm'), 'armhf');
  assert.equal(debianArchitecture('ia32'), 'i386');
  assert.equal(debianArchitecture('ppc64'), 'ppc64el');
  assert.equal(debianArchitecture('s390x'), 's390x');
  assert.equal(debianArchitecture('riscv64'), 'riscv64');
  assert.equal(debianArchitecture('some-new-arch'), 'some-new-arch');
});

test('externalAddresses leaves out loopback and keeps both families per interface', () => {
  const got = externalAddresses({
    lo: [
      { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' },
      { address: '::1', netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', family: 'IPv6', mac: '00:00:00:00:00:00', internal: true, cidr: '::1/128', scopeid: 0 },
    ],
    wlan0: [
      { address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.1.20/24' },
      { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 3 },
    ],
    // Node 18.0-18.3 gave numbers
    eth1: [{ address: '10.1.1.1', netmask: '255.0.0.0', family: 4 as unknown as 'IPv4', mac: '02:00:00:00:00:02', internal: false, cidr: '10.1.1.1/8' }],
    down: undefined,
  });
  assert.deepEqual(got, [
    { interface: 'wlan0', address: '192.168.1.20', family: 'IPv4' },
    { interface: 'wlan0', address: 'fe80::1', family: 'IPv6' },
    { interface: 'eth1', address: '10.1.1.1', family: 'IPv4' },
  ]);
});
