// libcoap's coap-client-notls (Debian's libcoap3-bin) as a foreign LwM2M server talking to the
// simulator: the response code comes from its -v 6 packet log, the payload from its -o file.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CoapClientResult {
  /** codes of every response and notification, in order, e.g. ["2.05", "2.05"] */
  codes: string[];
  /** the first response's code, undefined when nothing answered */
  code?: string;
  payload: Buffer;
  log: string;
}

export interface CoapClientOptions {
  method?: 'get' | 'put' | 'post' | 'delete' | 'fetch' | 'ipatch';
  accept?: number;
  contentFormat?: number;
  text?: string;
  /** payload bytes (written to a file for -f) */
  body?: Uint8Array;
  observeSeconds?: number;
  /** give up after this many seconds without an answer (default 2) */
  waitSeconds?: number;
}

export async function coapClient(uri: string, o: CoapClientOptions = {}): Promise<CoapClientResult> {
  const dir = mkdtempSync(join(tmpdir(), 'coap-client-'));
  const out = join(dir, 'payload');
  const args = ['-v', '6', '-B', String(o.waitSeconds ?? 2), '-m', o.method ?? 'get', '-o', out];
  if (o.accept !== undefined) args.push('-A', String(o.accept));
  if (o.contentFormat !== undefined) args.push('-t', String(o.contentFormat));
  if (o.text !== undefined) args.push('-e', o.text);
  if (o.body !== undefined) {
    const file = join(dir, 'body');
    (await import('node:fs')).writeFileSync(file, o.body);
    args.push('-f', file);
  }
  if (o.observeSeconds !== undefined) args.push('-s', String(o.observeSeconds));
  args.push(uri);
  const log = await new Promise<string>((resolve) => {
    execFile('coap-client-notls', args, { timeout: 20_000 }, (_err, stdout, stderr) => resolve(`${stdout}\n${stderr}`));
  });
  const payload = existsSync(out) ? readFileSync(out) : Buffer.alloc(0);
  rmSync(dir, { recursive: true, force: true });
  // answers are the packet lines with a response code (class 2..5), from the simulator
  const codes = [...log.matchAll(/^v:1 t:(?:ACK|CON|NON) c:([2-5]\.\d\d) /gm)].map((m) => m[1]!);
  return { codes, code: codes[0], payload, log };
}
