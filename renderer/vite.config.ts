// Builds the React UI into dist/ui/, which core serves on the same origin as the API.
// `npm run build:ui` runs this from the repo root; paths are relative to this file.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compressPlugin } from './vite-compress.js';
import { compileHintsPlugin } from './vite-compile-hints.js';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/',
  publicDir: 'public',
  plugins: [react(), compileHintsPlugin(), compressPlugin()],
  build: {
    outDir: '../dist/ui',
    emptyOutDir: true,
    sourcemap: false,
    // .vite/manifest.json: the entry chunk and what each page's chunk imports (bench/ui-load.ts reads it)
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `vite --config renderer/vite.config.ts` during development: forward the API to a running core.
    proxy: {
      '/api': { target: process.env['OUTPOST_API'] ?? 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
