import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { chooseEncoding, type Encoding } from './accept-encoding.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.map': 'application/json',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

/** The copies the build writes next to each text file (renderer/vite-compress.ts). */
const PRECOMPRESSED = [{ encoding: 'br', suffix: '.br' }, { encoding: 'gzip', suffix: '.gz' }] as const;
type Compressed = (typeof PRECOMPRESSED)[number]['encoding'];

async function isFile(path: string): Promise<boolean> {
  try { return (await stat(path)).isFile(); } catch { return false; }
}

/** If-None-Match against our (strong) tag, with the weak comparison RFC 9110 §13.1.2 asks for. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/**
 * Serves the built renderer; unknown paths get index.html (the app routes by hash). A file goes
 * out as its brotli or gzip copy when the client takes one. Hashed files under /assets/ are cached
 * for a year; the rest (index.html above all, which names the current hashed files) is revalidated
 * on every use with its ETag.
 */
export function serveUi(uiDir: string): MiddlewareHandler {
  const root = normalize(uiDir + sep);
  const assets = join(root, 'assets') + sep;
  const index = join(root, 'index.html');
  return async (c) => {
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return c.text('bad path', 400);
    }
    const wanted = normalize(join(root, path));
    const file = wanted.startsWith(root) && extname(wanted) ? wanted : index;
    if (!(await isFile(file))) {
      if (file === index) return c.text('The UI is not built: run npm run build', 503);
      return c.text('not found', 404);
    }

    const available = new Set<Compressed>();
    for (const p of PRECOMPRESSED) if (await isFile(file + p.suffix)) available.add(p.encoding);
    const encoding: Encoding = chooseEncoding(c.req.header('accept-encoding'), available);
    const served = file + (PRECOMPRESSED.find((p) => p.encoding === encoding)?.suffix ?? '');

    const body = await readFile(served).catch(() => null);
    if (!body) return c.text('not found', 404); // removed between the stat and the read (a rebuild)
    // from the bytes, not the file's mtime: packaged apps (asar) and copies do not keep mtimes,
    // and a rebuilt index.html has the same size (the names of hashed files have a fixed length)
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: etag,
    };
    if (available.size > 0) headers['Vary'] = 'Accept-Encoding';
    if (encoding !== 'identity') headers['Content-Encoding'] = encoding;

    if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, 'Content-Length': String(body.length) });
  };
}
