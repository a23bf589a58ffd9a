import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PipelineStore } from './pipeline-store.js';

test('PipelineStore writes one point per value and keeps the last value per series', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-pipeline-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const store = new PipelineStore(join(dir, 'peer.db'));
  const m = (uid: string, o: unknown) => ({ uid, payload: Buffer.from(JSON.stringify(o)) });
  const n = store.write([
    m('a', { ts: 1000, temperature: 21.5, humidity: 40 }),
    m('a', { ts: 2000, temperature: 22, on: true, label: 'x', nested: { no: 1 } }),
    m('b', { temperature: 1 }),
    { uid: 'b', payload: Buffer.from('not json') },
  ]);
  assert.equal(n, 6);
  assert.equal(store.rejected, 1);
  const db = store.db;
  assert.equal(db.prepare('select count(*) from points').pluck().get(), 6);
  assert.equal(db.prepare('select count(*) from series').pluck().get(), 5);
  const t1 = db.prepare("select s.last_ts, s.last_value from series s join devices d on d.id = s.device_id where d.uid = 'a' and s.key = 'temperature'").get();
  assert.deepEqual(t1, { last_ts: 2000, last_value: '22' });
  assert.equal(db.prepare("select str from points where str is not null").pluck().get(), 'x');
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 2); // FULL, as core/db/open.ts
  store.close();
});
