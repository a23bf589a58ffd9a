import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Outbox } from './outbox.js';

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'outbox-')), 'outbox');
const progress = (opId: string, done: number) => ({ channel: 'progress' as const, opId, payload: JSON.stringify({ done, total: 10 }) });
const reply = (opId: string) => ({ channel: 'reply' as const, opId, payload: JSON.stringify({ ok: true }) });

async function contents(box: Outbox): Promise<string[]> {
  const out: string[] = [];
  for (const e of box.list()) {
    const m = await box.load(e.seq);
    out.push(`${m!.channel}:${m!.opId ?? ''}:${m!.payload}`);
  }
  return out;
}

test('messages are on disk before append resolves and come back in order after a reopen', async () => {
  const dir = freshDir();
  const box = await Outbox.open(dir);
  await box.append(progress('a', 1));
  await box.append(progress('a', 2));
  await box.append(reply('a'));
  await box.append({ channel: 'inventory', payload: '{"collectedAt":1}' });
  assert.equal(readdirSync(dir).filter((n) => n.endsWith('.json')).length, 4);

  const again = await Outbox.open(dir);
  assert.deepEqual(await contents(again), await contents(box));
  assert.equal(again.size, 4);
  assert.equal((await contents(again))[2], 'reply:a:{"ok":true}');
});

test('remove forgets a message for good, and new messages continue after the old sequence numbers', async () => {
  const dir = freshDir();
  const box = await Outbox.open(dir);
  await box.append(reply('a'));
  await box.append(reply('b'));
  await box.remove(box.peek()!.seq);
  const again = await Outbox.open(dir);
  assert.deepEqual((await contents(again)).map((c) => c.split(':')[1]), ['b']);
  await again.append(reply('c'));
  const third = await Outbox.open(dir);
  assert.deepEqual((await contents(third)).map((c) => c.split(':')[1]), ['b', 'c']);
});

test('concurrent appends keep their call order', async () => {
  const box = await Outbox.open(freshDir());
  await Promise.all(Array.from({ length: 30 }, (_, i) => box.append(progress('x', i))));
  assert.deepEqual(box.list().map((e, i) => (e.seq > (box.list()[i - 1]?.seq ?? 0) ? 'ok' : 'bad')), Array(30).fill('ok'));
  const dones = (await contents(box)).map((c) => JSON.parse(c.split(':').slice(2).join(':')).done as number);
  assert.deepEqual(dones, Array.from({ length: 30 }, (_, i) => i));
});

test('a temporary file left by a crash before its rename is ignored and cleaned up', async () => {
  const dir = freshDir();
  const box = await Outbox.open(dir);
  await box.append(reply('a'));
  writeFileSync(join(dir, '.tmp-000000000002.json'), '{"channel":"reply","opId":"b","payl');
  const again = await Outbox.open(dir);
  assert.equal(again.size, 1);
  assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.tmp-')), []);
});

test('below the threshold nothing is coalesced: every progress message is kept', async () => {
  const box = await Outbox.open(freshDir(), { coalesceAbove: 10 });
  for (let i = 0; i < 5; i++) await box.append(progress('a', i));
  assert.equal(box.size, 5);
});

test('a long outbox keeps only the latest progress per operation and the latest inventory, and every reply', async () => {
  const box = await Outbox.open(freshDir(), { coalesceAbove: 3 });
  await box.append(progress('a', 1));
  await box.append(reply('z'));
  await box.append(progress('b', 1));
  await box.append({ channel: 'inventory', payload: '{"collectedAt":1}' });
  // from here on the outbox is "long"
  await box.append(progress('a', 2));
  await box.append(reply('y'));
  await box.append({ channel: 'inventory', payload: '{"collectedAt":2}' });
  await box.append(progress('a', 3));
  assert.deepEqual(await contents(box), [
    'reply:z:{"ok":true}',
    'progress:b:{"done":1,"total":10}',
    'reply:y:{"ok":true}',
    'inventory::{"collectedAt":2}',
    'progress:a:{"done":3,"total":10}',
  ]);
});

test('over the byte bound progress and inventory are refused, replies are still kept', async () => {
  const box = await Outbox.open(freshDir(), { maxBytes: 100 });
  assert.equal(await box.append({ channel: 'inventory', payload: 'x'.repeat(90) }), true);
  assert.equal(await box.append(progress('a', 1)), false);
  assert.equal(await box.append(reply('a')), true);
  assert.deepEqual(box.list().map((e) => e.channel), ['inventory', 'reply']);
});
