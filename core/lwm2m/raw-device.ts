// Test support: an LwM2M "device" on a raw UDP socket (coap-packet messages), for what the
// simulator will not do: swallow requests, or answer them with garbage.
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { generate, parse, type ParsedPacket } from 'coap-packet';

export interface RawDevice {
  /** requests Outpost sent, oldest first */
  requests: ParsedPacket[];
  /** Register (b=U or UQ); resolves with the Location-Path id. */
  register(binding?: 'U' | 'UQ'): Promise<string>;
  update(): Promise<void>;
  /** A Send (POST /dp); the server's code and text. */
  send(contentFormat: number | undefined, payload: Buffer): Promise<{ code: string; text: string }>;
  /** how it treats Outpost's requests: 'swallow' (no answer) or a payload to answer 2.05 with */
  answer: 'swallow' | { contentFormat: number; payload: Buffer };
  close(): void;
}

export async function rawDevice(coapPort: number, endpoint: string): Promise<RawDevice> {
  const socket: Socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  let messageId = 1;
  let location = '';
  const waiting = new Map<number, (p: ParsedPacket) => void>();
  const device: RawDevice = {
    requests: [],
    answer: 'swallow',
    async register(binding = 'U') {
      const reply = await ask('POST', ['rd'], [`ep=${endpoint}`, 'lt=300', 'lwm2m=1.1', `b=${binding}`], Buffer.from('</>;rt="oma.lwm2m";ct=112,</3/0>,</3303/0>'));
      location = reply.options.filter((o) => o.name === 'Location-Path').map((o) => o.value.toString()).join('/');
      return location;
    },
    async update() {
      await ask('POST', location.split('/'), [], Buffer.alloc(0));
    },
    async send(contentFormat, payload) {
      const reply = await ask('POST', ['dp'], [], payload, contentFormat);
      return { code: reply.code, text: reply.payload.toString('utf8') };
    },
    close: () => socket.close(),
  };
  function ask(method: 'POST', path: string[], query: string[], payload: Buffer, contentFormat: number | undefined = 40): Promise<ParsedPacket> {
    const id = messageId++;
    const options: Array<{ name: 'Uri-Path' | 'Uri-Query' | 'Content-Format'; value: Buffer }> = [
      ...path.map((p) => ({ name: 'Uri-Path' as const, value: Buffer.from(p) })), ...query.map((q) => ({ name: 'Uri-Query' as const, value: Buffer.from(q) })),
    ];
    if (payload.length && contentFormat !== undefined) options.push({ name: 'Content-Format', value: contentFormat > 255 ? Buffer.from([contentFormat >> 8, contentFormat & 255]) : Buffer.from([contentFormat]) });
    socket.send(generate({ code: method, confirmable: true, messageId: id, token: Buffer.from([id]), options, payload }), coapPort, '127.0.0.1');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} /${path.join('/')}`)), 2000);
      waiting.set(id, (p) => {
        clearTimeout(timer);
        resolve(p);
      });
    });
  }
  socket.on('message', (data) => {
    let p: ParsedPacket;
    try {
      p = parse(data);
    } catch {
      return;
    }
    if (p.ack || p.reset) {
      waiting.get(p.messageId)?.(p);
      waiting.delete(p.messageId);
      return;
    }
    device.requests.push(p);
    if (device.answer === 'swallow') return;
    socket.send(generate({
      code: '2.05', ack: true, messageId: p.messageId, token: p.token,
      options: [{ name: 'Content-Format', value: Buffer.from([device.answer.contentFormat]) }], payload: device.answer.payload,
    }), coapPort, '127.0.0.1');
  });
  return device;
}
