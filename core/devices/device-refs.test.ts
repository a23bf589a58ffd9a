import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeFixture } from '../testing/store-fixture.js';

test('device refs read in bulk after many misses are the devices as stored, and follow changes and removals', () => {
  const f = storeFixture(undefined, 'first');
  try {
    const uids = Array.from({ length: 150 }, (_, i) => `dev-${i}`);
    for (const uid of uids) f.devices.create({ uid, name: uid, tags: [], dialect: uid.endsWith('7') ? 'lwm2m' : 'native' });
    assert.equal(f.devices.ref('nobody'), undefined);
    // past 64 misses every device is read at once; each ref is the device's own either way
    for (const uid of uids) {
      const r = f.devices.ref(uid);
      assert.equal(r?.uid, uid);
      assert.equal(r?.id, f.devices.get(uid)!.id);
      assert.equal(r?.dialect, uid.endsWith('7') ? 'lwm2m' : 'native');
    }
    f.devices.update('dev-149', { dialect: 'lwm2m' });
    assert.equal(f.devices.ref('dev-149')?.dialect, 'lwm2m');
    f.devices.remove('dev-148');
    assert.equal(f.devices.ref('dev-148'), undefined);
    // a device created after the bulk read is found too
    f.devices.create({ uid: 'late', name: 'late', tags: [] });
    assert.equal(f.devices.ref('late')?.id, f.devices.get('late')!.id);
    for (let i = 0; i < 100; i++) assert.equal(f.devices.ref(`unknown-${i}`), undefined);
    assert.equal(f.devices.ref('dev-148'), undefined, 'still gone after another bulk read');
  } finally {
    f.done();
  }
});
