// Whatever a device answers, interpretResponse and the report decoders return a result or an error
// value; nothing throws. Random and truncated payloads in every content format, for every kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpretResponse } from './interpret-response.js';
import { notificationRecords, sendRecords } from './report-records.js';
import { pointsFromRecords } from './points.js';
import { createModelRegistry } from '../models/registry.js';

const models = createModelRegistry().registry;
const FORMATS = [undefined, 0, 40, 42, 60, 110, 112, 11542, 11543, 9999];
const OPS = [
  { kind: 'lwm2m.read', args: { path: '/3/0' } }, { kind: 'lwm2m.read', args: { path: '/3303/0/5700' } },
  { kind: 'lwm2m.observe', args: { path: '/3' } }, { kind: 'lwm2m.discover', args: { path: '/3/0' } },
  { kind: 'lwm2m.read-composite', args: { paths: ['/3/0/0', '/3303/0'] } }, { kind: 'lwm2m.create', args: { path: '/3303', values: {} } },
];
// valid payloads to truncate and flip: each format's real bytes are likelier to reach deep code paths
const SEEDS = [
  Buffer.from('C800144F70656E204D6F62696C6520416C6C69616E6365860641000141010588070842000ED842011388', 'hex'),
  Buffer.from('[{"bn":"/3/0/","n":"0","vs":"x"},{"n":"7/0","v":3800},{"n":"13","v":1367491215}]'),
  Buffer.from('82a321652f332f302f0061300363414243a2006137026419', 'hex'),
  Buffer.from('</3/0>;pmin=10,</3/0/1>;dim="2"'),
  Buffer.from('{"bn":"/3/0/","e":[{"n":"0","sv":"x"},{"n":"9","v":80}]}'),
];

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

test('random, truncated and bit-flipped answers never throw', () => {
  const rnd = random(42);
  for (let i = 0; i < 3000; i++) {
    const base = SEEDS[i % SEEDS.length]!;
    let payload: Buffer;
    if (i % 3 === 0) payload = base.subarray(0, Math.floor(rnd() * base.length));
    else if (i % 3 === 1) {
      payload = Buffer.from(base);
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(rnd() * payload.length);
        payload[at] = payload[at]! ^ (1 << Math.floor(rnd() * 8));
      }
    } else payload = Buffer.from(Array.from({ length: Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 256)));
    const contentFormat = FORMATS[Math.floor(rnd() * FORMATS.length)];
    const op = OPS[i % OPS.length]!;
    const reply = interpretResponse(op, { code: '2.05', contentFormat, payload }, models, 0);
    assert.ok(reply.ok || (reply.error.code === 'malformed-payload' && reply.error.message.length > 0));
    const n = notificationRecords(op, { contentFormat, payload }, models);
    if (n.ok) pointsFromRecords(n.records, models, 0);
    sendRecords(contentFormat, payload, models);
  }
});
