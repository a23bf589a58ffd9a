// A bare MQTT connection for what well-behaved clients refuse to do (empty ids, silent keepalive).
import { connect, type Socket } from 'node:net';
import mqttPacket, { type Packet } from 'mqtt-packet';

export class RawMqtt {
  readonly packets: Packet[] = [];
  closed = false;
  private readonly listeners: Array<(p: Packet) => void> = [];
  private constructor(readonly socket: Socket) {
    const parser = mqttPacket.parser();
    parser.on('packet', (p) => {
      this.packets.push(p);
      for (const listener of this.listeners) listener(p);
    });
    socket.on('data', (d) => parser.parse(d));
    socket.on('close', () => { this.closed = true; });
    socket.on('error', () => { this.closed = true; });
  }
  static open(port: number): Promise<RawMqtt> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RawMqtt(s)));
      s.once('error', reject);
    });
  }
  /** Called for each packet as it is parsed (to act before anything else happens). */
  onPacket(listener: (p: Packet) => void): void {
    this.listeners.push(listener);
  }
  send(packet: Packet): void {
    this.socket.write(mqttPacket.generate(packet));
  }
  sendBytes(bytes: Buffer): void {
    this.socket.write(bytes);
  }
  async next(cmd: string, timeoutMs = 3000): Promise<Packet> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const p = this.packets.find((x) => x.cmd === cmd);
      if (p) return p;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${cmd} within ${timeoutMs} ms (got ${this.packets.map((p) => p.cmd).join(',') || 'nothing'})`);
  }
  destroy(): void {
    this.socket.destroy();
  }
}

/** An MQTT fixed header: the packet type byte and `remaining` as MQTT's variable-length integer. */
export function fixedHeader(type: number, remaining: number): Buffer {
  const bytes = [type];
  do {
    let b = remaining % 128;
    remaining = Math.floor(remaining / 128);
    if (remaining > 0) b |= 0x80;
    bytes.push(b);
  } while (remaining > 0);
  return Buffer.from(bytes);
}
