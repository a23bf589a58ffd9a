import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeFixture } from '../testing/store-fixture.js';
import { enforceUidsUniqueIgnoringCase } from './uid-case.js';

test('uids are unique without regard to case', () => {
  const f = storeFixture(undefined, 'pump-7');
  try {
    assert.deepEqual(enforceUidsUniqueIgnoringCase(f.db), []);
    assert.throws(() => f.devices.create({ uid: 'PUMP-7', name: 'other', tags: [] }),
      /device pump-7 already exists \(uids are unique without regard to case\)/);
    // the database itself refuses it too, whatever path a row comes from
    assert.throws(() => f.db.$client.prepare("INSERT INTO devices (uid, name, tags, created_at) VALUES ('Pump-7', 'x', '[]', 0)").run(), /UNIQUE/);
  } finally {
    f.done();
  }
});

test('an existing database with uids differing only by case is reported, not merged', () => {
  const f = storeFixture(undefined, 'pump-7');
  try {
    // as an older Outpost could have stored them
    f.db.$client.prepare("INSERT INTO devices (uid, name, tags, created_at) VALUES ('PUMP-7', 'upper', '[]', 0)").run();
    f.db.$client.prepare("INSERT INTO devices (uid, name, tags, created_at) VALUES ('x', 'x', '[]', 0)").run();
    const warnings = enforceUidsUniqueIgnoringCase(f.db);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /PUMP-7, pump-7|pump-7, PUMP-7/);
    assert.ok(f.devices.get('PUMP-7') && f.devices.get('pump-7'), 'both kept');
    // once one is deleted, the next start enforces it
    f.devices.remove('PUMP-7');
    assert.deepEqual(enforceUidsUniqueIgnoringCase(f.db), []);
    assert.throws(() => f.devices.create({ uid: 'PUMP-7', name: 'again', tags: [] }), /already exists/);
  } finally {
    f.done();
  }
});
