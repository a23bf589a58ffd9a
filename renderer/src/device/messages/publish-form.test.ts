import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPublish, fieldOfServerError, MAX_PAYLOAD_CHARS, type PublishFields } from './publish-form.js';

const root = 'outpost/v1/d1/';
const form = (f: Partial<PublishFields>): PublishFields => ({ topic: `${root}cmd`, payload: '{}', qos: '0', retain: false, encoding: 'text', ...f });

test('a topic under the root with a payload may be sent', () => {
  assert.deepEqual(checkPublish(form({}), root), {});
  assert.deepEqual(checkPublish(form({ topic: `  ${root}a/b  ` }), root), {});
});

test('each bad field gets its own sentence', () => {
  assert.match(checkPublish(form({ topic: '' }), root).topic!, /Enter a topic/);
  assert.match(checkPublish(form({ topic: root }), root).topic!, /must be under outpost\/v1\/d1\//);
  assert.match(checkPublish(form({ topic: 'outpost/v1/d2/cmd' }), root).topic!, /must be under/);
  assert.match(checkPublish(form({ topic: `${root}#` }), root).topic!, /wildcards/);
  assert.match(checkPublish(form({ payload: 'x'.repeat(MAX_PAYLOAD_CHARS + 1) }), root).payload!, /too long/);
  assert.match(checkPublish(form({ payload: 'not base64!', encoding: 'base64' }), root).payload!, /not valid base64/);
  assert.match(checkPublish(form({ qos: '2' }), root).qos!, /QoS must be 0 or 1/);
});

test("server errors go next to the field they are about", () => {
  assert.equal(fieldOfServerError("the topic must be under outpost/v1/d1/, the device's own topic root"), 'topic');
  assert.equal(fieldOfServerError("the message would be a 2004-byte MQTT packet; the broker's limit is 1024 bytes"), 'payload');
  assert.equal(fieldOfServerError('invalid body: qos: QoS must be 0 or 1'), 'qos');
  assert.equal(fieldOfServerError('Publish: needs the operator role, you are viewer'), 'form');
});
