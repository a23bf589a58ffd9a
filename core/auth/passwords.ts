import { scrypt, randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { createHashQueue, type HashQueue } from './hash-queue.js';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
// OWASP's scrypt floor: N=2^17, r=8, p=1 (128 MiB); maxmem must allow it.
const PARAMS = { N: 1 << 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const KEYLEN = 32;

/** One per process by default: the thread pool it protects is per process too. */
const sharedQueue = createHashQueue();

const format = (salt: Buffer, key: Buffer) =>
  `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;

export async function hashPassword(password: string, queue: HashQueue = sharedQueue): Promise<string> {
  const salt = randomBytes(16);
  const key = await queue.run(() => scryptAsync(password, salt, KEYLEN, PARAMS));
  return format(salt, key);
}

export async function verifyPassword(password: string, stored: string, queue: HashQueue = sharedQueue): Promise<boolean> {
  const [algo, n, r, p, salt, key] = stored.split('$');
  if (algo !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await queue.run(() => scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem,
  }));
  return timingSafeEqual(actual, expected);
}

let dummy: string | undefined;
/**
 * Costs what checking a real password costs and is always false: for unknown usernames, so that
 * the response time does not tell which names exist. A random key in the stored format needs no
 * hashing to make and can match nothing.
 */
export function verifyDummy(password: string, queue: HashQueue = sharedQueue): Promise<boolean> {
  dummy ??= format(randomBytes(16), randomBytes(KEYLEN));
  return verifyPassword(password, dummy, queue);
}

/** Random URL-safe secret for session cookies and device tokens. */
export function newSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are random with 192 bits, so a fast hash is enough to store them. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
