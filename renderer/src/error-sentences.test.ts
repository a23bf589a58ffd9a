import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorSentence } from './error-sentences.js';

test('refused input: the first field problem in words, quoting what was sent', () => {
  const details = [{ origin: 'string', code: 'too_big', maximum: 64, inclusive: true, path: ['tags', 4], message: 'Too big' }];
  const body = { uid: 'a', name: 'b', tags: ['1', '2', '3', '4', 'x'.repeat(70)] };
  assert.equal(errorSentence({ status: 400, serverMessage: 'invalid body: tags.4: Too big', details, body }),
    'Tags can be at most 64 characters (tag 5 has 70).');
  assert.equal(errorSentence({ status: 400, serverMessage: 'body is not valid JSON' }), 'Body is not valid JSON.');
});

test('each status gets a sentence; specific server words are kept', () => {
  assert.match(errorSentence({ status: 0, serverMessage: null }), /^Cannot reach the Outpost server\./);
  assert.equal(errorSentence({ status: 401, serverMessage: 'wrong username or password, or account disabled', public: true }),
    'Wrong username or password, or account disabled.');
  assert.equal(errorSentence({ status: 401, serverMessage: 'log in first' }), 'Your session has ended. Log in again.');
  assert.equal(errorSentence({ status: 403, serverMessage: 'Add a device: needs the operator role, you are viewer' }),
    'You are not allowed to do this. Add a device: needs the operator role, you are viewer.');
  assert.equal(errorSentence({ status: 404, serverMessage: 'no device pump-7' }), 'No device pump-7.');
  assert.match(errorSentence({ status: 404, serverMessage: 'no such endpoint: GET /api/x' }), /Reload the page/);
  assert.equal(errorSentence({ status: 409, serverMessage: 'device pump-7 already exists' }), 'Device pump-7 already exists.');
  assert.equal(errorSentence({ status: 413, serverMessage: 'body larger than 1048576 bytes' }),
    'That is too large for Outpost to accept (body larger than 1048576 bytes).');
  // the login page counts "Try again in …." down: the server's sentence stays as it is
  assert.equal(errorSentence({ status: 429, serverMessage: 'Too many failed logins. Try again in 2 min 10 s.' }),
    'Too many failed logins. Try again in 2 min 10 s.');
  assert.equal(errorSentence({ status: 429, serverMessage: null }), 'Too many attempts. Wait a little and try again.');
  assert.equal(errorSentence({ status: 500, serverMessage: 'internal error; see the Outpost log' }),
    'Outpost ran into an internal error. The Outpost log has the details.');
  assert.equal(errorSentence({ status: 503, serverMessage: null }), 'Outpost is busy. Try again in a moment.');
  assert.equal(errorSentence({ status: 418, serverMessage: null }), 'The request failed (HTTP 418).');
});
