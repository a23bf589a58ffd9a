import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMeminfo } from './meminfo.js';
import { parseUptime } from './uptime.js';

const MEMINFO = `MemTotal:        3884560 kB
MemFree:          211280 kB
MemAvailable:    2516412 kB
Buffers:          120876 kB
Cached:          2090348 kB
HugePages_Total:       0
Hugepagesize:       2048 kB
`;

test('parseMeminfo turns kB into bytes', () => {
  assert.deepEqual(parseMeminfo(MEMINFO), { totalBytes: 3884560 * 1024, availableBytes: 2516412 * 1024 });
});

test('parseMeminfo estimates available memory on kernels without MemAvailable', () => {
  const old = 'MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 20 kB\nCached: 300 kB\n';
  assert.deepEqual(parseMeminfo(old), { totalBytes: 1000 * 1024, availableBytes: 420 * 1024 });
});

test('parseMeminfo skips malformed lines and says what is missing', () => {
  assert.deepEqual(parseMeminfo('garbage\nMemTotal: lots kB\nMemTotal: 2048 kB\nMemAvailable: 1024 kB\n'), { totalBytes: 2048 * 1024, availableBytes: 1024 * 1024 });
  assert.equal(parseMeminfo('MemFree: 10 kB\n'), '/proc/meminfo has no MemTotal line');
  assert.equal(parseMeminfo('MemTotal: 10 kB\n'), '/proc/meminfo has neither MemAvailable nor MemFree');
  assert.equal(parseMeminfo(''), '/proc/meminfo has no MemTotal line');
});

test('parseUptime takes the first number of /proc/uptime', () => {
  assert.equal(parseUptime('14669.42 15222.70\n'), 14669.42);
  assert.equal(parseUptime('350 700'), 350);
});

test('parseUptime explains text it cannot read', () => {
  for (const bad of ['', 'up 3 hours', '-5 10', '1e9 2', 'NaN 3']) {
    const r = parseUptime(bad);
    assert.equal(typeof r, 'string', `${JSON.stringify(bad)} gave ${r}`);
    assert.match(String(r), /^\/proc\/uptime does not start with a number of seconds/);
  }
});
