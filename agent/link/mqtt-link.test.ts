// The link without a reachable server: it keeps retrying on the backoff schedule and stops promptly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLog } from '../log.js';
import { freePort } from '../testing/mosquitto.js';
import { sleep } from '../testing/wait.js';
import { MqttLink } from './mqtt-link.js';

test('with nothing listening the link retries with backoff, publish refuses, and stop returns at once', async () => {
  const port = await freePort();
  const link = new MqttLink({
    host: '127.0.0.1', port, uid: 'nobody', token: 't', backoff: { initialMs: 20, maxMs: 80 }, log: silentLog,
    onOperation: async () => undefined,
  });
  link.start();
  await sleep(600);
  // ~20-80 ms per attempt: several attempts in 600 ms, but not a tight loop
  assert.ok(link.failedAttempts >= 4 && link.failedAttempts <= 40, `${link.failedAttempts} attempts`);
  assert.equal(link.connected, false);
  await assert.rejects(link.publish('outpost/v1/nobody/inventory', '{}', { qos: 1 }), /not connected/);
  const t0 = Date.now();
  await link.stop();
  assert.ok(Date.now() - t0 < 500, `stop took ${Date.now() - t0} ms`);
  const attempts = link.failedAttempts;
  await sleep(200);
  assert.equal(link.failedAttempts, attempts, 'no attempts after stop');
});
