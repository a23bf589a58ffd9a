import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeUsers } from './merge-users.js';
import { parsePasswd, passwdUsers } from './passwd.js';

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin
ubuntu:x:1000:1000:Ubuntu,,,:/home/ubuntu:/bin/bash
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
ops:x:1001:1001::/home/ops:
`;

test('passwdUsers keeps uid >= 1000 without nobody, with home and shell', () => {
  assert.deepEqual(passwdUsers(PASSWD, 'passwd'), [
    { name: 'ubuntu', uid: 1000, home: '/home/ubuntu', shell: '/bin/bash', source: 'passwd' },
    { name: 'ops', uid: 1001, home: '/home/ops', source: 'passwd' },
  ]);
});

test('parsePasswd skips malformed lines, comments and NIS entries', () => {
  const text = [
    '# local accounts',
    'short:x:1000',
    'toomany:x:1000:1000:a:/home/x:/bin/sh:extra',
    'letters:x:abc:1000::/home/l:/bin/sh',
    'negative:x:-5:1000::/home/n:/bin/sh',
    ':x:1000:1000::/home/empty:/bin/sh',
    '+nisuser::::::',
    '-excluded::::::',
    'good:x:1002:1002::/home/good:/bin/sh\r',
  ].join('\n');
  assert.deepEqual(parsePasswd(text), [{ name: 'good', uid: 1002, gid: 1002, gecos: '', home: '/home/good', shell: '/bin/sh' }]);
});

test('uid boundaries: 999 is a system user, 1000 and 65533 are people, 65534 is nobody', () => {
  const text = ['sys:x:999:999::/:/bin/false', 'first:x:1000:1000::/:/bin/sh', 'high:x:65533:1::/:/bin/sh', 'nobody:x:65534:1::/:/bin/sh', 'above:x:70000:1::/:/bin/sh'].join('\n');
  assert.deepEqual(passwdUsers(text, 'extrausers').map((u) => u.name), ['first', 'high', 'above']);
});

test('mergeUsers lists a name once, keeps the first source and fills what only a later one knows', () => {
  const merged = mergeUsers(
    [{ name: 'ubuntu', uid: 1000, home: '/home/ubuntu', source: 'passwd' }],
    [{ name: 'jo', uid: 1001, home: '/home/jo', shell: '/bin/bash', source: 'extrausers' }],
    [{ name: 'jo', email: 'jo@example.com', uid: 9, source: 'snapd' }, { name: 'sam', email: 'sam@example.com', source: 'snapd' }],
  );
  assert.deepEqual(merged, [
    { name: 'ubuntu', uid: 1000, home: '/home/ubuntu', source: 'passwd' },
    { name: 'jo', uid: 1001, home: '/home/jo', shell: '/bin/bash', email: 'jo@example.com', source: 'extrausers' },
    { name: 'sam', email: 'sam@example.com', source: 'snapd' },
  ]);
});
