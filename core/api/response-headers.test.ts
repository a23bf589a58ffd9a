// Every answer of the API carries the security headers and no-store, whichever way it was made:
// a routes-table answer, one that sets a cookie, an error.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestOutpost, ApiClient } from '../testing/harness.js';
import { CONTENT_SECURITY_POLICY } from './guard.js';

const outpost = await startTestOutpost();
after(async () => {
  await outpost.close();
  outpost.removeData();
});

const expectStandard = (headers: Headers, what: string) => {
  assert.equal(headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, what);
  assert.equal(headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(headers.get('x-frame-options'), 'DENY', what);
  assert.equal(headers.get('referrer-policy'), 'no-referrer', what);
  assert.equal(headers.get('cache-control'), 'no-store', what);
  assert.match(headers.get('content-type') ?? '', /^application\/json/, what);
};

test('API answers carry the security headers and no-store: plain, with a cookie, and errors', async () => {
  const api = new ApiClient(outpost.url);
  const setup = await api.post('/api/setup', { username: 'owner', password: 'correct horse' });
  assert.equal(setup.status, 200);
  assert.match(setup.headers.get('set-cookie') ?? '', /HttpOnly/i, 'the cookie the handler set');
  expectStandard(setup.headers, 'setup');
  const devices = await api.get('/api/devices');
  assert.equal(devices.status, 200);
  assert.ok(Array.isArray(devices.body));
  assert.equal(devices.headers.get('set-cookie'), null);
  assert.equal(Number(devices.headers.get('content-length')), Buffer.byteLength(JSON.stringify(devices.body)));
  expectStandard(devices.headers, 'a routes-table answer');
  const missing = await api.get('/api/devices/nobody');
  assert.equal(missing.status, 404);
  expectStandard(missing.headers, 'an error');
  const logout = await api.post('/api/logout');
  assert.match(logout.headers.get('set-cookie') ?? '', /Max-Age=0|Expires=Thu, 01 Jan 1970/i, 'the cookie cleared');
  expectStandard(logout.headers, 'logout');
});
