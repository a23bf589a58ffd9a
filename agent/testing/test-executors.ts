// Executors for the agent's tests: an echo with progress, a failing one, one held until the test
// lets it go, and one that remembers a step and can be resumed after an agent restart.
import { OperationError, type ExecutorContext, type ExecutorRegistry } from '../runner/executor.js';

/** Lets a test hold `test.gated` operations and release them when it wants. */
export class Gates {
  private readonly waiting = new Map<string, () => void>();
  readonly started: string[] = [];

  wait(opId: string): Promise<void> {
    this.started.push(opId);
    return new Promise((resolve) => this.waiting.set(opId, resolve));
  }

  isWaiting(opId: string): boolean {
    return this.waiting.has(opId);
  }

  release(opId: string): void {
    const go = this.waiting.get(opId);
    if (!go) throw new Error(`${opId} is not waiting`);
    this.waiting.delete(opId);
    go();
  }
}

const abortable = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason as Error);
    }, { once: true });
  });

export function testExecutors(gates = new Gates()): ExecutorRegistry {
  return {
    'test.echo': {
      async run(args, ctx) {
        await ctx.progress(1, 2, 'half way');
        await ctx.progress(2, 2, 'done');
        return { echo: args };
      },
    },
    'test.fail': {
      async run() {
        throw new OperationError('snap-not-found', 'snap "nope" not found');
      },
    },
    'test.big': {
      async run(args) {
        return { blob: 'x'.repeat(typeof args.bytes === 'number' ? args.bytes : 1000) };
      },
    },
    'test.crash': {
      async run() {
        throw new TypeError('something broke');
      },
    },
    'test.gated': {
      async run(args, ctx) {
        await gates.wait(ctx.opId);
        const steps = typeof args.steps === 'number' ? args.steps : 1;
        for (let i = 1; i <= steps; i++) await ctx.progress(i, steps, `step ${i}`);
        return { steps };
      },
    },
    // remembers {changeId} like a snapd executor, then waits (long) for the "change" to end
    'test.resumable': {
      async run(args, ctx: ExecutorContext) {
        await ctx.remember({ changeId: String(args.changeId ?? '1'), step: 1 });
        await ctx.progress(1, 3, 'change accepted');
        await abortable(typeof args.holdMs === 'number' ? args.holdMs : 60_000, ctx.signal);
        return { resumed: false };
      },
      async resume(saved, ctx) {
        await ctx.progress(2, 3, 'following the change after a restart');
        await ctx.progress(3, 3, 'done');
        return { resumed: true, saved };
      },
    },
  };
}
