// The sim:lwm2m command: registers, prints what it does, and de-registers on Ctrl-C (SIGINT).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startRegistrar } from './testing/registrar.js';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

it('runs a small fleet from the command line and de-registers it on SIGINT', async () => {
  const reg = await startRegistrar();
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--server', `coap://127.0.0.1:${reg.port}`, '--count', '3', '--prefix', 'cli-', '--lwm2m', '1.0', '--queue', '--interval-ms', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await reg.waitFor(() => reg.seen.filter((s) => s.path === '/rd').length === 3, 8000);
    const eps = reg.seen.filter((s) => s.path === '/rd').map((s) => s.query.find((q) => q.startsWith('ep='))).sort();
    assert.deepEqual(eps, ['ep=cli-0001', 'ep=cli-0002', 'ep=cli-0003']);
    assert.ok(reg.seen.every((s) => s.path !== '/rd' || s.query.includes('b=UQ')));
    // wait for the summary line, printed after the last registration
    for (let i = 0; i < 50 && !/3 of 3 registered/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(out, /3 of 3 registered/);
    child.kill('SIGINT');
    assert.equal(await exited, 0, out);
    assert.equal(reg.seen.filter((s) => s.method === 'DELETE').length, 3);
  } finally {
    await reg.close();
  }
});

it('refuses a bad option with the usage text', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--lwm2m', '2.0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  assert.equal(code, 2);
  assert.match(err, /--lwm2m: "2.0" is not 1.0 or 1.1/);
});
