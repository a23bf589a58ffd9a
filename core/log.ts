export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(quiet = false): Logger {
  const stamp = () => new Date().toISOString();
  return {
    info: (m) => { if (!quiet) console.log(`${stamp()} ${m}`); },
    warn: (m) => { if (!quiet) console.warn(`${stamp()} WARN ${m}`); },
    error: (m) => console.error(`${stamp()} ERROR ${m}`),
  };
}
