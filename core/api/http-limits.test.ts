// Nothing unauthenticated makes the HTTP server hold much memory or a connection for long, and a
// client hanging up is not an error. Raw sockets, because fetch() neither streams an endless chunked
// body nor trickles headers. The server runs in this process: RSS is measured here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { startTestOutpost, ApiClient, waitFor, openLiveStream, type TestOutpost } from '../testing/harness.js';
import { createLogger, type LogLevel } from '../log.js';
import { MAX_BODY_BYTES } from './body-limit.js';

const MB = 1024 * 1024;
const HUGE = 200 * MB;
// far more than the limit and the kernel's socket buffers, far less than a whole HUGE upload
const ANSWER_WITHIN = 32 * MB;
const RSS_GROWTH = 100 * MB;

type Line = { level: LogLevel; line: string };
const capture = (lines: Line[]) => createLogger({ level: 'debug', sink: (level, line) => lines.push({ level, line }) });

const lines: Line[] = [];
let outpost: TestOutpost; // default timeouts
const slowLines: Line[] = [];
let slow: TestOutpost; // shortened timeouts
const SHORT = { headersTimeoutMs: 400, requestTimeoutMs: 1000, keepAliveTimeoutMs: 400, checkIntervalMs: 50 };

before(async () => {
  outpost = await startTestOutpost(undefined, { log: capture(lines) });
  slow = await startTestOutpost(undefined, { log: capture(slowLines), http: SHORT });
  for (const o of [outpost, slow]) {
    const setup = await new ApiClient(o.url).post('/api/setup', { username: 'owner', password: 'correct horse' });
    assert.equal(setup.status, 200);
  }
});
after(async () => {
  for (const o of [outpost, slow]) {
    await o.close();
    o.removeData();
  }
});

interface Upload {
  /** what the server sent, as text */
  response: string;
  status: number | null;
  /** body bytes written when the first byte of the answer arrived (null: no answer) */
  sentAtAnswer: number | null;
  sent: number;
  closed: boolean;
  rssGrowth: number;
}

/**
 * Sends `head`, then up to `total` body bytes in 64 KiB pieces (chunk-framed if `chunked`),
 * honouring backpressure and stopping as soon as the server answers or closes.
 */
async function upload(port: number, head: string, total: number, chunked: boolean): Promise<Upload> {
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const piece = Buffer.alloc(64 * 1024, 'a');
  const frame = chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined); // EPIPE/ECONNRESET once the server has closed: expected
  let response = '';
  let sent = 0;
  let sentAtAnswer: number | null = null;
  socket.on('data', (d: Buffer) => {
    sentAtAnswer ??= sent;
    response += d.toString('latin1');
  });
  const closed = new Promise<true>((resolve) => socket.once('close', () => resolve(true)));
  try {
    socket.write(head);
    while (sent < total && sentAtAnswer === null && !socket.destroyed) {
      const more = socket.write(frame);
      sent += piece.length;
      if (!more) await writable(socket);
    }
    // an unfixed server only answers a chunked upload once it has ended
    if (chunked && sentAtAnswer === null && !socket.destroyed) socket.write('0\r\n\r\n');
    const wasClosed = await Promise.race([closed, delay(5000).then(() => false)]);
    peak = Math.max(peak, process.memoryUsage().rss);
    const status = /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1];
    return { response, status: status ? Number(status) : null, sentAtAnswer, sent, closed: wasClosed, rssGrowth: peak - rss0 };
  } finally {
    clearInterval(sampler);
    socket.destroy();
  }
}

function writable(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

const head = (method: string, path: string, framing: string, extra = '') =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${framing}\r\n${extra}\r\n`;
const CHUNKED = 'Transfer-Encoding: chunked';

function assertStoppedEarly(u: Upload, status: number) {
  const summary = `status ${u.status}, answer after ${u.sentAtAnswer} of ${u.sent} bytes, closed ${u.closed}, RSS +${Math.round(u.rssGrowth / MB)} MB`;
  assert.equal(u.status, status, summary);
  assert.ok(u.sentAtAnswer !== null && u.sentAtAnswer < ANSWER_WITHIN, `answered early: ${summary}`);
  assert.ok(u.closed, `connection closed: ${summary}`);
  assert.ok(u.rssGrowth < RSS_GROWTH, `memory: ${summary}`);
  assert.match(u.response, /\r\nconnection: close\r\n/i);
}

const jsonBody = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as { error: string };

test('a huge chunked body to /api/login gets 413 at once, the connection is closed, memory stays', { timeout: 30_000 }, async () => {
  const u = await upload(outpost.httpPort, head('POST', '/api/login', CHUNKED), HUGE, true);
  assertStoppedEarly(u, 413);
  assert.match(jsonBody(u.response).error, new RegExp(`body larger than ${MAX_BODY_BYTES} bytes`));
  assert.equal((await new ApiClient(outpost.url).get('/api/health')).status, 200);
});

test('a Content-Length over the limit gets 413 before the body is read, for any method', { timeout: 30_000 }, async () => {
  const u = await upload(outpost.httpPort, head('POST', '/api/setup', `Content-Length: ${HUGE}`), HUGE, false);
  assertStoppedEarly(u, 413);
  assert.match(jsonBody(u.response).error, /body larger than/);
  const get = await upload(outpost.httpPort, head('GET', '/api/health', `Content-Length: ${HUGE}`), HUGE, false);
  assertStoppedEarly(get, 413);
});

/** A JSON object of exactly `bytes` bytes. */
function jsonOfLength(fields: Record<string, string>, bytes: number): string {
  const bare = JSON.stringify({ ...fields, pad: '' });
  return JSON.stringify({ ...fields, pad: 'x'.repeat(bytes - bare.length) });
}

/** POST with a body in pieces and no Content-Length, so node:http sends it chunked. */
function postChunked(base: string, path: string, pieces: string[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    for (const p of pieces) req.write(p);
    req.end();
  });
}

test('a body of exactly the limit works, chunked or not; one byte more does not', { timeout: 10_000 }, async () => {
  const fresh = await startTestOutpost();
  try {
    const setupBody = jsonOfLength({ username: 'owner', password: 'correct horse' }, MAX_BODY_BYTES);
    assert.equal(Buffer.byteLength(setupBody), MAX_BODY_BYTES);
    const setup = await postChunked(fresh.url, '/api/setup', [setupBody.slice(0, 1000), setupBody.slice(1000, 40_000), setupBody.slice(40_000)]);
    assert.equal(setup.status, 200, setup.text);

    const login = jsonOfLength({ username: 'owner', password: 'correct horse' }, MAX_BODY_BYTES);
    assert.equal((await new ApiClient(fresh.url).call('POST', '/api/login', login)).status, 200, 'with Content-Length');
    assert.equal((await postChunked(fresh.url, '/api/login', [login.slice(0, 30_000), login.slice(30_000)])).status, 200, 'chunked');

    const over = jsonOfLength({ username: 'owner', password: 'correct horse' }, MAX_BODY_BYTES + 1);
    const withLength = await new ApiClient(fresh.url).call('POST', '/api/login', over);
    assert.equal(withLength.status, 413);
    assert.match(withLength.body.error, /body larger than/);
    const chunked = await postChunked(fresh.url, '/api/login', [over.slice(0, 30_000), over.slice(30_000)]);
    assert.equal(chunked.status, 413, chunked.text);
    assert.match(JSON.parse(chunked.text).error, /body larger than/);
  } finally {
    await fresh.close();
    fresh.removeData();
  }
});

test('a huge chunked body to a path or route that takes none is not read: answered, closed, no memory', { timeout: 30_000 }, async () => {
  for (const [method, path, status] of [['POST', '/api/nope', 404], ['POST', '/', 404], ['GET', '/api/health', 200], ['POST', '/api/logout', 200]] as const) {
    const u = await upload(outpost.httpPort, head(method, path, CHUNKED), HUGE, true);
    assert.doesNotThrow(() => assertStoppedEarly(u, status), `${method} ${path}`);
  }
  assert.equal((await new ApiClient(outpost.url).get('/api/health')).status, 200);
});

/** Opens a connection, sends `bytes` one at a time every `everyMs`; resolves when the server closes. */
async function trickle(port: number, bytes: string, everyMs: number, limitMs: number) {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  let response = '';
  socket.on('data', (d: Buffer) => (response += d.toString('latin1')));
  await new Promise((resolve) => socket.once('connect', resolve));
  const start = Date.now();
  let closedAt: number | null = null;
  socket.once('close', () => (closedAt = Date.now()));
  let sent = 0;
  try {
    while (closedAt === null && Date.now() - start < limitMs) {
      if (sent < bytes.length) socket.write(bytes[sent++]!);
      await delay(everyMs);
    }
    return { closedAfterMs: closedAt === null ? null : (closedAt as number) - start, sent, response };
  } finally {
    socket.destroy();
  }
}

test('connections that send nothing, headers too slowly or a body too slowly are closed after the timeout', { timeout: 20_000 }, async () => {
  const request = 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
  const silent = await trickle(slow.httpPort, '', 50, 4000);
  assert.ok(silent.closedAfterMs !== null && silent.closedAfterMs >= SHORT.headersTimeoutMs - 100, `silent: ${JSON.stringify(silent)}`);

  // one byte every 60 ms would need ~2.6 s for the headers
  const headers = await trickle(slow.httpPort, request, 60, 4000);
  assert.ok(headers.closedAfterMs !== null && headers.closedAfterMs < 2000, `slow headers: ${JSON.stringify(headers)}`);
  assert.ok(headers.sent < request.length, 'closed before the headers were complete');
  assert.doesNotMatch(headers.response, /200 OK/);

  const body = '{"username":"owner","password":"correct horse"}';
  const bodyHead = `POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
  const socket = connect(slow.httpPort, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.write(bodyHead);
  const start = Date.now();
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - start)));
  let i = 0;
  const dribble = setInterval(() => i < body.length && socket.write(body[i++]!), 100); // 4.8 s for all of it
  try {
    const closedAfter = await Promise.race([closed, delay(4000).then(() => null)]);
    assert.ok(closedAfter !== null && closedAfter >= SHORT.requestTimeoutMs - 100 && i < body.length, `slow body closed after ${closedAfter} ms, ${i} bytes`);
  } finally {
    clearInterval(dribble);
    socket.destroy();
  }

  // an idle keep-alive connection
  const idle = connect(slow.httpPort, '127.0.0.1');
  idle.on('error', () => undefined);
  let answer = '';
  idle.on('data', (d: Buffer) => (answer += d));
  idle.write(request);
  const idleClosed = await Promise.race([new Promise<true>((r) => idle.once('close', () => r(true))), delay(4000).then(() => false)]);
  idle.destroy();
  assert.match(answer, /^HTTP\/1\.1 200/);
  assert.ok(idleClosed, 'idle keep-alive connection closed');
  assert.equal((await new ApiClient(slow.url).get('/api/health')).status, 200);
  // the stalled upload was cut off by the server: not an error of ours either
  await waitFor(() => slowLines.some((l) => l.level === 'debug' && /POST \/api\/login: request body not received/.test(l.line)), 'debug line for the stalled body');
  assert.deepEqual(slowLines.filter((l) => l.level === 'error'), []);
});

test('the event stream outlives the request timeout: it only covers receiving the request', { timeout: 10_000 }, async () => {
  const api = new ApiClient(slow.url);
  assert.equal((await api.post('/api/login', { username: 'owner', password: 'correct horse' })).status, 200);
  const stream = await openLiveStream(slow.url, api.cookie);
  try {
    await waitFor(() => stream.text().includes('event: hello'), 'hello');
    await delay(SHORT.requestTimeoutMs + SHORT.keepAliveTimeoutMs + 300);
    assert.equal((await api.post('/api/devices', { uid: 'after-timeout', name: 'x' })).status, 200);
    await waitFor(() => stream.text().includes('"uid":"after-timeout"'), 'an event after the request timeout');
  } finally {
    await stream.close();
  }
});

test('an upload aborted mid-body is a debug line, not an error; the server serves on', { timeout: 10_000 }, async () => {
  const printed: unknown[] = [];
  const saved = { error: console.error, warn: console.warn, info: console.info, log: console.log };
  for (const k of ['error', 'warn', 'info', 'log'] as const) console[k] = (...args: unknown[]) => printed.push([k, ...args]);
  const from = lines.length;
  try {
    const cases = [
      { name: 'Content-Length, closed', framing: 'Content-Length: 10000', part: 'x'.repeat(3000), reset: false },
      { name: 'chunked, reset', framing: CHUNKED, part: `bb8\r\n${'x'.repeat(3000)}\r\n`, reset: true },
    ];
    for (const c of cases) {
      const before = lines.length;
      const socket = connect(outpost.httpPort, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(head('POST', '/api/login', c.framing));
      socket.write(c.part);
      await delay(200); // the server is now reading the body
      if (c.reset) socket.resetAndDestroy();
      else socket.destroy();
      await waitFor(() => lines.slice(before).some((l) => l.level === 'debug' && /api: POST \/api\/login: request body not received/.test(l.line)), `debug line (${c.name})`);
    }
    await delay(100);
    assert.deepEqual(lines.slice(from).filter((l) => l.level === 'error' || l.level === 'warn'), []);
    assert.deepEqual(printed, []);
    const api = new ApiClient(outpost.url);
    assert.equal((await api.post('/api/login', { username: 'owner', password: 'correct horse' })).status, 200);
  } finally {
    Object.assign(console, saved);
  }
});
