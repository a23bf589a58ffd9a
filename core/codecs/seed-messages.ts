// The seed agent's MQTT dialect (README, Seed agent dialect), kept byte for byte:
//   Outpost -> device  django/iot/server/{serial}  plain strings: heartbeat, getsysteminfo, getuserinfo, getsnapinfo, reboot
//   device -> Outpost  django/iot/client/{serial}  {"msgCode": "heartbeat" | "<command>-ret", "id": "<serial>", "data": "<text>"}
// where data is `uptime -p` for a heartbeat, snapd's whole JSON answer as a string for the get*
// commands, and "reboot-OK" for reboot. Pure: bytes in, values out.
import { z } from 'zod';

export const seedServerTopic = (serial: string): string => `django/iot/server/${serial}`;
export const seedClientTopic = (serial: string): string => `django/iot/client/${serial}`;

export const seedCommands = ['heartbeat', 'getsysteminfo', 'getuserinfo', 'getsnapinfo', 'reboot'] as const;
export type SeedCommand = (typeof seedCommands)[number];

/** A seed reply is at most this large: snapd's list of a few hundred snaps fits easily. */
export const SEED_MESSAGE_MAX_BYTES = 1024 * 1024;

const SeedReplyJson = z.object({
  msgCode: z.string().min(1).max(64),
  // a string in the original; an integer serial re-encoded by some forks is accepted as well
  id: z.union([z.string(), z.number()]).transform(String),
  data: z.string(),
});

export type SeedReply = { command: SeedCommand; serial: string; data: string };

export function decodeSeedReply(payload: Buffer): { ok: true; reply: SeedReply } | { ok: false; reason: string } {
  if (payload.length > SEED_MESSAGE_MAX_BYTES) return { ok: false, reason: `payload of ${payload.length} bytes is larger than ${SEED_MESSAGE_MAX_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
  const parsed = SeedReplyJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `${issue.path.join('.') || 'payload'}: ${issue.message}` };
  }
  const { msgCode, id, data } = parsed.data;
  const command = msgCode === 'heartbeat' ? 'heartbeat' : msgCode.endsWith('-ret') ? msgCode.slice(0, -4) : msgCode;
  if (!(seedCommands as readonly string[]).includes(command)) return { ok: false, reason: `unknown msgCode "${msgCode}"` };
  return { ok: true, reply: { command: command as SeedCommand, serial: id, data } };
}
