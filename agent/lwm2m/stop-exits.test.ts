// stop() leaves no timer or retransmission behind: a process that only ran a client exits at once
// after it, even with confirmable notifications nobody acknowledged (node-coap would otherwise
// keep retransmitting them and hold the process for its ~247 s exchange lifetime).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { generate, parse } from 'coap-packet';
import { startRegistrar } from './testing/registrar.js';
import { until } from './testing/until.js';

const script = fileURLToPath(new URL('./testing/run-then-stop.ts', import.meta.url));

for (const [what, cacheSize] of [['the default response cache', undefined], ['a response cache smaller than one message', 16]] as const) {
  test(`after stop() with unacknowledged confirmable notifications, the process exits at once (${what})`, () => observedThenStopped(cacheSize));
}

async function observedThenStopped(cacheSize: number | undefined) {
  const registrar = await startRegistrar();
  const observer = createSocket('udp4');
  await new Promise<void>((r) => observer.bind(0, '127.0.0.1', () => r()));
  const child = spawn(process.execPath, ['--import', 'tsx', script, `coap://127.0.0.1:${registrar.port}`], {
    stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SIM_CACHE_SIZE: cacheSize === undefined ? '' : String(cacheSize) },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    await until('the client started', () => /port \d+/.test(out), 10_000);
    const port = Number(/port (\d+)/.exec(out)![1]);
    // observe the temperature with a confirmable request: its notifications are confirmable, and never acknowledged here
    const notifications: number[] = [];
    observer.on('message', (msg) => {
      const p = parse(msg);
      if (p.options.some((o) => o.name === 'Observe') && p.confirmable) notifications.push(p.messageId);
    });
    observer.send(generate({
      confirmable: true, code: 'GET', messageId: 4711, token: Buffer.from([7, 7]),
      options: [{ name: 'Observe', value: Buffer.alloc(0) }, ...['3303', '0', '5700'].map((s) => ({ name: 'Uri-Path' as const, value: Buffer.from(s) }))],
    }), port, '127.0.0.1');
    await until('confirmable notifications pending', () => new Set(notifications).size >= 2, 5000);

    child.stdin.write('stop\n');
    await until('stopped', () => out.includes('stopped'), 5000);
    const stoppedAt = Date.now();
    const code = await Promise.race([exited, new Promise<'alive'>((r) => setTimeout(() => r('alive'), 3000))]);
    assert.notEqual(code, 'alive', `the process still runs ${Date.now() - stoppedAt} ms after stop()`);
    assert.equal(code, 0, err);
    assert.doesNotMatch(err, /Not running|Error/);
  } finally {
    child.kill();
    observer.close();
    await registrar.close();
  }
}
