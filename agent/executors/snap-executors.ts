// The snap.* operations: each starts a snapd change, remembers its id (so a restarted agent follows
// the same change to its end), reports the change's progress, and answers with how it ended.
// snapd's error kind and message reach Outpost verbatim (SnapdError carries them as code/message).
import type { KnownExecutors, Executor, ExecutorContext } from '../runner/executor.js';
import type { SnapdClient } from '../snapd/client.js';

interface Saved { changeId: string }

/** After a change ends, the inventory is collected again, so the device page shows the new snaps. */
export function snapExecutors(snapd: SnapdClient, changed: () => void): KnownExecutors {
  const follow = async (changeId: string, ctx: ExecutorContext) => {
    try {
      const change = await snapd.followChange(changeId, (p) => void ctx.progress(p.done, p.total, p.summary), ctx.signal);
      return { change: change.id, status: change.status, summary: change.summary };
    } finally {
      changed();
    }
  };
  const viaChange = <A>(start: (args: A, signal: AbortSignal) => Promise<string>): Executor<A> => ({
    async run(args, ctx) {
      const changeId = await start(args, ctx.signal);
      await ctx.remember({ changeId } satisfies Saved);
      return follow(changeId, ctx);
    },
    resume: (saved, ctx) => follow((saved as Saved).changeId, ctx),
  });

  return {
    'snap.install': viaChange((a, s) => snapd.install(a.name, { channel: a.channel, revision: a.revision, classic: a.classic }, s)),
    'snap.remove': viaChange((a, s) => snapd.remove(a.name, { purge: a.purge }, s)),
    'snap.refresh': viaChange((a, s) => snapd.refresh(a.name, { channel: a.channel }, s)),
    'snap.revert': viaChange((a, s) => snapd.revert(a.name, { revision: a.revision }, s)),
    'snap.enable': viaChange((a, s) => snapd.enable(a.name, s)),
    'snap.disable': viaChange((a, s) => snapd.disable(a.name, s)),
    'snap.switch': viaChange((a, s) => snapd.switch(a.name, a.channel, s)),
  };
}
