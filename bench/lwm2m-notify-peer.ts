// The peer for "notifications persisted": the architecture Outpost replaces (FlowNexus: a CoAP
// server in front of a Django view), reduced to its cost: each notification is decoded and inserted
// into SQLite in its own transaction, as a view in autocommit mode does, and ACKed after the commit.
// Same durability as Outpost (WAL, synchronous=FULL), same message codec (coap-packet) and payload
// decoder (core/codecs), one process. It registers any endpoint (in memory; registrations are
// compared against libcoap's resource directory instead) and observes /3303/0/5700 at once.
//
// Not node-coap's Server/Agent: node-coap's Agent ACKs a CON notification when it arrives, before
// anything is stored, so the ACK would not mark the commit and the latency figure would not compare.
//
// Usage (a child of bench/lwm2m.ts): node --import tsx bench/lwm2m-notify-peer.ts DB_FILE; prints "peer on PORT".
import { createSocket } from 'node:dgram';
import Database from 'better-sqlite3';
import { CT, decodeRecords } from '../core/codecs/lwm2m/index.js';
import { decodeMessage, emptyMessage, encodeMessage, encodeUint, OPTION, stringOptions, uintOption } from '../core/coap/coap-message.js';

const dbFile = process.argv[2];
if (!dbFile) throw new Error('usage: lwm2m-notify-peer.ts DB_FILE');
const db = new Database(dbFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`create table if not exists notifications (
  id integer primary key, endpoint text not null, path text not null, value real, received_at integer not null)`);
const insert = db.prepare('insert into notifications (endpoint, path, value, received_at) values (?, ?, ?, ?)');
// one transaction per notification, as a view in autocommit mode
const store = db.transaction((endpoint: string, records: ReturnType<typeof decodeRecords>, now: number) => {
  for (const r of records) insert.run(endpoint, '/' + r.path.join('/'), typeof r.value === 'number' ? r.value : null, now);
});

interface Client { endpoint: string; token: Buffer; lastMessageId: number; lastAck: Buffer | undefined }
const clients = new Map<string, Client>();
/** observe requests not answered yet, by message id: resent after 2 s, 4 times at most */
const observing = new Map<number, { key: string; data: Buffer; port: number; sentAt: number; tries: number }>();
let messageId = 1;
let registrations = 0;

const socket = createSocket('udp4');
const send = (data: Buffer, port: number) => socket.send(data, port, '127.0.0.1');

socket.on('message', (data, rinfo) => {
  const key = String(rinfo.port);
  const m = decodeMessage(data);
  if (!m) return;
  if (m.type === 'ACK' && m.code !== '0.00') {
    observing.delete(m.messageId); // the observe's first value is not a notification: not stored
    return;
  }
  if (m.code === '0.02' && stringOptions(m, OPTION.UriPath).join('/') === 'rd') {
    const endpoint = stringOptions(m, OPTION.UriQuery).find((q) => q.startsWith('ep='))?.slice(3) ?? `anon-${key}`;
    const id = String(++registrations);
    const token = Buffer.from(encodeUint(0x10000 + registrations));
    clients.set(key, { endpoint, token, lastMessageId: -1, lastAck: undefined });
    send(encodeMessage({ type: 'ACK', code: '2.01', messageId: m.messageId, token: m.token, options: [
      { number: OPTION.LocationPath, value: Buffer.from('rd') }, { number: OPTION.LocationPath, value: Buffer.from(id) }], payload: Buffer.alloc(0) }), rinfo.port);
    const mid = (messageId = (messageId + 1) & 0xffff);
    const observe = encodeMessage({ type: 'CON', code: '0.01', messageId: mid, token, payload: Buffer.alloc(0), options: [
      { number: OPTION.Observe, value: Buffer.alloc(0) },
      ...['3303', '0', '5700'].map((s) => ({ number: OPTION.UriPath, value: Buffer.from(s) })),
      { number: OPTION.Accept, value: encodeUint(CT.SENML_CBOR) }] });
    observing.set(mid, { key, data: observe, port: rinfo.port, sentAt: Date.now(), tries: 0 });
    send(observe, rinfo.port);
    return;
  }
  const client = clients.get(key);
  if (m.type === 'CON' && m.code === '2.05' && client && m.token.equals(client.token)) {
    // a retransmission of the notification just stored: ACK again, store once
    if (m.messageId === client.lastMessageId && client.lastAck) return void send(client.lastAck, rinfo.port);
    try {
      const format = uintOption(m, OPTION.ContentFormat) ?? CT.TEXT;
      const records = decodeRecords(format, m.payload, [3303, 0, 5700], () => 'float');
      store(client.endpoint, records, Date.now());
      client.lastMessageId = m.messageId;
      client.lastAck = emptyMessage('ACK', m.messageId);
      send(client.lastAck, rinfo.port);
    } catch {
      send(emptyMessage('RST', m.messageId), rinfo.port);
    }
    return;
  }
  if (m.type === 'CON') send(emptyMessage('RST', m.messageId), rinfo.port);
});

setInterval(() => {
  const now = Date.now();
  for (const [mid, o] of observing) {
    if (now - o.sentAt < 2000) continue;
    if (o.tries >= 4) observing.delete(mid);
    else {
      o.tries++;
      o.sentAt = now;
      send(o.data, o.port);
    }
  }
}, 250).unref();

socket.bind(0, '127.0.0.1', () => console.log(`peer on ${socket.address().port}`));
process.on('SIGTERM', () => {
  db.close();
  process.exit(0);
});
