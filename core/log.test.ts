import { test } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import { createLogger, escapeLogText, type LogLevel } from './log.js';
import { startTestOutpost, adminWithDevice } from './testing/harness.js';

test('control characters are escaped, printable text is kept', () => {
  assert.equal(escapeLogText('a\nb\r\tc\x1b[31md\x00\x7f\u0085\u2028é°'), 'a\\nb\\r\\tc\\x1b[31md\\x00\\x7f\\x85\\u2028é°');
});

test('a detail (our own stack trace) goes on the next lines, the message stays one line', () => {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', sink: (_l: LogLevel, line: string) => lines.push(line) });
  log.error('bad\nthing', 'Error: x\n    at y');
  assert.match(lines[0]!, /ERROR bad\\nthing\nError: x\n {4}at y$/);
  log.debug('quiet');
  assert.equal(lines.length, 2);
  const quiet: string[] = [];
  createLogger({ level: 'error', sink: (_l, line) => quiet.push(line) }).warn('not shown');
  assert.deepEqual(quiet, []);
});

test('MQTT client ids and usernames cannot forge log lines', async () => {
  const lines: string[] = [];
  const outpost = await startTestOutpost(undefined, { log: createLogger({ level: 'debug', sink: (_l, line) => lines.push(line) }) });
  try {
    await adminWithDevice(outpost, 'dev-1');
    const forged = 'x\n2026-01-01T00:00:00.000Z ERROR forged line\x1b[2J';
    for (const opts of [{ clientId: forged, username: 'dev-1', password: 'wrong' }, { clientId: 'c', username: forged, password: 'p' }]) {
      await mqtt.connectAsync({ host: '127.0.0.1', port: outpost.mqttPort, reconnectPeriod: 0, ...opts }).then(
        () => assert.fail('accepted'), () => undefined);
    }
    const refused = lines.filter((l) => l.includes('mqtt: refused'));
    assert.equal(refused.length, 2, lines.join('\n'));
    for (const line of refused) {
      assert.ok(!line.includes('\n') && !line.includes('\x1b'), JSON.stringify(line));
      assert.ok(line.includes('x\\n2026-01-01T00:00:00.000Z ERROR forged line\\x1b[2J'), line);
    }
  } finally {
    await outpost.close();
    outpost.removeData();
  }
});
