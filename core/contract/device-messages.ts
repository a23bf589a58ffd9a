// The device message explorer's contract: the messages of one device's MQTT topic root, as
// streamed by GET /api/devices/:uid/messages/stream, and what an operator may publish there.
// Zod schemas and types only (DESIGN.md, Layers).
import { z } from 'zod';

/** The first bytes of a payload that are shown; the full size is sent along. */
export const MAX_PAYLOAD_SHOWN = 64 * 1024;

export const MessageDirection = z.enum(['from-device', 'to-device']);
export type MessageDirection = z.infer<typeof MessageDirection>;

export const DeviceMessage = z.object({
  topic: z.string(),
  // the first MAX_PAYLOAD_SHOWN bytes: UTF-8 text when they are text, else base64
  payload: z.string(),
  encoding: z.enum(['text', 'base64']),
  // the whole payload's size in bytes
  size: z.number().int(),
  truncated: z.boolean(),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  // the publisher's retain flag (a stored retained message has it too)
  retain: z.boolean(),
  // when Outpost received it; null for a stored retained message (the store keeps no time)
  ts: z.number().nullable(),
  // from-device: published by one of the device's own connections; to-device: by Outpost or anyone
  // else; null: a stored retained message whose publisher the store did not keep
  direction: MessageDirection.nullable(),
  // retained: from the broker's store when the stream opened; live: as it was published
  origin: z.enum(['retained', 'live']),
});
export type DeviceMessage = z.infer<typeof DeviceMessage>;

// Events of the stream (Server-Sent Events, event name = type), in this order: hello, the stored
// retained messages, synced, then live messages; dropped whenever the client fell behind.
export const DeviceMessageEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), uid: z.string(), root: z.string(), maxPayloadShown: z.number().int(), queueLimit: z.number().int() }),
  z.object({ type: z.literal('message'), message: DeviceMessage }),
  // every stored retained message has been sent
  z.object({ type: z.literal('synced'), retained: z.number().int() }),
  // the client read too slowly: `count` messages were left out just now, `total` since it opened
  z.object({ type: z.literal('dropped'), count: z.number().int(), total: z.number().int() }),
]);
export type DeviceMessageEvent = z.infer<typeof DeviceMessageEvent>;

export const messagesStreamPath = (uid: string): string => `/api/devices/${encodeURIComponent(uid)}/messages/stream`;

export const PublishMessageRequest = z.object({
  topic: z.string({ error: 'a topic is needed' }).trim().min(1, 'a topic is needed').max(1024, 'a topic has at most 1024 characters')
    .refine((t) => !/[+#]/.test(t), 'a topic to publish to cannot have the wildcards + or #')
    .refine((t) => !t.includes('\u0000'), 'a topic cannot contain a NUL character'),
  payload: z.string({ error: 'the payload must be text' }),
  // base64: the payload is bytes written as base64 (for binary payloads)
  encoding: z.enum(['text', 'base64'], { error: 'encoding must be text or base64' }).default('text'),
  qos: z.union([z.literal(0), z.literal(1)], { error: 'QoS must be 0 or 1' }).default(0),
  retain: z.boolean({ error: 'retain must be true or false' }).default(false),
});
export type PublishMessageRequest = z.infer<typeof PublishMessageRequest>;

export const PublishMessageResponse = z.object({
  topic: z.string(),
  bytes: z.number().int(),
  qos: z.union([z.literal(0), z.literal(1)]),
  retain: z.boolean(),
});
export type PublishMessageResponse = z.infer<typeof PublishMessageResponse>;
