// GET /api/audit filters and paging against a real core, and its 400s for bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestOutpost, ApiClient } from '../testing/harness.js';

let outpost: Awaited<ReturnType<typeof startTestOutpost>>;
let admin: ApiClient;
type Entry = { id: number; ts: number; actor: string; action: string; target: string | null };
const list = async (query: string) => {
  const r = await admin.get(`/api/audit${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as Entry[];
};

before(async () => {
  outpost = await startTestOutpost();
  admin = new ApiClient(outpost.url);
  await admin.post('/api/setup', { username: 'owner', password: 'correct horse' });
  await admin.post('/api/users', { username: 'oli_ops', password: 'password-123', role: 'operator' });
  const operator = new ApiClient(outpost.url);
  await operator.post('/api/login', { username: 'oli_ops', password: 'password-123' });
  for (let i = 0; i < 25; i++) await operator.post('/api/devices', { uid: `a-${i}`, name: `A ${i}` });
  await admin.call('PATCH', '/api/devices/a-1', { tags: ['x'] });
});
after(async () => {
  await outpost.close();
  outpost.removeData();
});

test('filters: action exact, actor by part of the name in any case (% and _ literal)', async () => {
  const created = await list('?action=device-created&limit=1000');
  assert.equal(created.length, 25);
  assert.ok(created.every((e) => e.action === 'device-created' && e.actor === 'oli_ops'));
  assert.deepEqual((await list('?actor=OLI')).map((e) => e.actor).filter((a) => a !== 'oli_ops'), []);
  assert.equal((await list('?actor=OLI&limit=1000')).length, 26); // 25 devices + its login
  assert.equal((await list('?actor=li_o')).length > 0, true);
  assert.equal((await list('?actor=l_o')).length, 0, '_ is not a wildcard');
  assert.equal((await list('?actor=%25')).length, 0, '% is not a wildcard');
  const owner = await list('?actor=owner&action=device-updated');
  assert.deepEqual(owner.map((e) => e.target), ['device:a-1']);
  assert.deepEqual(await list('?action=no-such-action'), []);
});

test('paging: newest first, before= continues where a page ended, no gaps or repeats', async () => {
  const all = await list('?action=device-created&limit=1000');
  const ids = all.map((e) => e.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  const seen: number[] = [];
  let cursor = '';
  for (;;) {
    const page = await list(`?action=device-created&limit=10${cursor}`);
    if (!page.length) break;
    assert.ok(page.length <= 10);
    seen.push(...page.map((e) => e.id));
    cursor = `&before=${page.at(-1)!.id}`;
  }
  assert.deepEqual(seen, ids);
});

test('time range: from inclusive, to exclusive', async () => {
  const all = await list('?action=device-created&limit=1000');
  const mid = all[12]!;
  const from = await list(`?action=device-created&limit=1000&from=${mid.ts}`);
  assert.ok(from.length >= 13 && from.every((e) => e.ts >= mid.ts));
  const to = await list(`?action=device-created&limit=1000&to=${mid.ts}`);
  assert.ok(to.every((e) => e.ts < mid.ts));
  assert.equal(from.length + to.length, 25);
  assert.deepEqual(await list(`?from=${Date.now() + 60_000}`), []);
});

test('facets list the actors and actions present', async () => {
  const r = await admin.get('/api/audit/facets');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.actors, ['oli_ops', 'owner']);
  assert.ok(r.body.actions.includes('device-created') && r.body.actions.includes('user-created'));
});

test('bad audit queries get a 400 that says what is wrong', async () => {
  const cases: Array<[string, RegExp]> = [
    ['?limit=0', /limit/],
    ['?limit=5000', /limit/],
    ['?limit=ten', /limit/],
    ['?before=0', /before/],
    ['?before=x', /before/],
    ['?from=yesterday', /from/],
    ['?from=10&to=5', /from must be before to/],
    [`?actor=${'a'.repeat(65)}`, /actor/],
  ];
  for (const [query, message] of cases) {
    const r = await admin.get(`/api/audit${query}`);
    assert.equal(r.status, 400, query);
    assert.match(r.body.error, message, query);
  }
  const operator = new ApiClient(outpost.url);
  await operator.post('/api/login', { username: 'oli_ops', password: 'password-123' });
  assert.equal((await operator.get('/api/audit/facets')).status, 403);
});
