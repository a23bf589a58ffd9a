// One inventory question to snapd, answered with the value or with why there is none: the call's
// own failure, no answer within the timeout (one hung request must not stall publishing), or an
// answer that is not the contract's shape (it would make the whole inventory invalid for Outpost,
// so only that part is dropped).
import { z } from 'zod';
import { InventoryService, InventorySnap, InventoryUser, SnapdSystemInfo } from '../../core/contract/inventory.js';
import { describeSnapdFailure, type SnapdInventorySource } from './snapd-source.js';

export type Answer<T> = { value: T } | { reason: string };

interface Question<T> {
  ask: (s: SnapdInventorySource) => Promise<T>;
  shape: z.ZodType;
  what: string;
}

const QUESTIONS = {
  systemInfo: { ask: (s) => s.systemInfo(), shape: SnapdSystemInfo, what: 'for its system information' } as Question<SnapdSystemInfo>,
  snaps: { ask: (s) => s.snaps(), shape: z.array(InventorySnap), what: 'for the installed snaps' } as Question<InventorySnap[]>,
  services: { ask: (s) => s.services(), shape: z.array(InventoryService), what: 'for the snap services' } as Question<InventoryService[]>,
  // the collector stamps source: 'snapd' itself
  users: { ask: (s) => s.users(), shape: z.array(InventoryUser.extend({ source: InventoryUser.shape.source.optional() })), what: 'for its users' } as Question<InventoryUser[]>,
};

type Questions = typeof QUESTIONS;
export type SnapdQuestion = keyof Questions;
type ValueOf<Q extends SnapdQuestion> = Questions[Q] extends Question<infer T> ? T : never;
export type SnapdAnswer<Q extends SnapdQuestion> = Answer<ValueOf<Q>>;

export async function askSnapd<Q extends SnapdQuestion>(source: SnapdInventorySource, question: Q, timeoutMs: number): Promise<SnapdAnswer<Q>> {
  const q = QUESTIONS[question] as Question<ValueOf<Q>>;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<SnapdAnswer<Q>>((resolve) => {
    timer = setTimeout(() => resolve({ reason: `snapd did not answer ${q.what} within ${timeoutMs / 1000} s` }), timeoutMs);
  });
  const answer = Promise.resolve()
    .then(() => q.ask(source))
    .then((value): SnapdAnswer<Q> => {
      const r = q.shape.safeParse(value);
      if (r.success) return { value };
      const issue = r.error.issues[0];
      return { reason: `snapd's answer ${q.what} was not understood (${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'})` };
    }, (e: unknown) => ({ reason: describeSnapdFailure(e) }));
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}
