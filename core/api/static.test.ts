// The UI files from a real Outpost: precompressed copies by Accept-Encoding, cache lifetimes,
// ETag revalidation, HEAD, and no way out of the UI folder. Raw node:http, because fetch() asks
// for compression itself and hides the encoded bytes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestOutpost, type TestOutpost } from '../testing/harness.js';

interface Raw { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

function raw(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    // path as written: no URL normalisation on the way out, so that '..' reaches the server
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject).end();
  });
}

const INDEX = `<!doctype html><title>Outpost</title><script type="module" src="/assets/index-abc123.js"></script>${'<!-- pad -->'.repeat(50)}`;
const APP_JS = `export const answer = ${JSON.stringify('forty-two '.repeat(500))};\n`;
const GZ_ONLY_JS = `console.log(${JSON.stringify('only gzip here '.repeat(200))});\n`;
const STYLE = 'body { color: var(--ink); }\n';
const SECRET = 'outside the UI folder';

describe('static UI files', () => {
  let dir: string;
  let outpost: TestOutpost;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'outpost-static-'));
    const ui = join(dir, 'ui');
    mkdirSync(join(ui, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    writeFileSync(join(dir, 'secret.js'), SECRET);
    const withCopies = (path: string, text: string, copies: Array<'br' | 'gz'>) => {
      writeFileSync(path, text);
      if (copies.includes('br')) writeFileSync(`${path}.br`, brotliCompressSync(text));
      if (copies.includes('gz')) writeFileSync(`${path}.gz`, gzipSync(text));
    };
    withCopies(join(ui, 'index.html'), INDEX, ['br', 'gz']);
    withCopies(join(ui, 'assets', 'index-abc123.js'), APP_JS, ['br', 'gz']);
    withCopies(join(ui, 'assets', 'gz-only-def456.js'), GZ_ONLY_JS, ['gz']);
    withCopies(join(ui, 'style.css'), STYLE, []);
    outpost = await startTestOutpost(undefined, { uiDir: ui });
  });
  after(async () => {
    await outpost.close();
    outpost.removeData();
    rmSync(dir, { recursive: true, force: true });
  });

  test('brotli when the client takes it, with the type of the original and the length of the copy', async () => {
    const r = await raw(outpost.url, '/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], 'br');
    assert.equal(r.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(r.headers['vary'], 'Accept-Encoding');
    assert.equal(Number(r.headers['content-length']), r.body.length);
    assert.ok(r.body.length < Buffer.byteLength(APP_JS) / 4, `${r.body.length} bytes sent`);
    assert.equal(brotliDecompressSync(r.body).toString(), APP_JS);
  });

  test('gzip when brotli is refused or not stored', async () => {
    const refused = await raw(outpost.url, '/assets/index-abc123.js', { 'accept-encoding': 'br;q=0, gzip' });
    assert.equal(refused.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(refused.body).toString(), APP_JS);
    const notStored = await raw(outpost.url, '/assets/gz-only-def456.js', { 'accept-encoding': 'br, gzip' });
    assert.equal(notStored.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(notStored.body).toString(), GZ_ONLY_JS);
  });

  test('the file itself without Accept-Encoding, when every copy is refused, or when there is no copy', async () => {
    for (const headers of [{}, { 'accept-encoding': 'br;q=0, gzip;q=0' }, { 'accept-encoding': 'deflate' }] as Array<Record<string, string>>) {
      const r = await raw(outpost.url, '/assets/index-abc123.js', headers);
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-encoding'], undefined, JSON.stringify(headers));
      assert.equal(r.headers['vary'], 'Accept-Encoding', 'a cache must not hand this one to a client that takes br');
      assert.equal(r.body.toString(), APP_JS);
      assert.equal(Number(r.headers['content-length']), Buffer.byteLength(APP_JS));
    }
    const css = await raw(outpost.url, '/style.css', { 'accept-encoding': 'br, gzip' });
    assert.equal(css.headers['content-encoding'], undefined);
    assert.equal(css.headers['vary'], undefined);
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    assert.equal(css.body.toString(), STYLE);
  });

  test('hashed assets are cached for a year; index.html and other files are revalidated', async () => {
    const asset = await raw(outpost.url, '/assets/index-abc123.js', { 'accept-encoding': 'br' });
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/some/app/route', '/style.css']) {
      const r = await raw(outpost.url, path, { 'accept-encoding': 'br' });
      assert.equal(r.status, 200, path);
      assert.equal(r.headers['cache-control'], 'no-cache', path);
      assert.match(String(r.headers['etag']), /^"[\w-]+"$/, path);
    }
    const page = await raw(outpost.url, '/some/app/route', { 'accept-encoding': 'br' });
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(brotliDecompressSync(page.body).toString(), INDEX, 'paths without a file extension get index.html');
  });

  test('If-None-Match with the current ETag gets 304 without a body; another tag gets the file', async () => {
    const first = await raw(outpost.url, '/', { 'accept-encoding': 'br' });
    const etag = String(first.headers['etag']);
    const again = await raw(outpost.url, '/', { 'accept-encoding': 'br', 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers['etag'], etag);
    assert.equal(again.headers['cache-control'], 'no-cache');
    assert.equal(again.headers['vary'], 'Accept-Encoding');
    // in a list, weak, or *: all match (the weak comparison of RFC 9110 §13.1.2)
    for (const inm of [`"nope", ${etag}`, `W/${etag}`, '*']) {
      assert.equal((await raw(outpost.url, '/', { 'accept-encoding': 'br', 'if-none-match': inm })).status, 304, inm);
    }
    const stale = await raw(outpost.url, '/', { 'accept-encoding': 'br', 'if-none-match': '"an-old-build"' });
    assert.equal(stale.status, 200);
    assert.equal(brotliDecompressSync(stale.body).toString(), INDEX);
  });

  test('each encoding has its own ETag, so a cached brotli copy never revalidates a gzip one', async () => {
    const tags = new Set<string>();
    for (const enc of ['br', 'gzip', 'identity']) {
      tags.add(String((await raw(outpost.url, '/', { 'accept-encoding': enc })).headers['etag']));
    }
    assert.equal(tags.size, 3);
    const brTag = String((await raw(outpost.url, '/', { 'accept-encoding': 'br' })).headers['etag']);
    const gz = await raw(outpost.url, '/', { 'accept-encoding': 'gzip', 'if-none-match': brTag });
    assert.equal(gz.status, 200);
    assert.equal(gunzipSync(gz.body).toString(), INDEX);
  });

  test('HEAD answers the headers of GET without a body', async () => {
    const get = await raw(outpost.url, '/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    const head = await raw(outpost.url, '/assets/index-abc123.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    for (const h of ['content-type', 'content-encoding', 'content-length', 'etag', 'cache-control', 'vary']) {
      assert.equal(head.headers[h], get.headers[h], h);
    }
    assert.equal(Number(head.headers['content-length']), get.body.length);
  });

  test('missing files are 404; nothing outside the UI folder is served', async () => {
    assert.equal((await raw(outpost.url, '/assets/gone-000000.js')).status, 404);
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.js', '/assets/..%2f..%2fsecret.js',
      '/%252e%252e%252fsecret.txt', '/..\\secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.js']) {
      for (const enc of [{}, { 'accept-encoding': 'br, gzip' }] as Array<Record<string, string>>) {
        const r = await raw(outpost.url, path, enc);
        assert.ok(r.status === 404 || r.status === 200 || r.status === 400, `${path}: ${r.status}`);
        const text = r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body).toString()
          : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body).toString() : r.body.toString();
        assert.ok(!text.includes(SECRET), `${path} leaked a file outside the UI folder`);
        if (r.status === 200) assert.equal(text, INDEX, `${path}: only index.html may answer a path outside`);
      }
    }
    assert.equal((await raw(outpost.url, '/%E0%A4%A')).status, 400, 'a path that does not decode');
  });
});
