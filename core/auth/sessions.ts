import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { sessions, users } from '../db/schema.js';
import type { User } from '../contract/api.js';
import { hashToken, newSecret } from './passwords.js';

export const SESSION_TTL_MS = 12 * 3600_000;

export interface SessionStore {
  create(userId: number): { token: string; expiresAt: number };
  /** The session's user if the token is valid, unexpired and the user enabled; extends the session. */
  resolve(token: string): User | undefined;
  revoke(token: string): void;
  revokeUser(userId: number): void;
}

export function createSessionStore(db: Db): SessionStore {
  // prepared once: every API request resolves its session
  const byId = db.select({ user: users, expiresAt: sessions.expiresAt }).from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now')))).prepare();
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
      const id = hashToken(token);
      const row = byId.get({ id, now });
      if (!row || row.user.disabled) return undefined;
      // slide the expiry, but write at most once a minute
      if (row.expiresAt - now < SESSION_TTL_MS - 60_000) {
        db.update(sessions).set({ expiresAt: now + SESSION_TTL_MS }).where(eq(sessions.id, id)).run();
      }
      const { passwordHash: _, ...user } = row.user;
      return user;
    },
    revoke(token) {
      db.delete(sessions).where(eq(sessions.id, hashToken(token))).run();
    },
    revokeUser(userId) {
      db.delete(sessions).where(eq(sessions.userId, userId)).run();
    },
  };
}
