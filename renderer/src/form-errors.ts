// Zod issues (from the contract's schemas here, or the server's 400 `details`) worded as
// plain sentences per form field: "Tags can be at most 64 characters (tag 5 has 70)."
import type { z } from 'zod';

export interface FieldLabel {
  /** how the field is called on the form, e.g. "Tags" */
  label: string;
  /** for list fields: one entry, e.g. "tag" (→ "tag 5 has 70") */
  item?: string;
  /** shows a numeric limit in the unit the form uses (e.g. bytes entered as KiB) */
  limit?: (n: number) => string;
}
export type FieldLabels = Record<string, FieldLabel>;
/** field name → sentence; the key '' holds problems of the whole form */
export type FieldErrors = Record<string, string>;

/** The parts of a zod issue we word (zod 4 shape; the server sends the same objects). */
export interface IssueLike {
  path?: readonly PropertyKey[];
  code?: string;
  message?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
}

/** "mqttPort" → "Mqtt port": a fallback for fields the form did not label. */
export function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'This field';
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = body;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** One issue as a sentence, naming the field as the form does; `body` is what was (to be) sent. */
export function issueSentence(issue: IssueLike, body: unknown, labels: FieldLabels = {}): string {
  const path = issue.path ?? [];
  const field = typeof path[0] === 'string' ? path[0] : '';
  const def: FieldLabel = labels[field] ?? { label: field ? humanize(field) : 'This' };
  const index = typeof path[1] === 'number' ? path[1] : null;
  // unlabelled lists: "tags" → "tag"
  const item = def.item ?? (/[^s]s$/.test(field) ? humanize(field).toLowerCase().slice(0, -1) : 'entry');
  // a list entry is its own subject when it is empty ("Tag 3 cannot be empty")
  const subject = index === null ? def.label : `${capitalize(item)} ${index + 1}`;
  const value = valueAt(body, path);
  const limit = (n: number | bigint | undefined) => (def.limit ? def.limit(Number(n)) : String(n));
  const length = typeof value === 'string' ? value.length : Array.isArray(value) ? value.length : null;

  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        if (Number(issue.minimum) <= 1) return sentence(`${subject} cannot be empty`);
        return sentence(`${subject} needs at least ${issue.minimum} characters${length !== null ? ` (it has ${length})` : ''}`);
      }
      if (issue.origin === 'array') return sentence(`${def.label} needs at least ${issue.minimum} ${item}${issue.minimum === 1 ? '' : 's'}`);
      return sentence(`${def.label} must be ${issue.inclusive === false ? 'more than' : 'at least'} ${limit(issue.minimum)}`);
    case 'too_big':
      if (issue.origin === 'string') {
        const has = length === null ? '' : index === null ? ` (it has ${length})` : ` (${item} ${index + 1} has ${length})`;
        return sentence(`${def.label} can be at most ${issue.maximum} characters${has}`);
      }
      if (issue.origin === 'array') {
        return sentence(`${def.label} can have at most ${issue.maximum} ${item}s${length !== null ? ` (there are ${length})` : ''}`);
      }
      return sentence(`${def.label} must be ${issue.inclusive === false ? 'less than' : 'at most'} ${limit(issue.maximum)}`);
    case 'invalid_format':
      // the contract words its patterns as "letters, digits and . _ : - only"
      if (issue.message && !/^invalid/i.test(issue.message)) return sentence(`${subject} may contain ${issue.message}`);
      return sentence(`${subject} contains characters that are not allowed`);
    case 'invalid_type':
      if (value === undefined) return sentence(`${subject} is missing`);
      if (issue.expected === 'int') return sentence(`${subject} must be a whole number`);
      if (issue.expected === 'number') return sentence(`${subject} must be a number`);
      if (issue.expected === 'string') return sentence(`${subject} must be text`);
      return sentence(`${subject} has the wrong type (expected ${issue.expected ?? 'another type'})`);
    case 'invalid_value':
      if (issue.values?.length) return sentence(`${subject} must be one of: ${issue.values.map(String).join(', ')}`);
      break;
    case 'unrecognized_keys':
      return sentence(`Unknown field${(issue.keys?.length ?? 0) > 1 ? 's' : ''}: ${(issue.keys ?? []).join(', ')}`);
  }
  const message = issue.message ?? 'is not valid';
  return field ? sentence(`${subject}: ${message}`) : sentence(capitalize(message));
}

function asIssues(issues: unknown): IssueLike[] {
  return Array.isArray(issues) ? issues.filter((i): i is IssueLike => !!i && typeof i === 'object') : [];
}

/** The first problem of each field as a sentence (key '' for the whole form). */
export function fieldErrors(issues: unknown, body: unknown, labels: FieldLabels = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of asIssues(issues)) {
    const first = issue.path?.[0];
    const key = typeof first === 'string' ? first : '';
    out[key] ??= issueSentence(issue, body, labels);
  }
  return out;
}

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Checks a form's values against the contract's schema before anything is sent. */
export function checkInput<S extends z.ZodType>(schema: S, body: unknown, labels: FieldLabels = {}): Checked<z.output<S>> {
  const r = schema.safeParse(body);
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: fieldErrors(r.error.issues, body, labels) };
}

/** The line a form shows above its button when its fields carry the details. */
export function summary(errors: FieldErrors): string {
  const fields = Object.keys(errors).filter((k) => k !== '');
  if (errors['']) return errors[''];
  return fields.length === 1 ? 'Check the marked field.' : `Check the ${fields.length} marked fields.`;
}
