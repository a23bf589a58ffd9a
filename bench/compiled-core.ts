// Benchmarks run Outpost as users run it: compiled by tsc (npm run build:node), not through tsx,
// whose output calls a naming helper for every closure it creates.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function compileCore(log: (msg: string) => void): void {
  log('compiling core (npm run build:node): Outpost runs as dist/core/cli.js');
  const built = spawnSync('npm', ['run', 'build:node', '--silent'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build:node failed');
}
