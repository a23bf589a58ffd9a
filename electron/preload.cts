// Sandboxed preload (CommonJS, no Node): exposes the minimal desktop API as `window.outpost`.
// Only 'electron' may be required here, so the version argument name is repeated, not imported.
import electron = require('electron');
import type { OutpostDesktopApi } from './desktop-api.js' with { 'resolution-mode': 'import' };

const versionArgument = '--outpost-version='; // = VERSION_ARGUMENT in desktop-api.ts
const version = process.argv.find((arg) => arg.startsWith(versionArgument))?.slice(versionArgument.length);

const api: OutpostDesktopApi = Object.freeze({
  version: version ?? 'unknown',
  platform: process.platform,
});

electron.contextBridge.exposeInMainWorld('outpost', api);
