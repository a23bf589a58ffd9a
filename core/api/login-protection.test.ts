// Login protection against a real Outpost over real HTTP: failed-login waits, timing of unknown
// names, the password-hash bound, and what the audit log keeps of a mistyped name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startTestOutpost, ApiClient, type TestOutpost } from '../testing/harness.js';
import type { OutpostOptions } from '../app.js';

const OWNER = { username: 'owner', password: 'correct horse' };

async function withOutpost(options: Partial<OutpostOptions>, fn: (o: TestOutpost, admin: ApiClient) => Promise<void>) {
  const outpost = await startTestOutpost(undefined, options);
  try {
    const admin = new ApiClient(outpost.url);
    assert.equal((await admin.post('/api/setup', OWNER)).status, 200);
    await fn(outpost, admin);
  } finally {
    await outpost.close();
    outpost.removeData();
  }
}

/** A login from a chosen loopback address (fetch cannot pick its source address). */
function loginFrom(url: string, localAddress: string, body: object): Promise<{ status: number; retryAfter: string | undefined; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/login`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => { text += d; }).on('end', () =>
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: JSON.parse(text) }));
    });
    req.on('error', reject).end(JSON.stringify(body));
  });
}

test('brute force on one username: 429 with Retry-After and a clear message; after the wait the right password works', async () => {
  let skew = 0;
  // three failures instead of five: fewer slow hashes
  await withOutpost({ loginThrottle: { userFailures: 3, now: () => Date.now() + skew } }, async (outpost) => {
    const c = new ApiClient(outpost.url);
    for (let i = 0; i < 3; i++) {
      assert.equal((await c.post('/api/login', { username: 'owner', password: `guess ${i}` })).status, 401);
    }
    const refused = await c.post('/api/login', { username: 'owner', password: 'guess 3' });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '30');
    assert.equal(refused.body.error, 'Too many failed logins for this account. Try again in 30 s.');
    // refused without looking at the password: the right one is refused too
    assert.equal((await c.post('/api/login', OWNER)).status, 429);

    skew += 30_000;
    assert.equal((await c.post('/api/login', OWNER)).status, 200, 'the right password works after the wait');
    // and started the name afresh: three more failures before the next wait, which is the first one again
    for (let i = 0; i < 3; i++) {
      assert.equal((await c.post('/api/login', { username: 'owner', password: `again ${i}` })).status, 401);
    }
    assert.equal((await c.post('/api/login', OWNER)).headers.get('retry-after'), '30');
  });
});

test('one address trying many usernames is refused; another address is not', async () => {
  await withOutpost({ loginThrottle: { addressFailures: 3 } }, async (outpost) => {
    for (const username of ['alice', 'bob', 'carol']) {
      assert.equal((await loginFrom(outpost.url, '127.0.0.1', { username, password: 'password-1' })).status, 401);
    }
    const refused = await loginFrom(outpost.url, '127.0.0.1', OWNER);
    assert.equal(refused.status, 429);
    assert.equal(refused.retryAfter, '30');
    assert.match(refused.body.error, /^Too many failed logins from your address\. Try again in 30 s\.$/);
    assert.equal((await loginFrom(outpost.url, '127.0.0.2', OWNER)).status, 200);
  });
});

test('a name that is not a user is not stored in the audit log; the client address is', async () => {
  await withOutpost({}, async (outpost, admin) => {
    const typed = 'Summer2024secret';
    assert.equal((await new ApiClient(outpost.url).post('/api/login', { username: typed, password: 'whatever-1' })).status, 401);
    assert.equal((await new ApiClient(outpost.url).post('/api/login', OWNER)).status, 200);
    const audit = (await admin.get('/api/audit')).body as Array<{ actor: string; action: string; target: string | null; detail: any; source: string | null }>;
    assert.ok(!JSON.stringify(audit).includes(typed), 'the typed name appears nowhere');
    const failed = audit.find((e) => e.action === 'login-failed');
    assert.equal(failed?.actor, '(unknown user)');
    assert.equal(failed?.target, null);
    assert.equal(failed?.detail.typedLength, typed.length);
    assert.match(failed?.detail.typedHint, /^[0-9a-f]{4}$/);
    assert.equal(failed?.source, '127.0.0.1');
    assert.equal(audit.find((e) => e.action === 'login')?.source, '127.0.0.1');
  });
});

test('an unknown username takes about as long as a known one with a wrong password', async () => {
  await withOutpost({}, async (outpost) => {
    const c = new ApiClient(outpost.url);
    const time = async (username: string) => {
      const start = performance.now();
      assert.equal((await c.post('/api/login', { username, password: 'wrong password' })).status, 401);
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) { // interleaved, so that a busy moment of the machine hits both
      known.push(await time('owner'));
      unknown.push(await time(`nobody-${i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    assert.ok(median(unknown) >= 0.5 * median(known), `unknown ${unknown.map(Math.round)} ms vs known ${known.map(Math.round)} ms`);
  });
});

test('a flood of logins does not hold up static files or the API', async () => {
  const uiDir = mkdtempSync(join(tmpdir(), 'outpost-ui-'));
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Outpost</title>');
  try {
    await withOutpost({ uiDir }, async (outpost, admin) => {
      let loginsDone = 0;
      // a mix the failed-login limits let through: the owner (right password) and unknown names
      const logins = Array.from({ length: 8 }, (_, i) =>
        new ApiClient(outpost.url).post('/api/login', i < 4 ? OWNER : { username: `flood-${i}`, password: 'wrong password' })
          .then((r) => { loginsDone++; return r.status; }));
      await new Promise((r) => setTimeout(r, 150)); // let the logins reach the server and start hashing
      const page = fetch(`${outpost.url}/`).then(async (r) => ({ status: r.status, text: await r.text(), loginsDone }));
      const me = admin.get('/api/me').then((r) => ({ status: r.status, loginsDone }));
      const [p, m] = await Promise.all([page, me]);
      assert.equal(p.status, 200);
      assert.match(p.text, /<title>Outpost<\/title>/);
      assert.equal(m.status, 200);
      // each hash takes ~0.3 s: answered while most logins still wait
      assert.ok(p.loginsDone <= 3, `the page came after ${p.loginsDone} of 8 logins`);
      assert.ok(m.loginsDone <= 3, `/api/me came after ${m.loginsDone} of 8 logins`);
      assert.deepEqual((await Promise.all(logins)).sort(), [200, 200, 200, 200, 401, 401, 401, 401]);
    });
  } finally {
    rmSync(uiDir, { recursive: true, force: true });
  }
});

test('when too many hashes wait, logins are refused at once with 503 and Retry-After, and that is no failed login', async () => {
  // four failures from the address lock it: two refusals and two wrong passwords must not
  await withOutpost({ passwordHashing: { concurrency: 1, maxWaiting: 1 }, loginThrottle: { addressFailures: 4 } }, async (outpost) => {
    const results = await Promise.all(Array.from({ length: 4 }, () => new ApiClient(outpost.url).post('/api/login', OWNER)));
    const busy = results.filter((r) => r.status === 503);
    assert.equal(results.filter((r) => r.status === 200).length, 2, 'one hashing, one waiting');
    assert.equal(busy.length, 2);
    assert.match(busy[0]!.body.error, /^Outpost is busy checking other passwords\. Try again in \d+ s\.$/);
    assert.match(busy[0]!.headers.get('retry-after') ?? '', /^\d+$/);
    for (const password of ['wrong one', 'wrong two']) {
      assert.equal((await new ApiClient(outpost.url).post('/api/login', { username: 'owner', password })).status, 401);
    }
    assert.equal((await new ApiClient(outpost.url).post('/api/login', OWNER)).status, 200);
  });
});
