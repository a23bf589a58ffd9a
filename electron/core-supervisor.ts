// Keeps one core process running: starts it, waits for its 'ready' message, restarts it with
// backoff when it dies, and gives up (for the shell to ask the user) when it keeps failing.
// It knows nothing about Electron: main.ts hands it a spawn function (utilityProcess.fork), and the
// unit test hands it child_process.fork.
import { createInterface } from 'node:readline';
import {
  countFailure,
  defaultRestartPolicy,
  planRestart,
  type RestartPolicy,
} from './restart-policy.js';

/** The part of Electron's UtilityProcess (or a ChildProcess adapter) the supervisor uses. */
export interface CoreChild {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: unknown): void;
  kill(): boolean;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
}

export interface CoreReady {
  url: string;
  httpPort: number;
  /** null when core runs without its broker (the saved MQTT port was taken; the UI says so) */
  mqttPort: number | null;
}

export interface SupervisorOptions {
  spawn(args: string[]): CoreChild;
  /** Arguments for one start of core, given the HTTP port to ask for (0: any free port;
   *  undefined: core's configured port). */
  args(httpPort: number | undefined): string[];
  /** HTTP port to ask for first. */
  httpPort: number | undefined;
  /** The user chose httpPort: never fall back to another one. */
  httpPortPinned: boolean;
  onReady(core: CoreReady): void;
  onDown(reason: string, restartInMs: number): void;
  onGiveUp(reason: string, recentOutput: string[]): void;
  onOutput?(stream: 'stdout' | 'stderr', line: string): void;
  policy?: RestartPolicy;
  readyTimeoutMs?: number;
  stopGraceMs?: number;
}

interface Attempt {
  child: CoreChild;
  httpPort: number | undefined;
  readyAt: number | null;
  /** Why this attempt failed, when we know better than its exit code. */
  failure: { reason: string; fatal: boolean } | null;
  exited: boolean;
  readyTimer: NodeJS.Timeout | undefined;
  killTimer: NodeJS.Timeout | undefined;
}

const OUTPUT_LINES_KEPT = 30;

export class CoreSupervisor {
  #attempt: Attempt | null = null;
  #failures = 0;
  #httpPort: number | undefined;
  #restartTimer: NodeJS.Timeout | null = null;
  #stopping = false;
  #output: string[] = [];
  #exitWaiters = new Set<() => void>();
  readonly #policy: RestartPolicy;
  readonly #readyTimeoutMs: number;
  readonly #stopGraceMs: number;
  readonly #options: SupervisorOptions;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    this.#httpPort = options.httpPort;
    this.#policy = options.policy ?? defaultRestartPolicy;
    this.#readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
    this.#stopGraceMs = options.stopGraceMs ?? 5_000;
  }

  /** Starts core, or starts over after onGiveUp (the user chose "Try again"). */
  start(): void {
    this.#stopping = false;
    this.#failures = 0;
    if (this.#attempt === null && this.#restartTimer === null) this.#launch();
  }

  /** Asks core to shut down, waits for it (up to the grace period), and does not restart it. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
    const attempt = this.#attempt;
    if (!attempt || attempt.exited) return;
    const exited = new Promise<void>((resolve) => this.#exitWaiters.add(resolve));
    try {
      attempt.child.postMessage({ type: 'shutdown' });
    } catch {
      // already gone
    }
    // POSIX: SIGTERM, which core handles as a clean shutdown. Windows: kill() is immediate, so
    // give the shutdown message its grace period first.
    if (process.platform !== 'win32') attempt.child.kill();
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (grace = setTimeout(resolve, this.#stopGraceMs)))]);
    clearTimeout(grace);
    if (!attempt.exited) attempt.child.kill();
  }

  #launch(): void {
    const httpPort = this.#httpPort;
    const child = this.#options.spawn(this.#options.args(httpPort));
    const attempt: Attempt = {
      child,
      httpPort,
      readyAt: null,
      failure: null,
      exited: false,
      readyTimer: undefined,
      killTimer: undefined,
    };
    this.#attempt = attempt;

    this.#pipe(child.stdout, 'stdout');
    this.#pipe(child.stderr, 'stderr');
    attempt.readyTimer = setTimeout(
      () => this.#abandon(attempt, `did not report ready within ${this.#readyTimeoutMs / 1000} s`, false),
      this.#readyTimeoutMs,
    );

    child.on('message', (message) => {
      if (isReadyMessage(message) && attempt.readyAt === null && attempt.failure === null) {
        attempt.readyAt = Date.now();
        clearTimeout(attempt.readyTimer);
        this.#httpPort = message.httpPort; // restart on the same port: the UI keeps its origin
        this.#options.onReady({ url: message.url, httpPort: message.httpPort, mqttPort: message.mqttPort });
      } else if (isFatalMessage(message)) {
        this.#abandon(attempt, message.message, true);
      }
    });
    child.on('exit', (code) => this.#exited(attempt, code));
  }

  /** Kills an attempt that cannot succeed; if it does not exit, carries on without it. */
  #abandon(attempt: Attempt, reason: string, fatal: boolean): void {
    if (attempt.exited || attempt.failure) return;
    attempt.failure = { reason, fatal };
    attempt.child.kill();
    clearTimeout(attempt.readyTimer);
    attempt.killTimer = setTimeout(() => this.#exited(attempt, null), this.#stopGraceMs);
  }

  #exited(attempt: Attempt, code: number | null): void {
    if (attempt.exited) return;
    attempt.exited = true;
    clearTimeout(attempt.readyTimer);
    clearTimeout(attempt.killTimer);
    if (this.#attempt === attempt) this.#attempt = null;
    for (const resolve of this.#exitWaiters) resolve();
    this.#exitWaiters.clear();
    if (this.#stopping) return;

    const readyForMs = attempt.readyAt === null ? null : Date.now() - attempt.readyAt;
    this.#failures = countFailure(this.#failures, readyForMs, this.#policy);
    const reason =
      attempt.failure?.reason ??
      (attempt.readyAt === null
        ? `exited with code ${code ?? 'unknown'} while starting`
        : `stopped unexpectedly (exit code ${code ?? 'unknown'})`);

    // The configured port may be taken (by another app, or a headless Outpost): let core pick a
    // free one next time.
    const portFallback = attempt.readyAt === null && !this.#options.httpPortPinned && attempt.httpPort !== 0;
    if (portFallback) this.#httpPort = 0;

    const plan =
      attempt.failure?.fatal && !portFallback
        ? ({ action: 'give-up' } as const) // core told us why; the same start would fail again
        : planRestart(this.#failures, this.#policy);
    if (plan.action === 'give-up') {
      this.#options.onGiveUp(reason, [...this.#output]);
      return;
    }
    this.#options.onDown(reason, plan.delayMs);
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      if (!this.#stopping) this.#launch();
    }, plan.delayMs);
  }

  #pipe(stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr'): void {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      this.#output.push(line);
      if (this.#output.length > OUTPUT_LINES_KEPT) this.#output.shift();
      this.#options.onOutput?.(name, line);
    });
  }
}

function isReadyMessage(message: unknown): message is { type: 'ready' } & CoreReady {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.type === 'ready' && typeof m.url === 'string' && typeof m.httpPort === 'number' && (typeof m.mqttPort === 'number' || m.mqttPort === null);
}

function isFatalMessage(message: unknown): message is { type: 'fatal'; message: string } {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.type === 'fatal' && typeof m.message === 'string';
}
