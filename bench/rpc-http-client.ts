// bench:rpc's HTTP client: one keep-alive HTTP/1.1 connection, one request at a time, requests
// written as prepared bytes. fetch (undici's WHATWG layer) cost the load generator more CPU per
// round trip than the relay it measured; this does the same exchange on the wire for a fraction.
import { connect, type Socket } from 'node:net';

export interface HttpAnswer { status: number; body: Buffer }

const HEADER_END = Buffer.from('\r\n\r\n');

/** The bytes of a request with a body; `headers` as written ("name: value"). */
export function requestBytes(method: string, path: string, host: string, headers: string[], body: string): Buffer {
  const b = Buffer.from(body);
  return Buffer.concat([Buffer.from(`${method} ${path} HTTP/1.1\r\nhost: ${host}\r\n${headers.map((h) => `${h}\r\n`).join('')}content-length: ${b.length}\r\n\r\n`), b]);
}

export class HttpConnection {
  #socket: Socket | undefined;
  #buffered: Buffer = Buffer.alloc(0);
  #waiting: { resolve: (a: HttpAnswer) => void; reject: (e: Error) => void } | undefined;

  constructor(readonly port: number) {}

  request(bytes: Buffer): Promise<HttpAnswer> {
    if (this.#waiting) return Promise.reject(new Error('one request at a time'));
    const socket = this.#socket && !this.#socket.destroyed ? this.#socket : this.#open();
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      socket.write(bytes);
    });
  }

  close(): void {
    this.#socket?.destroy();
  }

  #open(): Socket {
    const socket = connect({ port: this.port, host: '127.0.0.1', noDelay: true });
    this.#socket = socket;
    this.#buffered = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => {
      this.#buffered = this.#buffered.length === 0 ? d : Buffer.concat([this.#buffered, d]);
      this.#answer();
    });
    const fail = (e: Error) => {
      const w = this.#waiting;
      this.#waiting = undefined;
      w?.reject(e);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
    return socket;
  }

  /** Settles the request once its whole answer is buffered (Content-Length or chunked). */
  #answer() {
    const buf = this.#buffered;
    const end = buf.indexOf(HEADER_END);
    if (end < 0 || !this.#waiting) return;
    const head = buf.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    let body: Buffer;
    let used: number;
    if (length) {
      used = end + 4 + Number(length[1]);
      if (buf.length < used) return;
      body = buf.subarray(end + 4, used);
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      const parts: Buffer[] = [];
      let at = end + 4;
      for (;;) {
        const line = buf.indexOf('\r\n', at);
        if (line < 0) return;
        const size = parseInt(buf.subarray(at, line).toString('latin1'), 16);
        if (buf.length < line + 2 + size + 2) return;
        if (size === 0) {
          used = line + 4;
          break;
        }
        parts.push(buf.subarray(line + 2, line + 2 + size));
        at = line + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      throw new Error(`an answer without a length: ${head}`);
    }
    this.#buffered = buf.subarray(used);
    const w = this.#waiting;
    this.#waiting = undefined;
    w.resolve({ status, body });
  }
}
