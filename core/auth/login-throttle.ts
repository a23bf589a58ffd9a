// Slows down password guessing: after a few failed logins for one username (or from one client
// address) further attempts are refused for a while, without checking the password. The wait
// doubles with each further failure, up to a cap, and a quiet hour forgets it all: the owner is
// never locked out for longer than the cap, even while someone keeps guessing.
//
// State is in memory only: a restart forgets it, which costs an attacker a restart they cannot
// cause, and keeps a write off every failed login. Each map holds at most `maxEntries` keys (the
// least recently touched go first), so cycling through millions of names or addresses costs
// memory up to that cap and no more.
import { createHash } from 'node:crypto';
import { DomainError } from '../errors.js';
import { formatWait } from '../contract/wait.js';

export interface LoginThrottleConfig {
  /** failed logins for one username before it has to wait */
  userFailures: number;
  /** failed logins from one address (over any usernames) before it has to wait */
  addressFailures: number;
  /** the first wait; each further failure doubles it */
  baseDelayMs: number;
  maxDelayMs: number;
  /** a key with no failure for this long starts afresh */
  forgetAfterMs: number;
  /** per map (usernames, addresses) */
  maxEntries: number;
  now: () => number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleConfig = {
  userFailures: 5,
  addressFailures: 20,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 3600_000,
  maxEntries: 10_000,
  now: Date.now,
};

/** One admitted login attempt: call exactly one of these once its password has been checked. */
export interface LoginAttempt {
  failed(): void;
  /** the password was right: that username starts afresh (the address does not: see below) */
  succeeded(): void;
  /** the password was never checked (e.g. the hash queue was full): not a guess */
  cancel(): void;
}

export interface LoginThrottle {
  /** Admits an attempt, or throws DomainError('rate_limited') with the seconds to wait. */
  begin(username: string, address: string): LoginAttempt;
  /** keys held, for tests */
  size(): { users: number; addresses: number };
}

interface Entry {
  failures: number;
  /** admitted attempts whose password is still being checked */
  pending: number;
  lockedUntil: number;
  lastFailureAt: number;
}

export function createLoginThrottle(config: Partial<LoginThrottleConfig> = {}): LoginThrottle {
  const cfg = { ...DEFAULT_LOGIN_THROTTLE, ...config };
  const users = new Map<string, Entry>();
  const addresses = new Map<string, Entry>();

  const touch = (map: Map<string, Entry>, key: string, entry: Entry) => {
    map.delete(key); // re-inserted last: a Map iterates in insertion order, so the first key is the stalest
    map.set(key, entry);
    while (map.size > cfg.maxEntries) map.delete(map.keys().next().value!);
  };
  const lookup = (map: Map<string, Entry>, key: string, now: number): Entry => {
    let entry = map.get(key);
    if (entry && entry.pending === 0 && now >= entry.lockedUntil && now - entry.lastFailureAt > cfg.forgetAfterMs) entry = undefined;
    entry ??= { failures: 0, pending: 0, lockedUntil: 0, lastFailureAt: 0 };
    touch(map, key, entry);
    return entry;
  };
  /** ms to wait before this key may try again (0: it may now), and whether for a check in progress */
  const waitOf = (entry: Entry, limit: number, now: number) => {
    // never more than the cap, even if the clock was set back since the lock began
    if (entry.lockedUntil > now) return { ms: Math.min(entry.lockedUntil - now, cfg.maxDelayMs), checking: false };
    // Attempts still being checked count as failures until they are known not to be: otherwise
    // a burst of concurrent guesses would all get through before the first one failed. Once at
    // the limit, one attempt at a time.
    if (entry.pending > 0 && entry.failures + entry.pending >= limit) return { ms: 1000, checking: true };
    return { ms: 0, checking: false };
  };
  const fail = (entry: Entry, limit: number, now: number) => {
    entry.pending--;
    entry.failures++;
    entry.lastFailureAt = now;
    if (entry.failures >= limit) {
      entry.lockedUntil = now + Math.min(cfg.maxDelayMs, cfg.baseDelayMs * 2 ** (entry.failures - limit));
    }
  };
  const drop = (map: Map<string, Entry>, key: string, entry: Entry) => {
    if (entry.pending === 0 && entry.failures === 0 && map.get(key) === entry) map.delete(key);
  };

  return {
    begin(username, address) {
      const now = cfg.now();
      // hashed: fixed-size keys, and no typed text (often a password in the wrong field) kept in memory
      const userKey = createHash('sha256').update(username).digest('base64');
      const user = lookup(users, userKey, now);
      const addr = lookup(addresses, address, now);
      const userWait = waitOf(user, cfg.userFailures, now);
      const addrWait = waitOf(addr, cfg.addressFailures, now);
      if (userWait.ms > 0 || addrWait.ms > 0) {
        const [wait, whose] = addrWait.ms > userWait.ms ? [addrWait, 'from your address'] : [userWait, 'for this account'];
        const sec = Math.ceil(wait.ms / 1000);
        const message = wait.checking
          ? `Too many logins ${whose} at once. Try again in ${formatWait(sec)}.`
          : `Too many failed logins ${whose}. Try again in ${formatWait(sec)}.`;
        throw new DomainError('rate_limited', message, sec);
      }
      user.pending++;
      addr.pending++;
      let done = false;
      const once = (f: () => void) => () => {
        if (done) return;
        done = true;
        f();
      };
      return {
        failed: once(() => {
          const at = cfg.now();
          fail(user, cfg.userFailures, at);
          fail(addr, cfg.addressFailures, at);
          touch(users, userKey, user); // back in, should it have been evicted meanwhile
          touch(addresses, address, addr);
        }),
        succeeded: once(() => {
          user.pending--;
          user.failures = 0;
          user.lockedUntil = 0;
          drop(users, userKey, user);
          // Not reset: one's own account must not buy further guesses at other names.
          addr.pending--;
          drop(addresses, address, addr);
        }),
        cancel: once(() => {
          user.pending--;
          addr.pending--;
          drop(users, userKey, user);
          drop(addresses, address, addr);
        }),
      };
    },
    size: () => ({ users: users.size, addresses: addresses.size }),
  };
}
