// The agent's configuration: what the JSON config file may hold (flags override single fields).
// `tls` is part of the shape already so certificates slot in without renaming anything; today it
// is refused with a clear message.
import { z } from 'zod';

// "needed" when missing, "must be text" when given as something else
const text = (needed: string) => ({ error: (iss: { input?: unknown }) => (iss.input === undefined ? needed : 'must be text (a JSON string)') });

const Uid = z.string().min(1, 'must not be empty').max(128, 'at most 128 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only (the uid Outpost shows for the device)');

const Millis = z.number({ error: 'a number of milliseconds' }).int('a whole number of milliseconds').min(1).max(3_600_000);

export const TlsConfig = z.object({
  /** PEM file of the CA that signed Outpost's certificate */
  ca: z.string().optional(),
  /** PEM client certificate and key, for client-certificate authentication */
  cert: z.string().optional(),
  key: z.string().optional(),
}, { error: 'an object {"ca", "cert", "key"} of PEM file paths' }).strict();

export const AgentConfig = z.object({
  host: z.string(text('the Outpost server name or address is needed (--host or "host")')).trim().min(1, 'must not be empty'),
  port: z.number({ error: 'a port number from 1 to 65535' }).int('a port number from 1 to 65535').min(1, 'a port number from 1 to 65535').max(65535, 'a port number from 1 to 65535'),
  uid: z.string(text("the device's uid is needed (--uid or \"uid\")")).pipe(Uid),
  token: z.string(text("the token Outpost showed when the device was added is needed (--token or \"token\")")).min(1, 'must not be empty'),
  stateDir: z.string(text('a directory is needed')).min(1, 'must not be empty'),
  snapdSocket: z.string(text('a socket path is needed')).min(1, 'must not be empty'),
  tls: TlsConfig.optional(),
  reconnect: z.object({ initialMs: Millis, maxMs: Millis }).strict()
    .refine((r) => r.initialMs <= r.maxMs, 'initialMs must not be larger than maxMs').optional(),
}).strict().superRefine((c, ctx) => {
  if (c.tls !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['tls'],
      message: 'TLS and client certificates are not supported yet: remove "tls" (the agent speaks plain MQTT over TCP for now)',
    });
  }
});
export type AgentConfig = z.infer<typeof AgentConfig>;
