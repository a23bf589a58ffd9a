import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatInstallDate, formatIsoTime, formatUptime, partWords, uptimeWords, usedPercent } from './inventory-format.js';

test('sizes in binary units with three significant digits', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(20480), '20 KiB');
  assert.equal(formatBytes(77713408), '74.1 MiB');
  assert.equal(formatBytes(339738624), '324 MiB');
  assert.equal(formatBytes(8 * 1024 ** 3), '8 GiB');
  assert.equal(formatBytes(3 * 1024 ** 5), '3072 TiB');
  assert.equal(formatBytes(undefined), '—');
  assert.equal(formatBytes(-1), '—');
});

test('uptime in days, hours and minutes; the seed agent\'s text without its "up"', () => {
  assert.equal(formatUptime(30), 'less than a minute');
  assert.equal(formatUptime(300), '5 min');
  assert.equal(formatUptime(3 * 3600), '3 h');
  assert.equal(formatUptime(93_784), '1 day, 2 h 3 min');
  assert.equal(formatUptime(3 * 86_400 + 60), '3 days, 1 min');
  assert.equal(uptimeWords({ uptimeSec: 300, uptimeText: 'up 9 minutes' }), '5 min');
  assert.equal(uptimeWords({ uptimeText: 'up 3 hours, 5 minutes' }), '3 hours, 5 minutes');
  assert.equal(uptimeWords({}), null);
  assert.equal(uptimeWords(undefined), null);
});

test('disk use in whole percent, bounded', () => {
  assert.equal(usedPercent({ totalBytes: 200, usedBytes: 50 }), 25);
  assert.equal(usedPercent({ totalBytes: 0, usedBytes: 50 }), 0);
  assert.equal(usedPercent({ totalBytes: 100, usedBytes: 150 }), 100);
});

test("snapd's install date with nanoseconds becomes a date; unreadable text is kept", () => {
  assert.match(formatInstallDate('2026-11-20T14:03:11.123456789Z'), /^2026-11-2[01]$/);
  assert.equal(formatInstallDate('yesterday'), 'yesterday');
  assert.equal(formatInstallDate(undefined), '—');
  assert.match(formatIsoTime('2026-11-22T04:12:31Z')!, /^2026-11-2[12] \d\d:12$/);
  assert.equal(formatIsoTime('soon'), 'soon');
  assert.equal(formatIsoTime(undefined), undefined);
});

test('missing parts are named as the page names them; unknown ones stay', () => {
  assert.equal(partWords('snaps'), 'Snaps');
  assert.equal(partWords('users.snapd'), "snapd's users");
  assert.equal(partWords('gpu'), 'gpu');
});
