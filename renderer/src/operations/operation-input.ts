// What the "New operation" forms (device tab, bulk) accept: a known kind, its arguments as JSON
// checked against the contract's schema, and an optional time to live; problems in plain words.
import { KIND_LABEL, isKnownKind, knownOperationKinds, operationArgs, type KnownOperationKind } from '../../../core/contract/operation-kinds.js';

const ARGS_MAX_BYTES = 16 * 1024; // the contract's limit (operations.ts)
export const TTL_MAX_MINUTES = 30 * 24 * 60; // the contract allows 30 days

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** The argument names a known kind takes, in the schema's order. */
export function argNames(kind: KnownOperationKind): string[] {
  const shape = (operationArgs[kind] as unknown as { shape?: Record<string, { safeParse(v: unknown): { success: boolean } }> }).shape ?? {};
  return Object.keys(shape);
}

/** Which arguments must be given (their schema refuses undefined). */
function requiredNames(kind: KnownOperationKind): string[] {
  const shape = (operationArgs[kind] as unknown as { shape?: Record<string, { safeParse(v: unknown): { success: boolean } }> }).shape ?? {};
  return Object.entries(shape).filter(([, s]) => !s.safeParse(undefined).success).map(([k]) => k);
}

/** What the arguments field starts with for a kind: its required names with empty values, or {}. */
export function argsTemplate(kind: string): string {
  if (!isKnownKind(kind)) return '{}';
  const required = requiredNames(kind);
  if (required.length === 0) return '{}';
  return `{\n${required.map((k) => `  "${k}": ""`).join(',\n')}\n}`;
}

/** A line under the field: which arguments the kind takes. */
export function argsHint(kind: string): string {
  if (!isKnownKind(kind)) return 'Any JSON object your device understands.';
  const names = argNames(kind);
  if (names.length === 0) return `${KIND_LABEL[kind]} takes no arguments: leave {}.`;
  const required = new Set(requiredNames(kind));
  return `${KIND_LABEL[kind]} takes ${names.map((n) => `"${n}"${required.has(n) ? '' : ' (optional)'}`).join(', ')}.`;
}

/** The arguments text as the API takes them, or a sentence saying what is wrong. Empty text is {}. */
export function parseArgs(kind: string, text: string): Checked<Record<string, unknown>> {
  const trimmed = text.trim();
  let value: unknown = {};
  if (trimmed !== '') {
    try {
      value = JSON.parse(trimmed);
    } catch {
      return { ok: false, message: 'The arguments are not valid JSON. Write them as an object, e.g. {"name": "hello"}, with double quotes around names and text.' };
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'The arguments must be a JSON object in { }, e.g. {"name": "hello"}.' };
  }
  const args = value as Record<string, unknown>;
  if (JSON.stringify(args).length > ARGS_MAX_BYTES) return { ok: false, message: `The arguments are larger than ${ARGS_MAX_BYTES / 1024} KiB.` };
  if (!isKnownKind(kind)) return { ok: true, value: args };

  const names = argNames(kind);
  const unknown = Object.keys(args).filter((k) => !names.includes(k));
  if (unknown.length) {
    const takes = names.length ? `it takes ${names.map((n) => `"${n}"`).join(', ')}` : 'it takes none';
    return { ok: false, message: `${KIND_LABEL[kind]} has no argument ${unknown.map((k) => `"${k}"`).join(', ')}: ${takes}.` };
  }
  const parsed = operationArgs[kind].safeParse(args);
  if (parsed.success) return { ok: true, value: args };
  const issue = parsed.error.issues[0]!;
  const field = typeof issue.path[0] === 'string' ? issue.path[0] : null;
  if (field && args[field] === undefined) return { ok: false, message: `${KIND_LABEL[kind]} needs "${field}".` };
  if (field && issue.code === 'invalid_type') return { ok: false, message: `"${field}" must be ${issue.expected === 'boolean' ? 'true or false' : issue.expected === 'string' ? 'text in double quotes' : `a ${issue.expected}`}.` };
  if (field && issue.code === 'too_small') return { ok: false, message: `"${field}" cannot be empty.` };
  if (field && issue.code === 'too_big') return { ok: false, message: `"${field}" is too long.` };
  const message = issue.message.replace(/\.$/, '');
  return { ok: false, message: field ? `"${field}": ${message}.` : `${message[0]!.toUpperCase()}${message.slice(1)}.` };
}

/** The time-to-live field (minutes, may be empty: the server's default of 24 h) as seconds. */
export function parseTtlMinutes(text: string): Checked<number | undefined> {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  const n = Number(t);
  if (!Number.isInteger(n) || n < 1 || n > TTL_MAX_MINUTES) {
    return { ok: false, message: `Time to live must be a whole number of minutes from 1 to ${TTL_MAX_MINUTES} (30 days), or empty for 24 hours.` };
  }
  return { ok: true, value: n * 60 };
}

export const KIND_CHOICES: readonly { kind: KnownOperationKind; label: string }[] =
  knownOperationKinds.map((kind) => ({ kind, label: `${KIND_LABEL[kind]} (${kind})` }));
