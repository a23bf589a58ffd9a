import { test } from 'node:test';
import assert from 'node:assert/strict';
import { machineBusy, parseProcStat, parseStatCpuTicks, parseStatusBytes, procUsage } from './proc.js';

test('parseStatusBytes reads kB fields as bytes', () => {
  const status = 'Name:\tnode\nVmPeak:\t  2000 kB\nVmHWM:\t   1500 kB\nVmRSS:\t 1200 kB\n';
  assert.equal(parseStatusBytes(status, 'VmHWM'), 1500 * 1024);
  assert.equal(parseStatusBytes(status, 'VmRSS'), 1200 * 1024);
  assert.equal(parseStatusBytes(status, 'VmSwap'), 0);
});

test('parseStatCpuTicks sums utime and stime, even with spaces in the command name', () => {
  const stat = '1234 (my (odd) proc) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 1 0 100 1000 50';
  assert.equal(parseStatCpuTicks(stat), 325);
});

test('procUsage of this process is plausible', () => {
  const u = procUsage('self');
  assert.ok(u.peakRss > 10 * 1024 * 1024);
  assert.ok(u.cpuSeconds >= 0);
});

test('parseProcStat counts idle and iowait as not busy', () => {
  const stat = 'cpu  100 5 50 800 40 0 5 0 0 0\ncpu0 50 2 25 400 20 0 3 0 0 0\nintr 1\n';
  assert.deepEqual(parseProcStat(stat), { busy: 160, total: 1000 });
});

test('machineBusy is a fraction', async () => {
  const f = await machineBusy(50);
  assert.ok(f >= 0 && f <= 1);
});
