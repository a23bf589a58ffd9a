import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Inventory, type InventoryService, type InventorySnap, type SnapdSystemInfo } from '../../core/contract/inventory.js';
import { collectInventory } from './collect-inventory.js';
import { fixedHostFacts, makeFakeRoot } from './fake-root.js';
import type { SnapdInventorySource } from './snapd-source.js';

const SNAPD_INFO: SnapdSystemInfo = { version: '2.61.3', series: '16', onClassic: false, kernelVersion: '5.15.0-91-generic', architecture: 'arm64', confinement: 'strict', refresh: { timer: '00:00~24:00/4', last: '2026-11-30T10:00:00Z', next: '2026-12-01T16:00:00Z' } };
const SNAPS: InventorySnap[] = [
  { name: 'core22', version: '20231123', revision: '1033', channel: 'latest/stable', trackingChannel: 'latest/stable', publisher: 'canonical', confinement: 'strict', status: 'active', installDate: '2026-11-01T08:00:00Z', installedSize: 77398016, devmode: false, classic: false, type: 'base' },
  { name: 'mosquitto', version: '2.0.18', revision: '1014', channel: 'latest/stable', publisher: 'mosquitto', confinement: 'strict', status: 'active', type: 'app' },
];
const SERVICES: InventoryService[] = [{ snap: 'mosquitto', name: 'mosquitto', active: true, enabled: true }];

function fakeSnapd(over: Partial<Record<keyof SnapdInventorySource, () => Promise<unknown>>> = {}): SnapdInventorySource & { calls: string[] } {
  const calls: string[] = [];
  const call = <T>(name: keyof SnapdInventorySource, value: T) => async (): Promise<T> => {
    calls.push(name);
    return (over[name] ? await over[name]() : value) as T;
  };
  return {
    calls,
    systemInfo: call('systemInfo', SNAPD_INFO),
    snaps: call('snaps', SNAPS),
    services: call('services', SERVICES),
    users: call('users', [{ name: 'jo', email: 'jo@example.com', source: 'snapd' as const }, { name: 'sam', email: 'sam@example.com', source: 'snapd' as const }]),
  };
}

// An Ubuntu Core 22 device's files
async function coreDevice() {
  const fake = await makeFakeRoot({
    '/etc/os-release': 'NAME="Ubuntu Core"\nVERSION="22"\nID=ubuntu-core\nPRETTY_NAME="Ubuntu Core 22"\nVERSION_ID="22"\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
    '/var/lib/extrausers/passwd': 'jo:x:1000:1000:Jo,,,:/home/jo:/bin/bash\nbroken line\n',
    '/proc/meminfo': 'MemTotal:        3884560 kB\nMemFree:          211280 kB\nMemAvailable:    2516412 kB\n',
    '/proc/uptime': '86400.50 300000.12\n',
    '/proc/mounts': [
      '/dev/loop0 / ext4 ro,relatime 0 0', // the fake root itself stands in for the root fs
      'proc /proc proc rw 0 0',
      'tmpfs /run tmpfs rw 0 0',
      '/dev/mmcblk0p4 /writable ext4 rw,relatime 0 0',
      '/dev/mmcblk0p4 /etc/systemd ext4 rw,relatime 0 0',
      '/dev/loop3 /snap/core22/1033 squashfs ro,nodev,relatime 0 0',
      '',
    ].join('\n'),
  });
  await fake.mkdir('/writable');
  await fake.mkdir('/etc/systemd');
  await fake.mkdir('/snap/core22/1033');
  return fake;
}

test('collectInventory reads a whole Ubuntu Core device from a fake root', async (t) => {
  const fake = await coreDevice();
  t.after(() => fake.dispose());
  const snapd = fakeSnapd();
  const inv = await collectInventory({ root: fake.root, snapd, now: () => 1_764_000_000_000, host: fixedHostFacts(), isRoot: true });

  assert.deepEqual(Inventory.parse(inv), inv, 'the contract accepts it unchanged');
  assert.equal(inv.collectedAt, 1_764_000_000_000);
  const { disks, ...system } = inv.system!;
  assert.deepEqual(system, {
    hostname: 'gateway-7',
    os: { id: 'ubuntu-core', name: 'Ubuntu Core', versionId: '22', prettyName: 'Ubuntu Core 22' },
    kernel: '5.15.0-91-generic',
    architecture: 'arm64',
    cpuCount: 4,
    memory: { totalBytes: 3884560 * 1024, availableBytes: 2516412 * 1024 },
    addresses: [{ interface: 'eth0', address: '10.0.0.7', family: 'IPv4' }],
    uptimeSec: 86400.5,
  });
  assert.deepEqual(disks!.map((d) => d.mount), ['/', '/writable'], 'no squashfs, no tmpfs, the bind mount once');
  for (const d of disks!) {
    assert.ok(d.totalBytes > 0, `${d.mount} has a size`);
    assert.ok(d.usedBytes >= 0 && d.usedBytes <= d.totalBytes, `${d.mount} used within size`);
    assert.ok(d.availableBytes >= 0 && d.availableBytes <= d.totalBytes - d.usedBytes, `${d.mount} available within free`);
  }
  // extrausers and snapd merged; jo once, with snapd's email; nobody and root left out
  assert.deepEqual(inv.users, [
    { name: 'jo', uid: 1000, home: '/home/jo', shell: '/bin/bash', email: 'jo@example.com', source: 'extrausers' },
    { name: 'sam', email: 'sam@example.com', source: 'snapd' },
  ]);
  assert.deepEqual(inv.snapd, SNAPD_INFO);
  assert.deepEqual(inv.snaps, SNAPS);
  assert.deepEqual(inv.services, SERVICES);
  assert.equal(inv.missing, undefined, JSON.stringify(inv.missing));
  assert.deepEqual([...snapd.calls].sort(), ['services', 'snaps', 'systemInfo', 'users']);
});

test('an empty root and a host that knows nothing: no throw, every part explained', async (t) => {
  const fake = await makeFakeRoot();
  t.after(() => fake.dispose());
  const broken = () => {
    throw new Error('uname failed');
  };
  const inv = await collectInventory({ root: fake.root, host: fixedHostFacts({ hostname: broken, kernelRelease: broken, arch: broken, cpuCount: broken, networkInterfaces: broken }) });
  assert.ok(Inventory.safeParse(inv).success);
  assert.deepEqual(Object.keys(inv).sort(), ['collectedAt', 'missing']);
  assert.deepEqual(inv.missing, {
    services: 'the agent was started without access to snapd',
    snapd: 'the agent was started without access to snapd',
    snaps: 'the agent was started without access to snapd',
    system: 'the hostname is unknown: the kernel gave none and /proc/sys/kernel/hostname does not exist; /etc/hostname does not exist',
    users: 'no list of users could be read',
    'users.passwd': '/etc/passwd does not exist',
    'users.snapd': 'the agent was started without access to snapd',
  });
});

test('with a hostname but no files, each system field says why it is missing', async (t) => {
  const fake = await makeFakeRoot({ '/etc/hostname': 'from-file\n' });
  t.after(() => fake.dispose());
  const inv = await collectInventory({ root: fake.root, host: fixedHostFacts({ hostname: () => '', kernelRelease: () => '', cpuCount: () => 0 }) });
  assert.ok(Inventory.safeParse(inv).success);
  assert.equal(inv.system?.hostname, 'from-file');
  assert.deepEqual(inv.system?.os, {});
  const m = inv.missing!;
  assert.equal(m['system.os'], '/etc/os-release does not exist; /usr/lib/os-release does not exist');
  assert.equal(m['system.kernel'], '/proc/sys/kernel/osrelease does not exist');
  assert.equal(m['system.cpuCount'], 'the kernel did not report the processors');
  assert.equal(m['system.memory'], '/proc/meminfo does not exist');
  assert.equal(m['system.disks'], '/proc/mounts does not exist');
  assert.equal(m['system.uptimeSec'], '/proc/uptime does not exist');
  assert.equal(m['users.extrausers'], undefined, 'no extrausers on a classic system is normal, not missing');
  for (const f of ['kernel', 'cpuCount', 'memory', 'disks', 'uptimeSec'] as const) assert.equal(inv.system?.[f], undefined, f);
});

test('fallbacks: /usr/lib/os-release and /proc/sys/kernel/osrelease', async (t) => {
  const fake = await makeFakeRoot({ '/usr/lib/os-release': 'ID=debian\nVERSION_ID="12"\n', '/proc/sys/kernel/osrelease': '6.1.0-18-amd64\n' });
  t.after(() => fake.dispose());
  const inv = await collectInventory({ root: fake.root, host: fixedHostFacts({ kernelRelease: () => '' }) });
  assert.deepEqual(inv.system?.os, { id: 'debian', versionId: '12' });
  assert.equal(inv.system?.kernel, '6.1.0-18-amd64');
  assert.equal(inv.missing?.['system.os'], undefined);
  assert.equal(inv.missing?.['system.kernel'], undefined);
});

test('malformed and unreadable files leave their field out with the reason', async (t) => {
  const fake = await makeFakeRoot({
    '/etc/os-release': '# nothing useful\nFOO=bar\n',
    '/proc/meminfo': 'this is not meminfo\n',
    '/proc/uptime': 'soon\n',
    '/proc/mounts': 'tmpfs /run tmpfs rw 0 0\n',
    '/var/lib/extrausers/passwd': 'ok:x:1500:1500::/home/ok:/bin/sh\n',
  });
  t.after(() => fake.dispose());
  await fake.mkdir('/etc/passwd'); // a directory where the file should be
  const inv = await collectInventory({ root: fake.root, host: fixedHostFacts() });
  assert.ok(Inventory.safeParse(inv).success);
  const m = inv.missing!;
  assert.equal(m['system.os'], '/etc/os-release has none of ID, NAME, VERSION_ID, PRETTY_NAME');
  assert.equal(m['system.memory'], '/proc/meminfo has no MemTotal line');
  assert.match(m['system.uptimeSec']!, /^\/proc\/uptime does not start with a number of seconds/);
  assert.equal(m['system.disks'], '/proc/mounts lists no disk filesystem');
  assert.equal(m['users.passwd'], '/etc/passwd is a directory, not a file');
  assert.equal(m.users, undefined, 'extrausers could still be read');
  assert.deepEqual(inv.users, [{ name: 'ok', uid: 1500, home: '/home/ok', shell: '/bin/sh', source: 'extrausers' }]);
  assert.equal(inv.system?.memory, undefined);
  assert.equal(inv.system?.uptimeSec, undefined);
  assert.equal(inv.system?.disks, undefined);
});

test('a disk whose mount point cannot be read is named, the others are still reported', async (t) => {
  const fake = await makeFakeRoot({ '/proc/mounts': '/dev/vda1 / ext4 rw 0 0\n/dev/vdb1 /data ext4 rw 0 0\n' });
  t.after(() => fake.dispose());
  const inv = await collectInventory({ root: fake.root, host: fixedHostFacts() });
  assert.deepEqual(inv.system?.disks?.map((d) => d.mount), ['/']);
  assert.equal(inv.missing?.['system.disks'], 'usage unknown for /data does not exist');
});

test('snapd absent (socket missing): snapd parts left out, in plain words', async (t) => {
  const fake = await coreDevice();
  t.after(() => fake.dispose());
  const noSocket = () => Promise.reject(Object.assign(new Error('connect ENOENT /run/snapd.socket'), { code: 'ENOENT' }));
  const inv = await collectInventory({ root: fake.root, host: fixedHostFacts(), isRoot: true, snapd: fakeSnapd({ systemInfo: noSocket, snaps: noSocket, services: noSocket, users: noSocket }) });
  assert.ok(Inventory.safeParse(inv).success);
  const reason = 'snapd is not installed or not running (its socket is absent)';
  assert.deepEqual(inv.missing, { services: reason, snapd: reason, snaps: reason, 'users.snapd': reason });
  assert.equal(inv.snaps, undefined);
  assert.deepEqual(inv.users?.map((u) => u.name), ['jo'], 'the files still give the users');
  assert.ok(inv.system?.hostname);
});

test('one failing snapd call leaves only that part out', async (t) => {
  const fake = await coreDevice();
  t.after(() => fake.dispose());
  const snapdError = () => Promise.reject(Object.assign(new Error('cannot list apps: internal error'), { kind: 'internal-error' }));
  const inv = await collectInventory({ root: fake.root, host: fixedHostFacts(), isRoot: true, snapd: fakeSnapd({ services: snapdError }) });
  assert.deepEqual(inv.missing, { services: 'snapd said: cannot list apps: internal error (internal-error)' });
  assert.deepEqual(inv.snaps, SNAPS);
  assert.equal(inv.services, undefined);
});

test('a hung snapd call is given up after the timeout; an answer of the wrong shape is dropped', async (t) => {
  const fake = await coreDevice();
  t.after(() => fake.dispose());
  const started = Date.now();
  const inv = await collectInventory({
    root: fake.root, host: fixedHostFacts(), isRoot: true, snapdTimeoutMs: 100,
    snapd: fakeSnapd({ snaps: () => new Promise(() => {}), services: async () => [{ snap: 'x', name: 'y', active: 'yes' }] }),
  });
  assert.ok(Date.now() - started < 5000);
  assert.ok(Inventory.safeParse(inv).success);
  assert.equal(inv.missing?.snaps, 'snapd did not answer for the installed snaps within 0.1 s');
  assert.match(inv.missing?.services ?? '', /^snapd's answer for the snap services was not understood \(0\.active: /);
  assert.deepEqual(inv.snapd, SNAPD_INFO);
});

test('a snapd source that throws at once or answers users oddly is still only one missing part', async (t) => {
  const fake = await coreDevice();
  t.after(() => fake.dispose());
  const inv = await collectInventory({
    root: fake.root, host: fixedHostFacts(), isRoot: true,
    snapd: fakeSnapd({
      systemInfo: () => {
        throw new Error('socket path too long');
      },
      users: async () => [{ name: 'kim', email: 'kim@example.com' }, { username: 'wrong-field' }],
    }),
  });
  assert.ok(Inventory.safeParse(inv).success);
  assert.equal(inv.missing?.snapd, 'snapd could not answer: socket path too long');
  assert.match(inv.missing?.['users.snapd'] ?? '', /^snapd's answer for its users was not understood \(1\.name: /);
  assert.deepEqual(inv.users?.map((u) => u.name), ['jo'], 'users from the files are still there');
  assert.deepEqual(inv.snaps, SNAPS);
});

test('snapd users without a source field are stamped as snapd', async (t) => {
  const fake = await makeFakeRoot({ '/etc/passwd': 'ubuntu:x:1000:1000::/home/ubuntu:/bin/bash\n' });
  t.after(() => fake.dispose());
  const inv = await collectInventory({ root: fake.root, host: fixedHostFacts(), isRoot: true, snapd: fakeSnapd({ users: async () => [{ name: 'kim', email: 'kim@example.com' }] }) });
  assert.deepEqual(inv.users, [
    { name: 'ubuntu', uid: 1000, home: '/home/ubuntu', shell: '/bin/bash', source: 'passwd' },
    { name: 'kim', email: 'kim@example.com', source: 'snapd' },
  ]);
});

test('not root: snapd is not asked for its users, and missing says why', async (t) => {
  const fake = await coreDevice();
  t.after(() => fake.dispose());
  const snapd = fakeSnapd();
  const inv = await collectInventory({ root: fake.root, host: fixedHostFacts(), isRoot: false, snapd });
  assert.ok(!snapd.calls.includes('users'));
  assert.match(inv.missing?.['users.snapd'] ?? '', /^snapd lists its users only to root, and the agent runs as uid /);
  assert.deepEqual(inv.users?.map((u) => [u.name, u.source]), [['jo', 'extrausers']]);
});

test("this machine's own / gives a valid inventory with hostname and memory", async () => {
  const inv = await collectInventory();
  const parsed = Inventory.safeParse(inv);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  assert.ok(inv.system, JSON.stringify(inv.missing));
  assert.ok(inv.system.hostname && inv.system.hostname.length > 0);
  assert.ok(inv.system.memory && inv.system.memory.totalBytes > 0 && inv.system.memory.availableBytes <= inv.system.memory.totalBytes);
  assert.ok(inv.system.kernel && inv.system.architecture && inv.system.cpuCount! > 0);
  assert.ok(inv.system.uptimeSec! > 0);
  assert.ok(Array.isArray(inv.users));
  assert.equal(inv.missing?.snaps, 'the agent was started without access to snapd');
});
