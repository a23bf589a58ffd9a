// The built-in `inventory.refresh`: collects and publishes the inventory now (through whatever
// callback main.ts wires in) and answers with what that callback returns.
import type { Executor } from '../runner/executor.js';
import { OperationError } from '../runner/executor.js';

export type RefreshInventory = (signal: AbortSignal) => Promise<unknown>;

export function inventoryRefreshExecutor(refresh: RefreshInventory | undefined): Executor<Record<string, never>> {
  return {
    async run(_args, ctx) {
      if (!refresh) throw new OperationError('unavailable', 'this agent was started without inventory collection');
      return refresh(ctx.signal);
    },
  };
}
