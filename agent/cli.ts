// outpost-agent's command line: picks the command, parses its flags, runs it.
// Exit codes: 0 done, 1 failed while running, 2 bad usage or configuration.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/load-config.js';
import { startAgent } from './main.js';
import { deviceParts } from './device-parts.js';
import { simulateCommand } from './simulate.js';
import { stderrLog } from './log.js';
import { usage, type CommandHelp } from './usage.js';

interface Command extends CommandHelp {
  run(argv: string[]): Promise<number>;
}

const RUN_OPTIONS = {
  config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, uid: { type: 'string' },
  token: { type: 'string' }, 'state-dir': { type: 'string' }, 'snapd-socket': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: RUN_OPTIONS, strict: true, allowPositionals: false });
  if (values.help) return printUsage(0);
  const { config, source } = await loadConfig(values);
  stderrLog('info', `starting as ${config.uid} for ${config.host}:${config.port} (configuration from ${source}, state in ${config.stateDir})`);
  const agent = await startAgent(config, deviceParts());
  await new Promise<void>((resolve) => {
    const onSignal = (signal: string) => {
      stderrLog('info', `${signal}: stopping`);
      agent.stop().finally(resolve);
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
  return 0;
}

// The first entry is the default command.
const COMMANDS: Command[] = [
  { name: 'run', summary: 'connect to Outpost and run its operations (the default)', run: runCommand },
  { name: 'simulate', summary: 'run simulated devices with a fake snapd against an Outpost (--url, --username, --password, --count N, --seed N, --step-ms)', run: (argv) => simulateCommand(argv, printUsage) },
];

function printUsage(code: number): number {
  (code === 0 ? process.stdout : process.stderr).write(usage(COMMANDS));
  return code;
}

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') return printUsage(0);
  const named = first !== undefined && !first.startsWith('-') ? COMMANDS.find((c) => c.name === first) : undefined;
  if (first !== undefined && !first.startsWith('-') && !named) {
    process.stderr.write(`outpost-agent: unknown command ${JSON.stringify(first)}\n\n`);
    return printUsage(2);
  }
  const command = named ?? COMMANDS[0]!;
  try {
    return await command.run(named ? rest : argv);
  } catch (err) {
    if (err instanceof ConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`outpost-agent: ${(err as Error).message}\n(outpost-agent --help lists the options)\n`);
      return 2;
    }
    stderrLog('error', (err as Error).message ?? String(err));
    if (process.env.OUTPOST_AGENT_DEBUG) stderrLog('error', (err as Error).stack ?? '');
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
