// Drains the outbox over the link: oldest first, one at a time, each removed after its PUBACK.
// Stops at the first failure (the connection dropped) and starts again on the next connect.
//
// A message the server keeps refusing (e.g. larger than the broker's packet limit, which makes it
// close the connection) would block everything behind it forever. So when the same message fails
// on a live connection again and again, a progress or inventory message is dropped, and a reply is
// replaced by a small error reply that says why (a reply is never simply lost: the operation must end).
import type { Log } from '../log.js';
import type { MqttLink } from '../link/mqtt-link.js';
import type { Outbox, OutboxChannel } from './outbox.js';

export type TopicFor = (channel: OutboxChannel, opId: string | undefined) => string;

export interface SenderOptions {
  /** failed attempts of one progress/inventory message before it is dropped (default 5) */
  dropAfter?: number;
  /** failed attempts of one reply before it is replaced by an error reply (default 10) */
  replaceReplyAfter?: number;
}

export function startOutboxSender(outbox: Outbox, link: MqttLink, topicFor: TopicFor, log: Log, options: SenderOptions = {}): { stop(): void } {
  const dropAfter = options.dropAfter ?? 5;
  const replaceReplyAfter = options.replaceReplyAfter ?? 10;
  let draining = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const failed = { seq: 0, count: 0 };
  const replaced = new Set<number>();

  const onFailure = async (seq: number, channel: OutboxChannel, bytes: number): Promise<void> => {
    failed.count = failed.seq === seq ? failed.count + 1 : 1;
    failed.seq = seq;
    if (channel !== 'reply' && failed.count >= dropAfter) {
      log('error', `outbox: the server refused a ${channel} message of ${bytes} bytes ${failed.count} times; dropped it`);
      await outbox.remove(seq);
    } else if (channel === 'reply' && failed.count >= replaceReplyAfter && !replaced.has(seq)) {
      log('error', `outbox: the server refused a reply of ${bytes} bytes ${failed.count} times; sending an error reply instead`);
      await outbox.replace(seq, JSON.stringify({
        ok: false,
        error: { code: 'reply-undeliverable', message: `the server refused the reply (${bytes} bytes) ${failed.count} times; see the agent's log` },
      }));
      replaced.add(seq);
    }
  };

  const drain = async (): Promise<void> => {
    if (draining || stopped) return;
    draining = true;
    try {
      for (let entry = outbox.peek(); entry && link.connected && !stopped; entry = outbox.peek()) {
        const message = await outbox.load(entry.seq);
        if (message) {
          try {
            await link.publish(topicFor(message.channel, message.opId), message.payload, { qos: 1, retain: message.channel === 'inventory' });
          } catch (err) {
            log('info', `outbox: ${outbox.size} message(s) wait for the connection (${(err as Error).message})`);
            await onFailure(entry.seq, message.channel, entry.bytes);
            // refused without losing the connection: try again soon rather than at the next connect
            if (link.connected && !stopped) retry = setTimeout(kick, 1000);
            return;
          }
        }
        await outbox.remove(entry.seq);
        replaced.delete(entry.seq);
      }
    } finally {
      draining = false;
    }
  };
  const kick = () => {
    drain().catch((err: Error) => log('error', `outbox: ${err.message}`));
  };

  const offAppend = outbox.onAppend(kick);
  link.on('connected', kick);
  kick();
  return {
    stop() {
      stopped = true;
      clearTimeout(retry);
      offAppend();
      link.off('connected', kick);
    },
  };
}
