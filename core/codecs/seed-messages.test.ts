import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSeedReply, seedClientTopic, seedServerTopic, SEED_MESSAGE_MAX_BYTES } from './seed-messages.js';

test('the seed topics', () => {
  assert.equal(seedServerTopic('1234'), 'django/iot/server/1234');
  assert.equal(seedClientTopic('1234'), 'django/iot/client/1234');
});

test('decodes heartbeats and command replies', () => {
  assert.deepEqual(decodeSeedReply(Buffer.from('{"msgCode": "heartbeat", "id": "1234", "data": "up 3 hours, 5 minutes"}')),
    { ok: true, reply: { command: 'heartbeat', serial: '1234', data: 'up 3 hours, 5 minutes' } });
  assert.deepEqual(decodeSeedReply(Buffer.from('{"msgCode": "getsnapinfo-ret", "id": 1234, "data": "{\\"type\\":\\"sync\\"}"}')),
    { ok: true, reply: { command: 'getsnapinfo', serial: '1234', data: '{"type":"sync"}' } });
  assert.deepEqual(decodeSeedReply(Buffer.from('{"msgCode": "reboot-ret", "id": "7", "data": "reboot-OK"}')),
    { ok: true, reply: { command: 'reboot', serial: '7', data: 'reboot-OK' } });
});

test('bad replies get a reason', () => {
  const reason = (text: string | Buffer) => {
    const r = decodeSeedReply(Buffer.isBuffer(text) ? text : Buffer.from(text));
    assert.equal(r.ok, false);
    return (r as { reason: string }).reason;
  };
  assert.equal(reason('heartbeat'), 'payload is not JSON');
  assert.match(reason('{"id": "1", "data": ""}'), /^msgCode: /);
  assert.match(reason('{"msgCode": "heartbeat", "id": "1", "data": 5}'), /^data: /);
  assert.equal(reason('{"msgCode": "format-disk-ret", "id": "1", "data": ""}'), 'unknown msgCode "format-disk-ret"');
  assert.match(reason(Buffer.alloc(SEED_MESSAGE_MAX_BYTES + 1, 0x20)), /larger than/);
});
