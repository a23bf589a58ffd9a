import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { users } from '../db/schema.js';
import type { Role, User } from '../contract/api.js';
import { hashPassword, verifyDummy, verifyPassword } from './passwords.js';
import type { HashQueue } from './hash-queue.js';
import { DomainError } from '../errors.js';

type UserRow = typeof users.$inferSelect;
const toUser = ({ passwordHash: _, ...u }: UserRow): User => u;

export interface UserStore {
  count(): number;
  list(): User[];
  get(id: number): User | undefined;
  create(username: string, password: string, role: Role): Promise<User>;
  /** The first admin; refused once any user exists (two setup requests cannot both win). */
  createOwner(username: string, password: string): Promise<User>;
  update(id: number, patch: { role?: Role; disabled?: boolean; password?: string }): Promise<User>;
  /** The user when the password is right and the account enabled; otherwise why not. */
  check(username: string, password: string): Promise<{ user: User } | { failure: string }>;
}

/** `hashing`: where password hashes wait their turn (default: one queue per process). */
export function createUserStore(db: Db, hashing?: HashQueue): UserStore {
  const row = (id: number) => db.select().from(users).where(eq(users.id, id)).get();
  const enabledAdmins = () =>
    db.select({ n: sql<number>`count(*)` }).from(users)
      .where(sql`${users.role} = 'admin' and ${users.disabled} = 0`).get()?.n ?? 0;

  return {
    count: () => db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0,
    list: () => db.select().from(users).orderBy(users.id).all().map(toUser),
    get: (id) => { const r = row(id); return r && toUser(r); },
    async create(username, password, role) {
      const passwordHash = await hashPassword(password, hashing);
      // checked after the slow hash, with no await before the insert: no other request runs between
      if (db.select().from(users).where(eq(users.username, username)).get()) {
        throw new DomainError('conflict', `user ${username} already exists`);
      }
      const created = db.insert(users).values({ username, passwordHash, role, createdAt: Date.now() }).returning().get();
      return toUser(created);
    },
    async createOwner(username, password) {
      const passwordHash = await hashPassword(password, hashing);
      if (this.count() > 0) throw new DomainError('conflict', 'setup is already done');
      return toUser(db.insert(users).values({ username, passwordHash, role: 'admin', createdAt: Date.now() }).returning().get());
    },
    async update(id, patch) {
      const current = row(id);
      if (!current) throw new DomainError('not_found', `no user ${id}`);
      const losesAdmin = current.role === 'admin' && !current.disabled &&
        ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
      if (losesAdmin && enabledAdmins() <= 1) {
        throw new DomainError('conflict', 'the last enabled admin cannot be demoted or disabled');
      }
      const values: Partial<UserRow> = {};
      if (patch.role !== undefined) values.role = patch.role;
      if (patch.disabled !== undefined) values.disabled = patch.disabled;
      if (patch.password !== undefined) values.passwordHash = await hashPassword(patch.password, hashing);
      return toUser(db.update(users).set(values).where(eq(users.id, id)).returning().get()!);
    },
    async check(username, password) {
      const r = db.select().from(users).where(eq(users.username, username)).get();
      // every outcome costs one hash, so the time taken does not tell which names exist or are disabled
      if (!r) {
        await verifyDummy(password, hashing);
        return { failure: 'unknown user' };
      }
      if (!(await verifyPassword(password, r.passwordHash, hashing))) return { failure: 'wrong password' };
      if (r.disabled) return { failure: 'account disabled' };
      return { user: toUser(r) };
    },
  };
}
