// Desktop shell: runs core in an Electron utility process (the same CLI entry as headless mode),
// opens a window on the UI core serves on 127.0.0.1, and restarts core if it dies.
import { app, BrowserWindow, dialog, session, utilityProcess } from 'electron';
import path from 'node:path';
import { coreArgs, pinnedHttpPort } from './core-args.js';
import { CoreSupervisor, type CoreReady } from './core-supervisor.js';
import { hardenContents, hardenSession } from './security.js';
import { originOf } from './url-policy.js';
import { createMainWindow, showUrl } from './window.js';

const here = import.meta.dirname; // dist/electron
const coreEntry = path.join(here, '..', 'core', 'cli.js');
const preload = path.join(here, 'preload.cjs');
const icon = path.join(here, '..', '..', 'assets', 'icon.png');

let core: CoreReady | null = null;
let window: BrowserWindow | null = null;
const coreOrigin = () => (core ? originOf(core.url) : null);

if (!app.requestSingleInstanceLock()) {
  app.quit(); // another Outpost is running: it focuses its window (second-instance below)
} else {
  app.setAppUserModelId('io.outpost.app');
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, coreOrigin));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error(error);
    app.exit(1);
  });
}

function start(): void {
  hardenSession(session.defaultSession, coreOrigin);
  const pinned = pinnedHttpPort(process.argv);

  const supervisor = new CoreSupervisor({
    spawn: (args) => utilityProcess.fork(coreEntry, args, { serviceName: 'Outpost core', stdio: 'pipe' }),
    args: (httpPort) => coreArgs(process.argv, httpPort),
    httpPort: pinned, // undefined: core's configured port (stable origin); 0 if that one is taken
    httpPortPinned: pinned !== undefined && pinned !== 0, // 0 = "any port": may change
    onReady(ready) {
      core = ready;
      showUi();
    },
    onDown(reason, restartInMs) {
      core = null;
      console.error(`Outpost core: ${reason}; restarting in ${restartInMs} ms.`);
    },
    onGiveUp(reason, recentOutput) {
      core = null;
      const options = {
        type: 'error' as const,
        title: 'Outpost',
        message: 'Outpost’s engine could not be started.',
        detail: `Reason: ${reason}\n\nLast output:\n${recentOutput.slice(-12).join('\n') || '(none)'}`,
        buttons: ['Try again', 'Quit'],
        defaultId: 0,
        cancelId: 1,
      };
      const answer = window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
      void answer.then(({ response }) => (response === 0 ? supervisor.start() : app.quit()));
    },
    onOutput(stream, line) {
      (stream === 'stdout' ? process.stdout : process.stderr).write(`[core] ${line}\n`);
    },
  });

  app.on('activate', showUi); // macOS: dock icon clicked with no window open
  let coreStopped = false;
  app.on('will-quit', (event) => {
    if (coreStopped) return;
    event.preventDefault(); // let core close its database and brokers first
    void supervisor.stop().finally(() => {
      coreStopped = true;
      app.quit();
    });
  });
  supervisor.start();
}

function showUi(): void {
  if (!core) return;
  if (!window || window.isDestroyed()) {
    window = createMainWindow({ preload, icon, version: app.getVersion() });
    window.on('closed', () => (window = null));
  }
  showUrl(window, core.url);
}
