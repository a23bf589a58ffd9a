// Drains the outbox over the link: oldest first, one at a time, each removed after its PUBACK.
// Stops at the first failure (the connection dropped) and starts again on the next connect.
import type { Log } from '../log.js';
import type { MqttLink } from '../link/mqtt-link.js';
import type { Outbox, OutboxChannel } from './outbox.js';

export type TopicFor = (channel: OutboxChannel, opId: string | undefined) => string;

export function startOutboxSender(outbox: Outbox, link: MqttLink, topicFor: TopicFor, log: Log): { stop(): void } {
  let draining = false;
  let stopped = false;

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
            return;
          }
        }
        await outbox.remove(entry.seq);
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
      offAppend();
      link.off('connected', kick);
    },
  };
}
