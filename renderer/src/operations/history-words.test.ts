import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyText, prettyJson } from './history-words.js';

test('each history entry reads as a sentence with its payload', () => {
  const created = historyText({ type: 'created', detail: { by: 'ann', kind: 'snap.refresh', args: { name: 'core22' }, retryOf: 4 } });
  assert.equal(created.title, 'Created by ann, retrying #4');
  assert.deepEqual(created.payload, { label: 'Arguments', value: { name: 'core22' } });
  assert.deepEqual(created.link, { label: '#4', id: 4 });

  const sent = historyText({ type: 'sent', detail: { attempt: 2, via: 'mqtt', request: { kind: 'x', args: {} } } });
  assert.equal(sent.title, 'Sent to the device (attempt 2) over mqtt');
  assert.equal(sent.payload?.label, 'Request');

  assert.equal(historyText({ type: 'delivered', detail: { attempt: 1 } }).title, 'Delivered: the device confirmed receipt (attempt 1)');
  assert.equal(historyText({ type: 'progress', detail: { done: 3, total: 10, summary: 'Download snap' } }).title, 'Progress 3 of 10 — Download snap');
  assert.equal(historyText({ type: 'progress', detail: { done: 1, total: 2, late: true } }).title, 'Progress 1 of 2 (arrived after the end: ignored)');
  assert.equal(historyText({ type: 'no-reply', detail: { attempt: 3, waitedMs: 60000 } }).title, 'No reply within 60 s (attempt 3)');
  assert.equal(historyText({ type: 'requeued', detail: { attempt: 1, reason: 'not sent: offline' } }).title, 'Back in the queue (attempt 1): not sent: offline');
  assert.equal(historyText({ type: 'cancelled', detail: { by: 'bob', wasState: 'queued' } }).title, 'Cancelled by bob while queued');
  const retried = historyText({ type: 'retried', detail: { by: 'bob', operation: 9 } });
  assert.equal(retried.title, 'Retried by bob as #9');
  assert.equal(retried.link?.id, 9);
});

test('replies, failures and unreadable messages carry their reason and tone', () => {
  const ok = historyText({ type: 'reply', detail: { ok: true, result: { snaps: 3 } } });
  assert.deepEqual([ok.title, ok.tone, ok.payload?.value], ['Reply: done', 'ok', { snaps: 3 }]);
  const bad = historyText({ type: 'reply', detail: { ok: false, error: { code: 'snap-not-found', message: 'snap not found' } } });
  assert.deepEqual([bad.title, bad.tone], ['Reply: failed — snap-not-found: snap not found', 'bad']);
  assert.equal(historyText({ type: 'late-reply', detail: { ok: true, result: 1 } }).title, 'A reply after the end (done): kept, not applied');
  assert.equal(historyText({ type: 'duplicate-reply', detail: {} }).title, 'The same reply again: ignored');
  const malformed = historyText({ type: 'malformed', detail: { what: 'reply', reason: 'not JSON', raw: '{oops' } });
  assert.deepEqual([malformed.title, malformed.payload?.value], ['Unreadable reply from the device: not JSON', '{oops']);
  assert.equal(historyText({ type: 'failed', detail: { code: 'no-reply', message: 'no reply after 3 attempts' } }).title, 'Failed — no-reply: no reply after 3 attempts');
  assert.equal(historyText({ type: 'expired', detail: { code: 'expired', message: 'not finished in time' } }).title, 'Expired — not finished in time');
  // a detail of an unexpected shape still reads
  assert.equal(historyText({ type: 'failed', detail: null }).title, 'Failed — no reason given');
});

test('payloads are indented JSON; JSON inside text is unpacked, other text kept', () => {
  assert.equal(prettyJson({ a: 1 }), '{\n  "a": 1\n}');
  assert.equal(prettyJson('{"a":1}'), '{\n  "a": 1\n}');
  assert.equal(prettyJson('{oops'), '{oops');
  assert.equal(prettyJson(null), 'null');
});
