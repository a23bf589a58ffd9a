import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { storeFixture } from '../testing/store-fixture.js';
import { users } from '../db/schema.js';
import { createSessionStore, SESSION_RECHECK_MS } from './sessions.js';

// users written directly: the session store does not hash passwords, and scrypt would only slow this down
function withUsers() {
  const f = storeFixture();
  const add = (username: string) => f.db.insert(users).values({ username, passwordHash: 'x', role: 'admin', createdAt: Date.now() }).returning().get().id;
  return { f, sessions: createSessionStore(f.db), alice: add('alice'), bob: add('bob') };
}

test('a session resolves to its user; revoking it, or all of its user\'s, ends it at once though it was just checked', () => {
  const { f, sessions, alice, bob } = withUsers();
  try {
    const a1 = sessions.create(alice).token;
    const a2 = sessions.create(alice).token;
    const b = sessions.create(bob).token;
    assert.equal(sessions.resolve(a1)?.username, 'alice');
    assert.equal(sessions.resolve(a2)?.username, 'alice');
    assert.equal(sessions.resolve(b)?.username, 'bob');
    assert.equal(sessions.resolve('not a token'), undefined);
    sessions.revoke(a1);
    assert.equal(sessions.resolve(a1), undefined);
    assert.equal(sessions.resolve(a2)?.username, 'alice');
    sessions.revokeUser(alice);
    assert.equal(sessions.resolve(a2), undefined);
    assert.equal(sessions.resolve(b)?.username, 'bob');
  } finally {
    f.done();
  }
});

test('a changed role applies to the next request once userChanged is told; other changes within the recheck interval', async () => {
  const { f, sessions, alice } = withUsers();
  try {
    const token = sessions.create(alice).token;
    assert.equal(sessions.resolve(token)?.role, 'admin');
    f.db.update(users).set({ role: 'viewer' }).where(eq(users.id, alice)).run();
    sessions.userChanged(alice);
    assert.equal(sessions.resolve(token)?.role, 'viewer');
    // a change the store was not told of (another process): seen after the recheck interval
    f.db.update(users).set({ disabled: true }).where(eq(users.id, alice)).run();
    await new Promise((r) => setTimeout(r, SESSION_RECHECK_MS + 50));
    assert.equal(sessions.resolve(token), undefined);
  } finally {
    f.done();
  }
});
