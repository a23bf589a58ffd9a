import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.map': 'application/json',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

/** Serves the built renderer; unknown paths get index.html (the app routes by hash). */
export function serveUi(uiDir: string): MiddlewareHandler {
  const root = normalize(uiDir + sep);
  return async (c) => {
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return c.text('bad path', 400);
    }
    const wanted = normalize(join(root, path));
    const file = wanted.startsWith(root) && extname(wanted) ? wanted : join(root, 'index.html');
    try {
      const body = await readFile(file);
      const immutable = file.includes(`${sep}assets${sep}`);
      return c.body(body, 200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    } catch {
      if (file.endsWith('index.html')) return c.text('The UI is not built: run npm run build', 503);
      return c.text('not found', 404);
    }
  };
}
