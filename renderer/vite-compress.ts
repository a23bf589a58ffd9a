// Vite build plugin: writes brotli (.br) and gzip (.gz) copies next to every text file in the
// output, at maximum quality, so that core serves them as they are (core/api/static.ts) instead
// of compressing on every request or sending them uncompressed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.map']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Writes the compressed copies of each text file under dir; a copy no smaller than the file is left out. */
export function precompress(dir: string): Array<{ file: string; size: number; br: number | null; gz: number | null }> {
  const written = [];
  for (const file of filesUnder(dir)) {
    if (!TEXT.has(extname(file))) continue;
    const body = readFileSync(file);
    const br = brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
    const gz = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
    const keep = (copy: Buffer, suffix: string) => {
      if (copy.length >= body.length) return null;
      writeFileSync(file + suffix, copy);
      return copy.length;
    };
    written.push({ file, size: body.length, br: keep(br, '.br'), gz: keep(gz, '.gz') });
  }
  return written;
}

export function compressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'outpost-precompress',
    apply: 'build',
    configResolved(config) { outDir = resolve(config.root, config.build.outDir); },
    // after the bundle and the public/ files are written: every file of the output is there
    closeBundle() { if (existsSync(outDir)) precompress(outDir); }, // not there when the build failed
  };
}
