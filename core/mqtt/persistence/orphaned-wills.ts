import type { Aedes, PublishPacket } from 'aedes';
import type { Readable } from 'node:stream';
import type { Logger } from '../../log.js';

export interface StoredWill extends PublishPacket {
  clientId: string;
  brokerId: string;
}

interface WillStore {
  streamWill(brokers: Record<string, number>): Readable;
  delWill(client: { id: string; brokerId: string }): Promise<unknown>;
}

/**
 * Publishes the wills that an earlier run of the broker still held when it died (kill -9, power
 * loss): their clients' connections ended without the will being sent. aedes does this itself only
 * four heartbeats (4 minutes) after a start, and a client that reconnects first has its old will
 * deleted unsent; so this runs once before the broker accepts connections.
 *
 * `allowed` stands in for authorizePublish, which cannot judge a will without its connection.
 */
export async function publishOrphanedWills(broker: Aedes, wills: WillStore, allowed: (will: StoredWill) => boolean, log: Logger): Promise<number> {
  let published = 0;
  for await (const will of wills.streamWill({ [broker.id]: Date.now() }) as AsyncIterable<StoredWill>) {
    if (!allowed(will)) {
      log.warn(`mqtt: will of ${will.clientId} on ${will.topic} not published after the restart: not allowed for that client`);
    } else {
      try {
        await new Promise<void>((resolve, reject) => broker.publish(will, (e) => (e ? reject(e) : resolve())));
        published++;
      } catch (e) {
        log.warn(`mqtt: will of ${will.clientId} on ${will.topic} could not be published: ${(e as Error).message}`);
      }
    }
    // published or refused, it is done with: a later start must not try again
    await wills.delWill({ id: will.clientId, brokerId: will.brokerId });
  }
  return published;
}
