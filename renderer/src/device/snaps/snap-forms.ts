// The install and switch-channel forms' inputs, checked with the contract's argument schemas
// (operation-kinds.ts) and worded for people: trimmed, empty fields left out, each problem named
// next to its field. Pure, tested.
import { operationArgs, type OperationArgsOf } from '../../../../core/contract/operation-kinds.js';
import { fieldErrors, issueSentence, type Checked, type FieldErrors, type FieldLabels, type IssueLike } from '../../form-errors.js';

export const snapFieldLabels: FieldLabels = { name: { label: 'Snap name' }, channel: { label: 'Channel' }, revision: { label: 'Revision' } };

// the contract's pattern messages are examples ("a channel such as stable or latest/edge"), which
// the generic wording would turn into "Channel may contain a channel such as …"
const FORMAT_WORDS: Record<string, string> = {
  name: 'Snap name may contain lower-case letters, digits and - only (e.g. hello-world).',
  channel: 'Channel must look like stable or latest/edge (letters, digits and . _ / - only).',
  revision: 'Revision must be a number such as 29 (or x1 for a sideloaded snap).',
};

function words(issues: readonly IssueLike[], body: unknown): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const field = typeof issue.path?.[0] === 'string' ? issue.path[0] : '';
    if (out[field]) continue;
    out[field] = issue.code === 'invalid_format' && FORMAT_WORDS[field] ? FORMAT_WORDS[field] : issueSentence(issue, body, snapFieldLabels);
  }
  return out;
}

function check<K extends 'snap.install' | 'snap.switch'>(kind: K, body: Record<string, unknown>): Checked<OperationArgsOf<K>> {
  const r = operationArgs[kind].safeParse(body);
  if (r.success) return { ok: true, data: r.data as OperationArgsOf<K> };
  return { ok: false, errors: words(r.error.issues as IssueLike[], body) };
}

export interface InstallInput { name: string; channel: string; revision: string; classic: boolean }

/** The snap.install arguments, or what is wrong. A channel and a revision together are refused (one or the other). */
export function checkInstall(input: InstallInput): Checked<OperationArgsOf<'snap.install'>> {
  const body: Record<string, unknown> = { name: input.name };
  if (input.channel.trim()) body.channel = input.channel;
  if (input.revision.trim()) body.revision = input.revision;
  if (input.classic) body.classic = true;
  const r = check('snap.install', body);
  // the schema's refine has no field: put it on the revision, the field to clear
  if (!r.ok && r.errors[''] && body.channel !== undefined && body.revision !== undefined) {
    const { '': both, ...rest } = r.errors;
    return { ok: false, errors: { ...rest, revision: rest.revision ?? 'Give a channel or a revision, not both: leave one empty.' } };
  }
  return r;
}

/** The snap.switch arguments for `name`, or what is wrong with the channel typed. */
export function checkSwitch(name: string, channel: string): Checked<OperationArgsOf<'snap.switch'>> {
  return check('snap.switch', { name, channel });
}

/** Server-side 400 details of a createOperation body ({kind, args: {...}}) as this form's field errors. */
export function serverFieldErrors(details: unknown, args: Record<string, unknown>): FieldErrors {
  const issues = Array.isArray(details) ? details as IssueLike[] : [];
  // the server's paths start with "args"
  const inArgs = issues.filter((i) => i.path?.[0] === 'args').map((i) => ({ ...i, path: i.path!.slice(1) }));
  return inArgs.length ? words(inArgs, args) : fieldErrors(issues, args, snapFieldLabels);
}
