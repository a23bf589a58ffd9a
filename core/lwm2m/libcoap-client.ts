// Test support: Debian's libcoap coap-client-notls as a foreign LwM2M client. Its verbose output
// shows the answer's header and options: "v:1 t:ACK c:2.01 i:1a2b {01} [ Location-Path:rd, Location-Path:Xy ]".
import { execFile } from 'node:child_process';

export interface LibcoapAnswer {
  code: string;
  locationPath: string[];
  /** the payload as coap-client printed it (text) */
  payload: string;
  output: string;
}

/** `args`: e.g. ['-m', 'post', '-t', '40', '-e', '</1/0>']; the URI last. */
export function coapClient(args: string[], uri: string): Promise<LibcoapAnswer> {
  return new Promise((resolve, reject) => {
    execFile('coap-client-notls', ['-v', '7', '-B', '3', ...args, uri], { timeout: 10_000 }, (error, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`;
      // the last ACK or piggybacked answer to our request
      const lines = output.split('\n').filter((l) => /^v:1 t:(ACK|CON|NON) c:[245]\.\d\d /.test(l));
      const line = lines.at(-1);
      if (!line) return reject(new Error(`coap-client got no answer (${error?.message ?? 'no error'}):\n${output}`));
      const code = /c:([245]\.\d\d)/.exec(line)![1]!;
      const locationPath = [...line.matchAll(/Location-Path:([^,\s\]]+)/g)].map((m) => m[1]!);
      const payload = /:: '(.*)'$/.exec(line)?.[1] ?? '';
      resolve({ code, locationPath, payload, output });
    });
  });
}
