// A stand-in LwM2M registration endpoint for the simulator's tests, on node-coap's server (a
// foreign CoAP implementation, not Outpost's): records Register / Update / De-register / Send
// and answers with codes the test chooses.
import coap, { type IncomingMessage, type OutgoingMessage } from 'coap';
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { uint } from '../coap-options.js';

export interface SeenRequest {
  method: string;
  path: string;
  query: string[];
  payload: Buffer;
  contentFormat?: number;
  from: AddressInfo;
}

export interface Registrar {
  port: number;
  seen: SeenRequest[];
  /** the code the next Update gets (default 2.04) */
  updateCode: string;
  waitFor(pred: (r: SeenRequest) => boolean, timeoutMs?: number): Promise<SeenRequest>;
  close(): Promise<void>;
}


export async function startRegistrar(host = '127.0.0.1', port = 0): Promise<Registrar> {
  const server = coap.createServer({ type: host.includes(':') ? 'udp6' : 'udp4' });
  const waiters: { pred: (r: SeenRequest) => boolean; resolve: (r: SeenRequest) => void }[] = [];
  let next = 1;
  const registrar: Registrar = {
    port: 0,
    seen: [],
    updateCode: '2.04',
    waitFor(pred, timeoutMs = 3000) {
      const found = registrar.seen.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (r: SeenRequest) => { clearTimeout(t); resolve(r); } };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`registrar: no matching request within ${timeoutMs} ms; seen ${registrar.seen.map((s) => `${s.method} ${s.path}`).join(', ')}`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    close: () => new Promise((r) => server.close(() => socket.close(() => r()))),
  };
  server.on('request', (req: IncomingMessage, res: OutgoingMessage) => {
    const opts = (req._packet.options ?? []) as { name: string; value: Buffer }[];
    const seen: SeenRequest = {
      method: req.method,
      path: '/' + opts.filter((o) => o.name === 'Uri-Path').map((o) => o.value.toString()).join('/'),
      query: opts.filter((o) => o.name === 'Uri-Query').map((o) => o.value.toString()),
      payload: req.payload,
      contentFormat: opts.some((o) => o.name === 'Content-Format') ? uint(opts.find((o) => o.name === 'Content-Format')!.value) : undefined,
      from: req.rsinfo,
    };
    registrar.seen.push(seen);
    if (seen.method === 'POST' && seen.path === '/rd') {
      res.code = '2.01';
      res.setOption('Location-Path', [Buffer.from('rd'), Buffer.from(`r${next++}`)]);
    } else if (seen.method === 'POST' && seen.path.startsWith('/rd/')) res.code = registrar.updateCode;
    else if (seen.method === 'DELETE') res.code = '2.02';
    else if (seen.path === '/dp') res.code = '2.04';
    else res.code = '4.04';
    res.end();
    for (const w of [...waiters]) if (w.pred(seen)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(seen); }
  });
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((r) => socket.bind(port, host, () => r()));
  server.listen(socket);
  registrar.port = socket.address().port;
  return registrar;
}
