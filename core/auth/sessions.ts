import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { sessions, users } from '../db/schema.js';
import type { User } from '../contract/api.js';
import { hashToken, newSecret } from './passwords.js';

export const SESSION_TTL_MS = 12 * 3600_000;
/**
 * How long a checked session is believed without asking the database again. Every change made
 * here (revoke, revokeUser, userChanged) takes effect at once; this bounds only what another
 * process could change behind our back.
 */
export const SESSION_RECHECK_MS = 2000;
const MAX_CACHED = 1000;

export interface SessionStore {
  create(userId: number): { token: string; expiresAt: number };
  /** The session's user if the token is valid, unexpired and the user enabled; extends the session. */
  resolve(token: string): User | undefined;
  revoke(token: string): void;
  revokeUser(userId: number): void;
  /** The user's role or state changed: their sessions are read from the database again. */
  userChanged(userId: number): void;
}

export function createSessionStore(db: Db): SessionStore {
  // prepared once: every API request resolves its session
  const byId = db.select({ user: users, expiresAt: sessions.expiresAt }).from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now')))).prepare();
  // token -> the session as last read: one database read and one hash per token every SESSION_RECHECK_MS, not per request
  const checked = new Map<string, { user: User; expiresAt: number; checkedAt: number }>();
  const forgetUser = (userId: number) => {
    for (const [token, entry] of checked) if (entry.user.id === userId) checked.delete(token);
  };
  return {
    create(userId) {
      const token = newSecret(32);
      const now = Date.now();
      const expiresAt = now + SESSION_TTL_MS;
      db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
      db.insert(sessions).values({ id: hashToken(token), userId, createdAt: now, expiresAt }).run();
      return { token, expiresAt };
    },
    resolve(token) {
      const now = Date.now();
      const known = checked.get(token);
      if (known && now - known.checkedAt < SESSION_RECHECK_MS && now < known.expiresAt) return known.user;
      checked.delete(token);
      const id = hashToken(token);
      const row = byId.get({ id, now });
      if (!row || row.user.disabled) return undefined;
      // slide the expiry, but write at most once a minute
      let expiresAt = row.expiresAt;
      if (expiresAt - now < SESSION_TTL_MS - 60_000) {
        expiresAt = now + SESSION_TTL_MS;
        db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run();
      }
      const { passwordHash: _, ...user } = row.user;
      if (checked.size >= MAX_CACHED) checked.clear();
      checked.set(token, { user, expiresAt, checkedAt: now });
      return user;
    },
    revoke(token) {
      checked.delete(token);
      db.delete(sessions).where(eq(sessions.id, hashToken(token))).run();
    },
    revokeUser(userId) {
      forgetUser(userId);
      db.delete(sessions).where(eq(sessions.userId, userId)).run();
    },
    userChanged: forgetUser,
  };
}
