import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompress } from './vite-compress.js';

test('every text file gets a brotli and a gzip copy that decompress to it; binary files and tiny copies are left alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-precompress-'));
  try {
    mkdirSync(join(dir, 'assets', 'deep'), { recursive: true });
    const js = `const x = ${JSON.stringify('chart '.repeat(2000))};`;
    writeFileSync(join(dir, 'index.html'), `<!doctype html>${'<p>row</p>'.repeat(100)}`);
    writeFileSync(join(dir, 'assets', 'deep', 'app-1a2b.js'), js);
    writeFileSync(join(dir, 'icon.png'), Buffer.alloc(4096, 7));
    writeFileSync(join(dir, 'x.txt'), 'a'); // one byte: no copy is smaller

    const written = precompress(dir);

    for (const file of [join(dir, 'index.html'), join(dir, 'assets', 'deep', 'app-1a2b.js')]) {
      const original = readFileSync(file);
      const br = readFileSync(`${file}.br`);
      const gz = readFileSync(`${file}.gz`);
      assert.deepEqual(brotliDecompressSync(br), original);
      assert.deepEqual(gunzipSync(gz), original);
      assert.ok(br.length <= gz.length && gz.length < original.length, `${file}: br ${br.length}, gz ${gz.length}, raw ${original.length}`);
    }
    assert.ok(!existsSync(join(dir, 'icon.png.br')) && !existsSync(join(dir, 'icon.png.gz')), 'not a text file');
    assert.ok(!existsSync(join(dir, 'x.txt.br')) && !existsSync(join(dir, 'x.txt.gz')), 'copies larger than the file');
    assert.deepEqual(written.map((w) => w.file).sort(), [join(dir, 'assets', 'deep', 'app-1a2b.js'), join(dir, 'index.html'), join(dir, 'x.txt')]);

    // a second build into the same folder compresses the files, not the copies of the first run
    precompress(dir);
    assert.ok(!existsSync(join(dir, 'index.html.br.br')) && !existsSync(join(dir, 'index.html.gz.gz')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
