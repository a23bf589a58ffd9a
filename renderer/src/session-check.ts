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

/** The check started at load the first time, a new one after that (e.g. "Try again"). */
export function sessionCheck(): Promise<SessionCheck> {
  const p = early ?? checkSession();
  early = null;
  return p;
}
