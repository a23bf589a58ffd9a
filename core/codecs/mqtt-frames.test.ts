import { test } from 'node:test';
import assert from 'node:assert/strict';
import mqttPacket from 'mqtt-packet';
import { createFrameTracker, MAX_REMAINING_LENGTH, publishPacketBytes, type FrameTracker } from './mqtt-frames.js';
import { fixedHeader } from '../testing/raw-mqtt.js';

const BIG = 1 << 30;
const connect = mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'dev-1', keepalive: 30, username: 'dev-1', password: Buffer.from('secret') });
const publish = (payloadBytes: number) => mqttPacket.generate({ cmd: 'publish', topic: 'outpost/v1/dev-1/events', payload: Buffer.alloc(payloadBytes, 0x61), qos: 0, retain: false, dup: false });
const pingreq = mqttPacket.generate({ cmd: 'pingreq' });
const disconnect = mqttPacket.generate({ cmd: 'disconnect' });
const stream = [connect, publish(10), pingreq, publish(300), publish(20_000), disconnect];
const all = Buffer.concat(stream);
/** chunk index of each packet's last byte */
const lastBytes = stream.reduce<number[]>((ends, p) => [...ends, (ends.at(-1) ?? -1) + p.length], []);

/** A PUBLISH of exactly `size` bytes on the wire. */
function publishOfSize(size: number): Buffer {
  let payload = size - 40;
  for (let tries = 0; tries < 5; tries++) {
    const p = publish(payload);
    if (p.length === size) return p;
    payload += size - p.length;
  }
  throw new Error(`no PUBLISH of ${size} bytes`); // sizes next to a length-byte step cannot occur
}

function feedAll(tracker: FrameTracker, chunks: Buffer[]): number {
  let packets = 0;
  for (const c of chunks) {
    const v = tracker.feed(c);
    assert.equal(v.kind, 'ok');
    packets += v.packets;
  }
  return packets;
}

test('one chunk with many packets: each one counted, ends at a boundary', () => {
  const t = createFrameTracker(BIG);
  assert.deepEqual(t.feed(all), { kind: 'ok', packets: stream.length });
  assert.equal(t.atBoundary, true);
  assert.deepEqual(t.feed(pingreq), { kind: 'ok', packets: 1 });
});

test('byte by byte: a packet ends exactly at its last byte', () => {
  const t = createFrameTracker(BIG);
  const ends: number[] = [];
  for (let i = 0; i < all.length; i++) {
    const v = t.feed(all.subarray(i, i + 1));
    assert.equal(v.kind, 'ok');
    if (v.packets) ends.push(i);
    assert.equal(t.atBoundary, v.packets === 1, `byte ${i}`);
  }
  assert.deepEqual(ends, lastBytes);
});

test('every split into two chunks and random chunkings give the same packets', () => {
  for (let cut = 0; cut <= all.length; cut += cut < 400 ? 1 : 97) {
    assert.equal(feedAll(createFrameTracker(BIG), [all.subarray(0, cut), all.subarray(cut)]), stream.length, `cut at ${cut}`);
  }
  for (let round = 0; round < 50; round++) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < all.length;) {
      const n = 1 + Math.floor(Math.random() * 3000);
      chunks.push(all.subarray(i, i + n));
      i += n;
    }
    const t = createFrameTracker(BIG);
    assert.equal(feedAll(t, chunks), stream.length);
    assert.equal(t.atBoundary, true);
  }
});

test('empty chunks change nothing', () => {
  const t = createFrameTracker(BIG);
  assert.deepEqual(t.feed(Buffer.alloc(0)), { kind: 'ok', packets: 0 });
  t.feed(connect.subarray(0, 1));
  assert.deepEqual(t.feed(Buffer.alloc(0)), { kind: 'ok', packets: 0 });
  assert.equal(t.atBoundary, false);
  assert.deepEqual(t.feed(connect.subarray(1)), { kind: 'ok', packets: 1 });
});

test('remaining lengths of 1 to 4 bytes decode like mqtt-packet encodes them', () => {
  for (const payload of [0, 100, 125, 126, 16_000, 16_400, 2_097_000, 2_097_200]) {
    const p = publish(payload);
    const v = createFrameTracker(2).feed(p);
    assert.equal(v.kind, 'too-large');
    if (v.kind !== 'too-large') continue;
    assert.equal(v.size, p.length, `payload ${payload}`);
    const headerLength = v.at; // the tracker stops right after the fixed header
    assert.equal(headerLength, p.length < 2 + 128 ? 2 : p.length < 3 + 16_384 ? 3 : p.length < 4 + 2_097_152 ? 4 : 5);
  }
  // the boundaries of the varint itself
  for (const [remaining, bytes] of [[0, 2], [127, 2], [128, 3], [16_383, 3], [16_384, 4], [2_097_151, 4], [2_097_152, 5], [MAX_REMAINING_LENGTH, 5]] as const) {
    const v = createFrameTracker(2).feed(fixedHeader(0x30, remaining));
    if (remaining === 0) {
      assert.deepEqual(v, { kind: 'ok', packets: 1 });
      continue;
    }
    assert.deepEqual(v, { kind: 'too-large', packets: 0, at: bytes, size: bytes + remaining, index: 0 }, `remaining ${remaining}`);
  }
});

test('a 4-byte length packet is followed through its body without keeping it', () => {
  const t = createFrameTracker(BIG);
  const remaining = 2_097_152 + 5;
  assert.deepEqual(t.feed(fixedHeader(0x30, remaining)), { kind: 'ok', packets: 0 });
  const body = Buffer.alloc(64 * 1024);
  let left = remaining;
  while (left > body.length) {
    assert.deepEqual(t.feed(body), { kind: 'ok', packets: 0 });
    left -= body.length;
  }
  // the packet ends inside this chunk and a PINGREQ follows
  assert.deepEqual(t.feed(Buffer.concat([body.subarray(0, left), pingreq])), { kind: 'ok', packets: 2 });
  assert.equal(t.atBoundary, true);
});

test('a header split across chunks is judged when its last length byte arrives', () => {
  const h = fixedHeader(0x30, 200 * 1024 * 1024); // 200 MB: four length bytes
  assert.equal(h.length, 5);
  for (let cut = 1; cut < h.length; cut++) {
    const t = createFrameTracker(64 * 1024);
    assert.deepEqual(t.feed(h.subarray(0, cut)), { kind: 'ok', packets: 0 });
    assert.deepEqual(t.feed(Buffer.concat([h.subarray(cut), Buffer.alloc(1000)])),
      { kind: 'too-large', packets: 0, at: h.length - cut, size: h.length + 200 * 1024 * 1024, index: 0 });
  }
  // one byte at a time
  const t = createFrameTracker(64 * 1024);
  const kinds = [...h].map((b) => t.feed(Buffer.from([b])).kind);
  assert.deepEqual(kinds, ['ok', 'ok', 'ok', 'ok', 'too-large']);
});

test('exactly the limit passes, one byte more is refused', () => {
  for (const limit of [1000, 100_000, 1024 * 1024]) {
    assert.deepEqual(createFrameTracker(limit).feed(publishOfSize(limit)), { kind: 'ok', packets: 1 }, `limit ${limit}`);
    const v = createFrameTracker(limit).feed(publishOfSize(limit + 1));
    assert.equal(v.kind, 'too-large', `limit ${limit} + 1`);
    assert.equal(v.kind === 'too-large' && v.size, limit + 1);
  }
  // the same with bare headers: 1 type byte + 2 length bytes + remaining
  assert.equal(createFrameTracker(1000).feed(fixedHeader(0x30, 997)).kind, 'ok');
  assert.equal(createFrameTracker(1000).feed(fixedHeader(0x30, 998)).kind, 'too-large');
});

test('a refusal reports the packets before it and where it stopped; the rest can follow a raised limit', () => {
  const big = publish(5000);
  const chunk = Buffer.concat([connect, pingreq, big, pingreq]);
  const t = createFrameTracker(1024);
  const v = t.feed(chunk);
  assert.equal(v.kind, 'too-large');
  if (v.kind !== 'too-large') return;
  assert.equal(v.packets, 2);
  assert.equal(v.index, 2);
  assert.equal(v.size, big.length);
  assert.equal(v.at, connect.length + pingreq.length + 3); // type byte and two length bytes
  assert.equal(t.atBoundary, false);
  t.limit = 10_000;
  assert.deepEqual(t.feed(chunk.subarray(v.at)), { kind: 'ok', packets: 2 });
  assert.equal(t.atBoundary, true);
  // lowering the limit applies to the next header only
  t.limit = 1024;
  assert.equal(t.feed(big).kind, 'too-large');
});

test('the first packet is index 0, later ones count up across chunks', () => {
  const v = createFrameTracker(64).feed(publish(100));
  assert.equal(v.kind === 'too-large' && v.index, 0);
  const t = createFrameTracker(64);
  t.feed(Buffer.concat([connect, pingreq.subarray(0, 1)]));
  const w = t.feed(Buffer.concat([pingreq.subarray(1), publish(100)]));
  assert.equal(w.kind === 'too-large' && w.index, 2);
  assert.equal(w.packets, 1);
});

test('a fifth remaining-length byte is malformed, and stays so', () => {
  const t = createFrameTracker(BIG);
  assert.deepEqual(t.feed(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01])), { kind: 'malformed', packets: 0, at: 5 });
  assert.deepEqual(t.feed(pingreq), { kind: 'malformed', packets: 0, at: 0 });

  // after good packets, split across chunks, and with zero value bits
  const u = createFrameTracker(BIG);
  assert.deepEqual(u.feed(Buffer.concat([pingreq, Buffer.from([0x30, 0x80, 0x80])])), { kind: 'ok', packets: 1 });
  assert.deepEqual(u.feed(Buffer.from([0x80, 0x80])), { kind: 'malformed', packets: 0, at: 2 });

  // four bytes with the last one ending the length is the largest legal packet, not malformed
  assert.equal(createFrameTracker(BIG).feed(Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f])).kind, 'ok');
});

test('a limit must be a whole number of at least 2 bytes', () => {
  assert.throws(() => createFrameTracker(1), RangeError);
  assert.throws(() => createFrameTracker(1.5), RangeError);
  const t = createFrameTracker(2);
  assert.throws(() => { t.limit = Number.NaN; }, RangeError);
  assert.equal(t.limit, 2);
  assert.deepEqual(t.feed(pingreq), { kind: 'ok', packets: 1 });
});

test('publishPacketBytes matches the packets mqtt-packet encodes, across every length-byte boundary', () => {
  for (const topic of ['outpost/v1/dev-1/cmd', 'outpost/v1/gerät/ü']) {
    for (const qos of [0, 1] as const) {
      for (const payloadBytes of [0, 100, 127, 16_000, 16_400, 2_097_000, 2_097_200]) {
        const packet = mqttPacket.generate({ cmd: 'publish', topic, payload: Buffer.alloc(payloadBytes), qos, retain: false, dup: false,
          ...(qos > 0 ? { messageId: 1 } : {}) });
        assert.equal(publishPacketBytes(topic, payloadBytes, qos), packet.length, `${topic} qos ${qos} payload ${payloadBytes}`);
      }
    }
  }
});
