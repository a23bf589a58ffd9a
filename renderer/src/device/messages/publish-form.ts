// The publish panel's checks before sending, and where a server error belongs. Pure.

export interface PublishFields { topic: string; payload: string; qos: string; retain: boolean; encoding: 'text' | 'base64' }
export type FieldErrors = Partial<Record<'topic' | 'payload' | 'qos' | 'form', string>>;

// the request body is at most 64 KiB of JSON (core/api/body-limit.ts); leave room for the rest
export const MAX_PAYLOAD_CHARS = 60 * 1024;

/** Errors in plain words per field; empty when the form may be sent. */
export function checkPublish(f: PublishFields, root: string): FieldErrors {
  const errors: FieldErrors = {};
  const topic = f.topic.trim();
  if (topic === '') errors.topic = 'Enter a topic.';
  else if (!topic.startsWith(root) || topic.length === root.length) errors.topic = `The topic must be under ${root} (the device's own root).`;
  else if (/[+#]/.test(topic)) errors.topic = 'A topic to publish to cannot have the wildcards + or #.';
  if (f.payload.length > MAX_PAYLOAD_CHARS) errors.payload = `The payload is too long for the form (at most ${MAX_PAYLOAD_CHARS} characters).`;
  else if (f.encoding === 'base64' && !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(f.payload)) errors.payload = 'This is not valid base64.';
  if (f.qos !== '0' && f.qos !== '1') errors.qos = 'QoS must be 0 or 1.';
  return errors;
}

/** The field a server's error message is about. */
export function fieldOfServerError(message: string): keyof FieldErrors {
  if (/\btopic\b/i.test(message)) return 'topic';
  if (/payload|packet|base64|retained|body larger/i.test(message)) return 'payload';
  if (/\bqos\b/i.test(message)) return 'qos';
  return 'form';
}
