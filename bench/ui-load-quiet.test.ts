import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { childrenCpuTicks, descendants, parseStatPpid, waitChildrenQuiet } from './ui-load-quiet.js';

test('parseStatPpid reads the parent pid, even with spaces and parentheses in the command name', () => {
  assert.equal(parseStatPpid('1234 (my (odd) proc) S 77 1234 1234 0 -1'), 77);
});

test('descendants follows children and grandchildren, not siblings or the root', () => {
  const links: Array<[number, number]> = [[1, 0], [10, 1], [11, 10], [12, 11], [20, 1], [30, 99]];
  assert.deepEqual(descendants(10, links).sort(), [11, 12]);
  assert.deepEqual(descendants(1, links).sort((a, b) => a - b), [10, 11, 12, 20]);
  assert.deepEqual(descendants(30, links), []);
});

test('a busy child is not quiet; once it is gone the children are quiet', async () => {
  const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 3000; while (Date.now() < end);'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(childrenCpuTicks().processes >= 1);
    const busy = await waitChildrenQuiet({ windowMs: 200, timeoutMs: 500 });
    assert.equal(busy.quiet, false);
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  const idle = await waitChildrenQuiet({ windowMs: 200, timeoutMs: 2000 });
  assert.equal(idle.quiet, true);
});
