// Pure: the arguments the desktop shell passes to core's CLI entry.
// Core flags given to the app (e.g. `npm start -- --data-dir X`) pass through; anything else on
// the Electron command line (Chromium switches, the app path) does not.

const PASSED_THROUGH = ['--data-dir', '--mqtt-port', '--host'] as const;

/** Reads `--name value` or `--name=value`; the last occurrence wins. */
export function readFlag(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === name && i + 1 < argv.length) value = argv[i + 1];
    else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
  });
  return value;
}

/** The HTTP port the user chose with --http-port (0 = any free port), if any. */
export function pinnedHttpPort(argv: readonly string[]): number | undefined {
  const raw = readFlag(argv, '--http-port');
  const port = Number(raw);
  return raw !== undefined && raw !== '' && Number.isInteger(port) && port >= 0 && port < 65536 ? port : undefined;
}

/** @param httpPort the port to ask for; undefined leaves it to core (its configured port). */
export function coreArgs(argv: readonly string[], httpPort: number | undefined): string[] {
  const args = httpPort === undefined ? [] : ['--http-port', String(httpPort)];
  for (const name of PASSED_THROUGH) {
    const value = readFlag(argv, name);
    if (value !== undefined) args.push(name, value);
  }
  return args;
}
