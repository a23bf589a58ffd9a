// The operations queue end to end: HTTP API -> queue -> embedded broker -> an MQTT.js device -> back.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestOutpost, adminWithDevice, waitFor, openLiveStream, type TestOutpost } from '../testing/harness.js';
import { opDevice } from '../testing/op-device.js';

const outposts: TestOutpost[] = [];
after(async () => {
  for (const o of outposts) {
    await o.close();
    o.removeData();
  }
});
async function setup(uid = 'op-dev') {
  const outpost = await startTestOutpost(undefined, { operations: { expirySweepMs: 100, resendDelayMs: 100 } });
  outposts.push(outpost);
  const { api, token } = await adminWithDevice(outpost, uid);
  return { outpost, api, token, uid };
}
// each `data:` line of the stream is one LiveMessage
const liveMessages = (live: { text(): string }): any[] =>
  live.text().split('\n').filter((l) => l.startsWith('data: ')).map((l) => { try { return JSON.parse(l.slice(6)); } catch { return null; } }).filter(Boolean);
const historyTypes = (op: { history: Array<{ type: string }> }) => op.history.map((h) => h.type);

test('an operation for an offline device waits, goes out when it subscribes, and ends with its reply', async () => {
  const { outpost, api, token, uid } = await setup();
  const live = await openLiveStream(outpost.url, api.cookie);
  const created = await api.post(`/api/devices/${uid}/operations`, { kind: 'snap.install', args: { name: 'hello-world', channel: 'stable' } });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal(created.body.state, 'queued');
  const id = created.body.id as number;
  await new Promise((r) => setTimeout(r, 200));
  assert.equal((await api.get(`/api/operations/${id}`)).body.state, 'queued', 'nobody to send it to');

  const device = await opDevice(outpost.mqttPort, uid, token);
  const got = await waitFor(() => device.received.find((r) => r.opId === id), 'the op message');
  assert.equal(got.body.kind, 'snap.install');
  assert.deepEqual(got.body.args, { name: 'hello-world', channel: 'stable' });
  assert.equal(typeof got.body.expiresAt, 'number');
  await waitFor(async () => (await api.get(`/api/operations/${id}`)).body.state === 'delivered', 'delivered after PUBACK');

  await device.progress(id, { done: 1, total: 3, summary: 'Download snap "hello-world"' });
  await waitFor(async () => (await api.get(`/api/operations/${id}`)).body.progress?.done === 1, 'progress stored');
  await device.reply(id, { ok: true, result: { revision: '29' } });
  const done = await waitFor(async () => {
    const r = await api.get(`/api/operations/${id}`);
    return r.body.state === 'succeeded' ? r.body : undefined;
  }, 'succeeded');
  assert.deepEqual(done.result, { revision: '29' });
  assert.deepEqual(historyTypes(done), ['created', 'sent', 'delivered', 'progress', 'reply']);
  assert.equal(done.attempts, 1);
  await waitFor(() => liveMessages(live).some((m) => m.type === 'operation' && m.operation.id === id && m.operation.state === 'succeeded'), 'live stream');
  await live.close();

  const audit = await api.get('/api/audit?action=operation-created');
  assert.equal(audit.body[0].target, `device:${uid}`);
  await device.end();
});

test('a device that never answers: retried, then failed after maxAttempts; a late reply is recorded, not applied', async () => {
  const { outpost, api, token, uid } = await setup();
  const device = await opDevice(outpost.mqttPort, uid, token);
  const created = await api.post(`/api/devices/${uid}/operations`, { kind: 'inventory.refresh', maxAttempts: 2, replyTimeoutSec: 1 });
  const id = created.body.id as number;
  const failed = await waitFor(async () => {
    const r = await api.get(`/api/operations/${id}`);
    return r.body.state === 'failed' ? r.body : undefined;
  }, 'failed', 6000);
  assert.equal(failed.attempts, 2);
  assert.equal(failed.error.code, 'no-reply');
  assert.equal(device.received.filter((r) => r.opId === id).length, 2, 'sent twice, once per attempt');
  assert.deepEqual(historyTypes(failed), ['created', 'sent', 'delivered', 'no-reply', 'sent', 'delivered', 'no-reply', 'failed']);

  await device.reply(id, { ok: true, result: 'too late' });
  const after = await waitFor(async () => {
    const r = await api.get(`/api/operations/${id}`);
    return r.body.history.some((h: { type: string }) => h.type === 'late-reply') ? r.body : undefined;
  }, 'late reply recorded');
  assert.equal(after.state, 'failed');
  assert.equal(after.result, null);
  await device.end();
});

test('TTL expires a waiting operation; cancel ends a queued one; retry makes a linked new one', async () => {
  const { outpost, api, uid } = await setup();
  const short = await api.post(`/api/devices/${uid}/operations`, { kind: 'system.reboot', ttlSec: 1 });
  const expired = await waitFor(async () => {
    const r = await api.get(`/api/operations/${short.body.id}`);
    return r.body.state === 'expired' ? r.body : undefined;
  }, 'expired', 4000);
  assert.equal(expired.error.code, 'expired');

  const queued = await api.post(`/api/devices/${uid}/operations`, { kind: 'system.reboot' });
  const cancelled = await api.post(`/api/operations/${queued.body.id}/cancel`);
  assert.equal(cancelled.status, 200);
  assert.equal(cancelled.body.state, 'cancelled');
  const again = await api.post(`/api/operations/${queued.body.id}/cancel`);
  assert.equal(again.status, 409);
  assert.match(again.body.error, /already ended \(cancelled\)/);

  const retried = await api.post(`/api/operations/${queued.body.id}/retry`);
  assert.equal(retried.status, 200);
  assert.equal(retried.body.retryOf, queued.body.id);
  assert.equal(retried.body.state, 'queued');
  const notFinished = await api.post(`/api/operations/${retried.body.id}/retry`);
  assert.equal(notFinished.status, 409);
  const old = await api.get(`/api/operations/${queued.body.id}`);
  assert.ok(old.body.history.some((h: { type: string; detail: { operation: number } }) => h.type === 'retried' && h.detail.operation === retried.body.id));

  const list = await api.get(`/api/operations?device=${uid}&state=expired,cancelled`);
  assert.deepEqual(list.body.operations.map((o: { id: number }) => o.id), [queued.body.id, short.body.id]);
  const cancelAudit = await api.get('/api/audit?action=operation-cancelled');
  assert.equal(cancelAudit.body.length, 1);
});

test('one operation at a time per device, in creation order; parallel-safe kinds go beside it', async () => {
  const { outpost, api, token, uid } = await setup();
  const first = (await api.post(`/api/devices/${uid}/operations`, { kind: 'snap.refresh', args: { name: 'core22' } })).body.id as number;
  const second = (await api.post(`/api/devices/${uid}/operations`, { kind: 'snap.remove', args: { name: 'hello-world' } })).body.id as number;
  const inventory = (await api.post(`/api/devices/${uid}/operations`, { kind: 'inventory.refresh' })).body.id as number;
  const device = await opDevice(outpost.mqttPort, uid, token);
  await waitFor(() => device.received.length >= 2, 'two ops');
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(device.received.map((r) => r.opId).sort(), [first, inventory].sort(), 'the second waits for the first');
  await device.reply(first, { ok: false, error: { code: 'snap-not-found', message: 'snap "core22" not found' } });
  await waitFor(() => device.received.some((r) => r.opId === second), 'the second goes out after the first ended');
  const firstOp = (await api.get(`/api/operations/${first}`)).body;
  assert.equal(firstOp.state, 'failed');
  assert.deepEqual(firstOp.error, { code: 'snap-not-found', message: 'snap "core22" not found' });
  await device.end();
});

test('malformed replies and progress are recorded and do not end the operation; duplicates and strangers are ignored', async () => {
  const { outpost, api, token, uid } = await setup();
  const device = await opDevice(outpost.mqttPort, uid, token);
  const id = (await api.post(`/api/devices/${uid}/operations`, { kind: 'inventory.refresh' })).body.id as number;
  await waitFor(() => device.received.some((r) => r.opId === id), 'op');
  await device.reply(id, 'not json');
  await device.reply(id, { ok: 'yes' });
  await device.progress(id, { done: -1, total: 2 });
  await device.reply(999_999, { ok: true });
  await device.progress(888_888, { done: 1, total: 2 });
  await device.progress(id, { done: 1, total: 2, summary: 'x'.repeat(300 * 1024) });
  await device.reply(id, { ok: true, result: 1 });
  await device.reply(id, { ok: true, result: 1 });
  const op = await waitFor(async () => {
    const r = await api.get(`/api/operations/${id}`);
    return r.body.history.some((h: { type: string }) => h.type === 'duplicate-reply') ? r.body : undefined;
  }, 'all recorded');
  assert.equal(op.state, 'succeeded');
  assert.equal(op.result, 1);
  const malformed = op.history.filter((h: { type: string }) => h.type === 'malformed');
  assert.equal(malformed.length, 4);
  assert.equal(malformed[0].detail.reason, 'payload is not JSON');
  assert.equal(malformed[0].detail.raw, 'not json');
  assert.match(malformed[3].detail.reason, /^payload of \d+ bytes is larger than 262144$/);
  assert.ok(malformed[3].detail.raw.length <= 2001, 'an oversized payload is not kept whole');
  const events = await api.get(`/api/devices/${uid}/events`);
  assert.ok(events.body.some((e: { message: string }) => /operation 999999, which is not one of this device's/.test(e.message)));
  assert.ok(events.body.some((e: { message: string; count: number }) => /operation 888888, which is not one of this device's/.test(e.message) || (/not one of this device's/.test(e.message) && e.count > 1)),
    'progress for an unknown operation is noted too');
  await device.end();
});

test('a device may not publish operations, not even to itself', async () => {
  const { outpost, api, token, uid } = await setup();
  const device = await opDevice(outpost.mqttPort, uid, token);
  await device.client.publishAsync(`outpost/v1/${uid}/op/5`, '{"kind":"system.reboot","args":{},"expiresAt":null}', { qos: 0 });
  await waitFor(async () => (await api.get(`/api/devices/${uid}/events`)).body.some((e: { message: string }) => /only Outpost publishes on op\//.test(e.message)), 'refusal event');
  assert.equal(device.received.length, 0);
  await device.end();
});

test('?wait= answers with the finished operation', async () => {
  const { outpost, api, token, uid } = await setup();
  const device = await opDevice(outpost.mqttPort, uid, token);
  device.client.on('message', (topic) => {
    const m = /\/op\/(\d+)$/.exec(topic);
    if (m) void device.reply(Number(m[1]), { ok: true, result: { echoed: true } });
  });
  const r = await api.post(`/api/devices/${uid}/operations?wait=5`, { kind: 'custom.echo', args: { any: ['json'] } });
  assert.equal(r.status, 200);
  assert.equal(r.body.state, 'succeeded');
  assert.deepEqual(r.body.result, { echoed: true });
  // the device was idle, so it went at once: inserted as sent, with the same history as through the queue
  const detail = await api.get(`/api/operations/${r.body.id}`);
  assert.equal(detail.body.attempts, 1);
  assert.ok(detail.body.sentAt >= detail.body.createdAt);
  const types = historyTypes(detail.body);
  assert.deepEqual(types.filter((t) => t !== 'delivered'), ['created', 'sent', 'reply']);
  const sent = detail.body.history.find((h: { type: string }) => h.type === 'sent');
  assert.deepEqual(sent.detail, { attempt: 1, via: 'mqtt', request: { kind: 'custom.echo', args: { any: ['json'] }, expiresAt: detail.body.expiresAt } });
  assert.equal(detail.body.history.find((h: { type: string }) => h.type === 'created').state, 'queued');
  await device.end();
});

test('bad requests get clear 4xx errors', async () => {
  const { api, uid } = await setup();
  const bad = async (body: unknown, path = `/api/devices/${uid}/operations`) => api.post(path, body);
  let r = await bad({ kind: 'snap.install', args: {} });
  assert.equal(r.status, 400);
  assert.match(JSON.stringify(r.body), /args\.name/);
  r = await bad({ kind: 'snap.install', args: { name: 'Hello World' } });
  assert.equal(r.status, 400);
  assert.match(JSON.stringify(r.body), /lower-case letters/);
  r = await bad({ kind: 'snap.install', args: { name: 'x', channel: 'stable', revision: '3' } });
  assert.match(JSON.stringify(r.body), /a channel or a revision, not both/);
  r = await bad({ kind: 'Not A Kind' });
  assert.equal(r.status, 400);
  r = await bad({ kind: 'custom.big', args: { blob: 'x'.repeat(20_000) } });
  assert.equal(r.status, 400);
  assert.match(JSON.stringify(r.body), /larger than 16 KiB/);
  r = await bad({ kind: 'system.reboot' }, '/api/devices/nope/operations');
  assert.equal(r.status, 404);
  assert.equal((await api.get('/api/operations/abc')).status, 404);
  assert.equal((await api.get('/api/operations/424242')).status, 404);
  assert.equal((await api.get('/api/operations?state=bogus')).status, 400);
  r = await bad({ kind: 'system.reboot', target: { tag: 'no-such-tag' } }, '/api/operation-batches');
  assert.equal(r.status, 400);
  assert.match(r.body.error, /no device has the tag "no-such-tag"/);
});

test('viewers read operations but cannot create or cancel them', async () => {
  const { outpost, api, uid } = await setup();
  const op = (await api.post(`/api/devices/${uid}/operations`, { kind: 'system.reboot' })).body;
  await api.post('/api/users', { username: 'watcher', password: 'watcher-password', role: 'viewer' });
  const { ApiClient } = await import('../testing/harness.js');
  const viewer = new ApiClient(outpost.url);
  await viewer.post('/api/login', { username: 'watcher', password: 'watcher-password' });
  assert.equal((await viewer.get(`/api/operations/${op.id}`)).status, 200);
  assert.equal((await viewer.post(`/api/devices/${uid}/operations`, { kind: 'system.reboot' })).status, 403);
  assert.equal((await viewer.post(`/api/operations/${op.id}/cancel`)).status, 403);
});

test('a bulk operation for a tag: one child per device and a live summary', async () => {
  const { outpost, api, token, uid } = await setup('bulk-a');
  await api.post('/api/devices', { uid: 'bulk-b', name: 'B', tags: ['test'] });
  await api.post('/api/devices', { uid: 'bulk-c', name: 'C', tags: ['other'] });
  const live = await openLiveStream(outpost.url, api.cookie);
  const r = await api.post('/api/operation-batches', { kind: 'system.reboot', target: { tag: 'test' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.summary.total, 2);
  assert.equal(r.body.summary.queued, 2);
  const children = (await api.get(`/api/operations?batch=${r.body.id}`)).body.operations;
  assert.deepEqual(children.map((o: { deviceUid: string }) => o.deviceUid).sort(), ['bulk-a', 'bulk-b']);

  const device = await opDevice(outpost.mqttPort, uid, token);
  const child = children.find((o: { deviceUid: string }) => o.deviceUid === uid);
  await waitFor(() => device.received.some((x) => x.opId === child.id), 'child op');
  await device.reply(child.id, { ok: true });
  await waitFor(() => liveMessages(live).some((m) => m.type === 'batch' && m.batch.id === r.body.id && m.batch.summary.succeeded === 1 && m.batch.summary.queued === 1), 'live summary');
  const batch = await api.get(`/api/operation-batches/${r.body.id}`);
  assert.equal(batch.body.summary.succeeded, 1);
  const byUids = await api.post('/api/operation-batches', { kind: 'system.reboot', target: { uids: ['bulk-c', 'ghost'] } });
  assert.equal(byUids.body.summary.total, 1);
  assert.deepEqual(byUids.body.unknown, ['ghost']);
  await live.close();
  await device.end();
});
