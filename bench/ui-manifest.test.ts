import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkOf, entryKey, staticFiles, type Manifest } from './ui-manifest.js';

// the shape Vite 8 writes for a lazy page that shares a chunk with another page
const manifest: Manifest = {
  'index.html': { file: 'assets/index-a.js', src: 'index.html', isEntry: true, imports: ['_runtime-r.js'], dynamicImports: ['src/pages/Devices.tsx', 'src/device/DevicePage.tsx'] },
  '_runtime-r.js': { file: 'assets/runtime-r.js' },
  '_shared-s.js': { file: 'assets/shared-s.js', imports: ['index.html'] },
  'src/pages/Devices.tsx': { file: 'assets/Devices-d.js', src: 'src/pages/Devices.tsx', isDynamicEntry: true, imports: ['index.html', '_shared-s.js'] },
  'src/device/DevicePage.tsx': { file: 'assets/DevicePage-p.js', src: 'src/device/DevicePage.tsx', isDynamicEntry: true, imports: ['index.html', '_shared-s.js'], dynamicImports: ['src/pages/Devices.tsx'] },
};

test('the entry needs its static imports, not its lazy pages', () => {
  assert.equal(entryKey(manifest), 'index.html');
  assert.deepEqual(staticFiles(manifest, 'index.html').sort(), ['assets/index-a.js', 'assets/runtime-r.js']);
});

test('a page needs the entry, shared chunks and itself, each once, cycles included', () => {
  const key = chunkOf(manifest, 'src/device/DevicePage.tsx');
  assert.deepEqual(staticFiles(manifest, key).sort(),
    ['assets/DevicePage-p.js', 'assets/index-a.js', 'assets/runtime-r.js', 'assets/shared-s.js']);
});

test('a manifest without the expected chunks is an error, not an empty answer', () => {
  assert.throws(() => chunkOf(manifest, 'src/pages/Nope.tsx'), /no chunk/);
  assert.throws(() => entryKey({ a: { file: 'a.js' } }), /one entry/);
  assert.throws(() => staticFiles({ x: { file: 'x.js', imports: ['gone'] } }, 'x'), /no entry for it/);
});
