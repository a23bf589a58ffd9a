// The main window: hardened webPreferences, shown once the UI has painted.
import { BrowserWindow } from 'electron';
import { VERSION_ARGUMENT } from './desktop-api.js';
import { originOf } from './url-policy.js';

export interface WindowOptions {
  preload: string;
  icon: string;
  version: string;
}

export function createMainWindow({ preload, icon, version }: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Outpost',
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 520,
    show: false,
    icon,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      additionalArguments: [`${VERSION_ARGUMENT}${version}`],
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

/** Shows core's UI: first load, or after core restarted (same origin: reload; new origin: load). */
export function showUrl(window: BrowserWindow, url: string): void {
  const contents = window.webContents;
  if (originOf(contents.getURL()) === originOf(url)) {
    contents.reload();
    return;
  }
  window.loadURL(url).catch((error: unknown) => {
    console.error(`Could not load ${url}: ${error instanceof Error ? error.message : String(error)}`);
    window.show();
  });
}
