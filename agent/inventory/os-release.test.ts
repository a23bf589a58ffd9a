import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOsRelease, parseOsReleaseFields } from './os-release.js';

test('parseOsRelease reads Ubuntu Core 22 os-release with quoted and bare values', () => {
  const text = [
    'NAME="Ubuntu Core"',
    'VERSION="22"',
    'ID=ubuntu-core',
    'PRETTY_NAME="Ubuntu Core 22"',
    'VERSION_ID="22"',
    'HOME_URL="https://snapcraft.io/"',
    '',
  ].join('\n');
  assert.deepEqual(parseOsRelease(text), { id: 'ubuntu-core', name: 'Ubuntu Core', versionId: '22', prettyName: 'Ubuntu Core 22' });
});

test('os-release: comments, blank lines, single quotes, escapes and spaces around lines', () => {
  const f = parseOsReleaseFields([
    '# written by the image builder',
    '   ',
    "  NAME='My OS' ",
    'PRETTY_NAME="Say \\"hi\\" for \\$5 \\\\ ok"',
    'VARIANT=Server Edition # not a comment, bare values run to the end',
  ].join('\n'));
  assert.equal(f.NAME, 'My OS');
  assert.equal(f.PRETTY_NAME, 'Say "hi" for $5 \\ ok');
  assert.equal(f.VARIANT, 'Server Edition # not a comment, bare values run to the end');
  assert.equal(Object.keys(f).length, 3);
});

test('os-release: malformed lines are skipped, the good ones still count', () => {
  const f = parseOsReleaseFields([
    'this line has no equals sign',
    '=novalue',
    '1ID=starts-with-digit',
    'NAME="unterminated',
    "VERSION_ID='also unterminated",
    'ID=debian',
    'ID_LIKE=',
    'BAD-KEY=x',
  ].join('\n'));
  assert.deepEqual(f, { ID: 'debian', ID_LIKE: '' });
});

test('os-release: CRLF line ends do not leak into values', () => {
  assert.deepEqual(parseOsRelease('ID=ubuntu\r\nVERSION_ID="24.04"\r\n'), { id: 'ubuntu', versionId: '24.04' });
});

test('os-release with none of the known keys gives an empty os', () => {
  assert.deepEqual(parseOsRelease('FOO=bar\n'), {});
});
