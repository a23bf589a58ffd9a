// The live message 'lwm2m-objects' on GET /api/stream: a notification of an observed resource
// publishes its value, and each change of the device's observations carries the full list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveMessage } from '../contract/api.js';
import { openLiveStream, waitFor } from '../testing/harness.js';
import { createLwm2mClient } from '../../agent/lwm2m/index.js';
import { resultOf, setupDm } from './dm-test-support.js';

type ObjectsMessage = Extract<LiveMessage, { type: 'lwm2m-objects' }>;

/** The 'lwm2m-objects' messages in the stream's text so far (SSE: "event: …" then "data: {json}"). */
function objectsMessages(text: string): ObjectsMessage[] {
  return text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)) as LiveMessage)
    .filter((m): m is ObjectsMessage => m.type === 'lwm2m-objects');
}

test("live 'lwm2m-objects': a notification's value, and the full observations list at each change", async () => {
  const dm = await setupDm('live-obj', (server) => createLwm2mClient({ server, endpoint: 'live-obj', lwm2mVersion: '1.1', intervalMs: 0, requestTimeoutMs: 1000, workMs: 50 }));
  const live = await openLiveStream(dm.outpost.url, dm.api.cookie);
  try {
    resultOf(await dm.op('lwm2m.observe', { path: '/3303/0/5700' }));
    resultOf(await dm.op('lwm2m.observe', { path: '/3/0/9' }));
    const both = await waitFor(() => objectsMessages(live.text()).find((m) => m.observations?.length === 2), 'the observations list with both');
    assert.equal(both.uid, 'live-obj');
    assert.deepEqual(both.observations!.map((o) => o.paths).sort(), [['/3/0/9'], ['/3303/0/5700']]);

    // the device's temperature changes: its notification reaches the stream
    dm.client.set('/3303/0/5700', 42.5);
    const notified = await waitFor(() => objectsMessages(live.text()).find((m) => m.values.some((v) => v.path === '/3303/0/5700' && v.source === 'notify' && v.value === 42.5)), 'the notified value on the stream');
    assert.equal(notified.uid, 'live-obj');
    assert.equal(notified.values.find((v) => v.path === '/3303/0/5700')!.type, 'float');

    // one observation cancelled: the message lists the one left, not just what changed
    const seen = objectsMessages(live.text()).length;
    resultOf(await dm.op('lwm2m.cancel-observe', { path: '/3/0/9' }));
    const after = await waitFor(() => objectsMessages(live.text()).slice(seen).find((m) => m.observations !== undefined), 'the observations list after the cancel');
    assert.deepEqual(after.observations!.map((o) => [o.paths, o.state]), [[['/3303/0/5700'], 'active']]);
  } finally {
    await live.close();
    await dm.close();
  }
});
