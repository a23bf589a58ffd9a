// `npm start`: open the desktop app where Electron can run, otherwise run core headless.
// Usage: node dist/electron/launch.js [--headless] [core flags: --data-dir DIR --http-port N ...]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decideLaunchMode } from './launch-mode.js';
import { electronBinaryPath } from './electron-binary.js';

const here = import.meta.dirname; // dist/electron
const appDir = path.resolve(here, '..', '..'); // package.json "main" points into dist/electron
const coreCli = path.resolve(here, '..', 'core', 'cli.js');

const electronPath = electronBinaryPath();
const decision = decideLaunchMode({
  platform: process.platform,
  electronPath,
  electronPathExists: electronPath !== null && existsSync(electronPath),
  env: process.env,
  args: process.argv.slice(2),
});

if (decision.mode === 'electron') {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn the Electron binary into plain Node
  run(decision.electronPath, [appDir, ...decision.args], env);
} else {
  if (decision.message) console.error(decision.message);
  run(process.execPath, [coreCli, ...decision.args], process.env);
}

/** Runs the child with our stdio, forwards termination signals, exits with its code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const child = spawn(command, args, { stdio: 'inherit', env });
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // Ctrl+C in a terminal already reaches the child (same foreground process group); sending
      // it again would look like a second Ctrl+C. Forward SIGINT only when no terminal sent it.
      if (signal === 'SIGINT' && process.stdin.isTTY) return;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
  });
}
