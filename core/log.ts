// One line per entry. Messages carry values from outside (client ids, topics, paths, payloads),
// so control characters are escaped: nobody can forge a log line with \n or steer a terminal.
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  /** `detail` (e.g. a stack trace of our own code) is printed unescaped on the lines after. */
  error(message: string, detail?: string): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Escapes C0/C1 control characters, DEL and the Unicode line separators as \n, \r, \t or \xNN / \uNNNN. */
export function escapeLogText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export interface LoggerOptions {
  /** lowest level written; default info (warn and error only when quiet) */
  level?: LogLevel;
  /** where lines go; default stdout for debug/info, stderr for warn/error */
  sink?: (level: LogLevel, line: string) => void;
}

const consoleSink = (level: LogLevel, line: string) => (rank[level] >= rank.warn ? console.error(line) : console.log(line));

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = rank[options.level ?? 'info'];
  const sink = options.sink ?? consoleSink;
  const write = (level: LogLevel, message: string, detail?: string) => {
    if (rank[level] < min) return;
    const tag = level === 'info' ? '' : `${level.toUpperCase()} `;
    sink(level, `${new Date().toISOString()} ${tag}${escapeLogText(message)}${detail ? `\n${detail}` : ''}`);
  };
  return {
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m, detail) => write('error', m, detail),
  };
}
