// Retained messages stay in memory and on disk until replaced: without a bound, one device
// (or an anonymous client) could store gigabytes (2,000 × 256 KB took 612 MB). This keeps the
// accounting per device root and in total; it holds one small entry per retained topic.

export interface RetainedLimits {
  perDevice: { messages: number; bytes: number };
  total: { messages: number; bytes: number };
}

export const DEFAULT_RETAINED_LIMITS: RetainedLimits = {
  perDevice: { messages: 100, bytes: 1024 * 1024 },
  total: { messages: 20_000, bytes: 64 * 1024 * 1024 },
};

export type RetainedVerdict = { ok: true } | { ok: false; reason: string };

export interface RetainedQuota {
  /** Counts a message already stored (at start). */
  load(topic: string, payloadBytes: number): void;
  /** Admits (and counts) a retained publish, or says why not; an empty payload clears the topic. */
  admit(topic: string, payloadBytes: number): RetainedVerdict;
}

interface Usage { messages: number; bytes: number }

/** `ownerOf` names whose share a topic counts against (the device uid of its root). */
export function createRetainedQuota(limits: RetainedLimits, ownerOf: (topic: string) => string): RetainedQuota {
  const sizes = new Map<string, number>();
  const owners = new Map<string, Usage>();
  const total: Usage = { messages: 0, bytes: 0 };
  const usageOf = (owner: string) => {
    let u = owners.get(owner);
    if (!u) owners.set(owner, (u = { messages: 0, bytes: 0 }));
    return u;
  };
  const apply = (topic: string, size: number | undefined) => {
    const owner = usageOf(ownerOf(topic));
    const before = sizes.get(topic);
    const dMessages = (size === undefined ? 0 : 1) - (before === undefined ? 0 : 1);
    const dBytes = (size ?? 0) - (before ?? 0);
    owner.messages += dMessages; owner.bytes += dBytes;
    total.messages += dMessages; total.bytes += dBytes;
    if (size === undefined) sizes.delete(topic); else sizes.set(topic, size);
    if (owner.messages === 0) owners.delete(ownerOf(topic));
  };
  const sizeOf = (topic: string, payloadBytes: number) => Buffer.byteLength(topic) + payloadBytes;

  return {
    load(topic, payloadBytes) {
      if (payloadBytes > 0) apply(topic, sizeOf(topic, payloadBytes));
    },
    admit(topic, payloadBytes) {
      if (payloadBytes === 0) {
        apply(topic, undefined);
        return { ok: true };
      }
      const size = sizeOf(topic, payloadBytes);
      const before = sizes.get(topic);
      const owner = owners.get(ownerOf(topic)) ?? { messages: 0, bytes: 0 };
      const addMessages = before === undefined ? 1 : 0;
      const addBytes = size - (before ?? 0);
      const over = (used: Usage, limit: Usage, what: string) => {
        // stable wording (no running totals), so repeated refusals fold into one event row
        if (used.messages + addMessages > limit.messages) return `${what} already holds the most retained messages allowed (${limit.messages})`;
        if (addBytes > 0 && used.bytes + addBytes > limit.bytes) return `${what} would hold more than ${limit.bytes} bytes of retained messages`;
        return undefined;
      };
      const reason = over(owner, limits.perDevice, 'this device') ?? over(total, limits.total, 'the broker');
      if (reason) return { ok: false, reason };
      apply(topic, size);
      return { ok: true };
    },
  };
}
