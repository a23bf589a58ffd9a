// `npm run build:agent`: bundles agent/cli.ts with mqtt and zod into ONE file,
// dist/agent/outpost-agent.js, that needs only Node.js >= 20 on the device.
//
// CommonJS, not ESM: the file is meant to be copied alone (to /usr/lib/outpost-agent/, into a
// snap) where no package.json says "type": "module", and Node treats such a .js file (or an
// extensionless one) as CommonJS. Inside this repo, whose package.json says "module", a one-line
// dist/agent/package.json says "commonjs" so the file also runs where it is built.
import { build, type Plugin } from 'esbuild';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_BUNDLE = resolve(repoRoot, 'dist/agent/outpost-agent.js');

// ws (pulled in by mqtt for ws:// URLs, which the agent does not use) tries optional native addons
// inside try/catch; a module that throws keeps the bundle free of any require outside Node's builtins
// and makes ws take its pure-JavaScript path, as it does when the addons are not installed.
const withoutOptionalAddons: Plugin = {
  name: 'without-optional-addons',
  setup(b) {
    b.onResolve({ filter: /^(bufferutil|utf-8-validate)$/ }, (args) => ({ path: args.path, namespace: 'optional-addon' }));
    b.onLoad({ filter: /.*/, namespace: 'optional-addon' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled`)});`,
      loader: 'js',
    }));
  },
};

export async function buildAgentBundle(outfile = DEFAULT_BUNDLE): Promise<string> {
  await mkdir(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [resolve(repoRoot, 'agent/cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    // licences of the bundled packages stay inside the one file, at its end
    legalComments: 'eof',
    plugins: [withoutOptionalAddons],
    logLevel: 'warning',
  });
  await chmod(outfile, 0o755);
  await writeFile(resolve(dirname(outfile), 'package.json'), '{"type": "commonjs"}\n');
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildAgentBundle(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`built ${out}`);
}
