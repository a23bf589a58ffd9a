// Whether Outpost has an owner yet and who is logged in: the first thing the shell needs. The
// first check starts as soon as this module runs (main.tsx imports it before React), so its
// answers arrive while React renders for the first time instead of after that render's effects.
import type { User } from '../../core/contract/api.js';
import type { ResponseOf } from '../../core/contract/routes.js';
import { call } from './api.js';

export interface SessionCheck { setup: ResponseOf<'setupState'>; me: { user: User } | { error: unknown } }

function checkSession(): Promise<SessionCheck> {
  return Promise.all([
    call('setupState'),
    call('me').then((user) => ({ user }), (error: unknown) => ({ error })),
  ]).then(([setup, me]) => ({ setup, me }));
}

let early: Promise<SessionCheck> | null = checkSession();
// a failure is the shell's to show, when it takes this answer
early.catch(() => undefined);
let earlyAnswer: SessionCheck | null = null;
void early.then((a) => { earlyAnswer = a; }, () => undefined);

/**
 * The first check's answer if it has already arrived (and was not taken yet): the shell starts
 * from it instead of showing "Connecting…" for a moment. main.tsx waits a little for it.
 */
export function takeSessionCheckIfDone(): SessionCheck | null {
  if (!earlyAnswer) return null;
  const a = earlyAnswer;
  earlyAnswer = null;
  early = null;
  return a;
}

/** Resolves when the first check has an answer (or failed), or after `ms`, whichever is first. */
export function firstCheckOrTimeout(ms: number): Promise<void> {
  const check = early ?? Promise.resolve();
  return Promise.race([check.then(() => undefined, () => undefined), new Promise<void>((r) => setTimeout(r, ms))]);
}

/** The check started at load the first time, a new one after that (e.g. "Try again"). */
export function sessionCheck(): Promise<SessionCheck> {
  const p = early ?? checkSession();
  early = null;
  earlyAnswer = null;
  return p;
}
