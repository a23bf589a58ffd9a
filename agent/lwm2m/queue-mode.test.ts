// Queue mode: the device listens only awakeMs after an uplink; requests that arrive while it
// sleeps get no answer at all (libcoap's coap-client waits in vain), and after the next uplink
// they are answered again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CT } from '../../core/codecs/lwm2m/index.js';
import { createLwm2mClient, type Lwm2mClient } from './index.js';
import { coapClient } from './testing/coap-client.js';
import { startRegistrar, type Registrar } from './testing/registrar.js';
import { until } from './testing/until.js';

describe('queue mode', () => {
  let reg: Registrar;
  let c: Lwm2mClient;
  before(async () => {
    reg = await startRegistrar();
    c = createLwm2mClient({ server: `coap://127.0.0.1:${reg.port}`, endpoint: 'sleepy', lwm2mVersion: '1.0', queueMode: true, awakeMs: 800, intervalMs: 0 });
    await c.start();
  });
  after(async () => {
    await c.stop();
    await reg.close();
  });

  it('registers with b=UQ and answers while awake', async () => {
    assert.ok((await reg.waitFor((s) => s.path === '/rd')).query.includes('b=UQ'));
    const r = await coapClient(`coap://127.0.0.1:${c.port}/3/0/2`, { accept: CT.TEXT });
    assert.equal(r.code, '2.05');
    assert.equal(r.payload.toString(), 'sleepy');
  });

  it('does not answer after the awake window, and answers again after its next Update', async () => {
    await until('sleep', () => c.asleep);
    const asleep = await coapClient(`coap://127.0.0.1:${c.port}/3/0/2`, { accept: CT.TEXT, waitSeconds: 1 });
    assert.deepEqual(asleep.codes, [], 'a sleeping radio answers nothing');
    await c.update();
    assert.equal(c.asleep, false);
    const awake = await coapClient(`coap://127.0.0.1:${c.port}/3/0/2`, { accept: CT.TEXT });
    assert.equal(awake.code, '2.05');
  });

  it('wakes to send a notification, which opens a new window', async () => {
    await c.update();
    const observing = coapClient(`coap://127.0.0.1:${c.port}/3303/0/5700`, { accept: CT.TEXT, observeSeconds: 2, waitSeconds: 3 });
    await until('the observation', () => c.observationCount === 1);
    await until('sleep', () => c.asleep);
    c.set('/3303/0/5700', 40.25);
    await until('waking up', () => !c.asleep);
    const r = await observing;
    assert.match(r.log, /:: '40.25'/);
  });
});
