// One line per event on stderr: under systemd (or snapd) journald adds the time and the unit.
export type LogLevel = 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, message: string) => void;

export const stderrLog: Log = (level, message) => {
  process.stderr.write(`outpost-agent: ${level}: ${message}\n`);
};

export const silentLog: Log = () => undefined;
