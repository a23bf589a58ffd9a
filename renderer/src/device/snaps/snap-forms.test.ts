import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInstall, checkSwitch, serverFieldErrors } from './snap-forms.js';

const install = (over: Partial<{ name: string; channel: string; revision: string; classic: boolean }>) =>
  checkInstall({ name: 'hello', channel: '', revision: '', classic: false, ...over });

test('inputs are trimmed and empty fields left out', () => {
  assert.deepEqual(install({ name: '  hello-world ', channel: ' latest/edge ' }), { ok: true, data: { name: 'hello-world', channel: 'latest/edge' } });
  assert.deepEqual(install({ revision: ' 29 ', classic: true }), { ok: true, data: { name: 'hello', revision: '29', classic: true } });
  assert.deepEqual(install({ channel: '   ' }), { ok: true, data: { name: 'hello' } });
});

test('each field says what is wrong in plain words', () => {
  assert.deepEqual(install({ name: '  ' }), { ok: false, errors: { name: 'Snap name cannot be empty.' } });
  assert.deepEqual(install({ name: 'Hello World' }), { ok: false, errors: { name: 'Snap name may contain lower-case letters, digits and - only (e.g. hello-world).' } });
  assert.deepEqual(install({ channel: 'latest edge' }), { ok: false, errors: { channel: 'Channel must look like stable or latest/edge (letters, digits and . _ / - only).' } });
  assert.deepEqual(install({ revision: 'v2' }), { ok: false, errors: { revision: 'Revision must be a number such as 29 (or x1 for a sideloaded snap).' } });
  assert.deepEqual(install({ name: 'a'.repeat(41) }), { ok: false, errors: { name: 'Snap name can be at most 40 characters (it has 41).' } });
});

test('a channel and a revision together: the revision field says to leave one empty', () => {
  assert.deepEqual(install({ channel: 'stable', revision: '29' }), { ok: false, errors: { revision: 'Give a channel or a revision, not both: leave one empty.' } });
});

test('switching needs a channel', () => {
  assert.deepEqual(checkSwitch('hello', ' 22/stable '), { ok: true, data: { name: 'hello', channel: '22/stable' } });
  assert.deepEqual(checkSwitch('hello', ''), { ok: false, errors: { channel: 'Channel cannot be empty.' } });
});

test("the server's refusal of args.* lands on the same fields", () => {
  const details = [{ path: ['args', 'name'], code: 'invalid_format', message: 'lower-case letters, digits and - only' }];
  assert.deepEqual(serverFieldErrors(details, { name: 'X' }), { name: 'Snap name may contain lower-case letters, digits and - only (e.g. hello-world).' });
});
