import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLinkFormat, encodeAttributesQuery, encodeLinkFormat, parseRegistration, type LinkToWrite } from './link-format.js';
import { Lwm2mCodecError } from './model.js';

const codecError = (f: () => unknown, message: RegExp): void => assert.throws(f, (e: unknown) => e instanceof Lwm2mCodecError && message.test(e.message));
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

test('a registration payload (TS Transport / Core examples) with root, ct and versions', () => {
  const payload = '</>;rt="oma.lwm2m";ct=110, </1/0>, </3/0>;ver=1.1, </3303/0>,</3303/1>,</5>';
  assert.deepEqual(decodeLinkFormat(payload), [
    { uri: '/', params: { rt: 'oma.lwm2m', ct: '110' } }, { uri: '/1/0', params: {} }, { uri: '/3/0', params: { ver: '1.1' } },
    { uri: '/3303/0', params: {} }, { uri: '/3303/1', params: {} }, { uri: '/5', params: {} },
  ]);
  assert.deepEqual(parseRegistration(new TextEncoder().encode(payload)), {
    rootPath: '/', contentFormats: [110],
    objects: [
      { path: [1, 0], params: {} }, { path: [3, 0], params: { ver: '1.1' } }, { path: [3303, 0], params: {} },
      { path: [3303, 1], params: {} }, { path: [5], params: {} },
    ],
  });
  // an alternate path and several content formats
  const alt = parseRegistration('</lwm2m>;rt="oma.lwm2m";ct="60 110 112",</lwm2m/1/0>,</lwm2m/3/0>');
  assert.equal(alt.rootPath, '/lwm2m/');
  assert.deepEqual(alt.contentFormats, [60, 110, 112]);
  assert.deepEqual(alt.objects.map((o) => o.path), [[1, 0], [3, 0]]);
  // a 1.0 client without a root link
  assert.deepEqual(parseRegistration('</1/0>,</3/0>'), { rootPath: '/', contentFormats: [], objects: [{ path: [1, 0], params: {} }, { path: [3, 0], params: {} }] });
});

test('Discover answer: attributes, flags, quoted values with commas, semicolons and escaped quotes', () => {
  const discover = '</3/0>;pmin=10;pmax=60,</3/0/1>,</3/0/7>;dim=8;gt=50.5;lt=42.2;st=0.5,</3/0/x>;title="a, b; \\"c\\"";obs';
  assert.deepEqual(decodeLinkFormat(discover), [
    { uri: '/3/0', params: { pmin: '10', pmax: '60' } }, { uri: '/3/0/1', params: {} },
    { uri: '/3/0/7', params: { dim: '8', gt: '50.5', lt: '42.2', st: '0.5' } },
    { uri: '/3/0/x', params: { title: 'a, b; "c"', obs: true } },
  ]);
  assert.deepEqual(decodeLinkFormat(''), []);
  assert.deepEqual(decodeLinkFormat(' \n'), []);
});

test('encode: tokens bare, rt and values with spaces quoted; round trip', () => {
  const links: LinkToWrite[] = [
    { uri: '/', params: { rt: 'oma.lwm2m', ct: '60 110' } }, { uri: '/3/0', params: { ver: '1.1' } },
    { uri: '/3/0/7', params: { dim: 8, pmin: 10, obs: true, title: 'say "hi", twice' } },
  ];
  const encoded = text(encodeLinkFormat(links));
  assert.equal(encoded, '</>;rt="oma.lwm2m";ct="60 110",</3/0>;ver=1.1,</3/0/7>;dim=8;pmin=10;obs;title="say \\"hi\\", twice"');
  assert.deepEqual(decodeLinkFormat(encoded).map((l) => l.params.title ?? l.params.ct ?? l.params.ver), ['60 110', '1.1', 'say "hi", twice']);
  assert.equal(encodeAttributesQuery({ pmin: 10, pmax: 60, gt: 21.5, st: null }), 'pmin=10&pmax=60&gt=21.5&st');
  codecError(() => encodeAttributesQuery({ 'a&b': 1 }), /not an attribute name/);
  codecError(() => encodeLinkFormat([{ uri: '/3>' }]), /holds "<" or ">"/);
});

test('malformed link format throws Lwm2mCodecError with the position', () => {
  codecError(() => decodeLinkFormat('/1/0'), /expected "<" at character 0/);
  codecError(() => decodeLinkFormat('</1/0'), /"<" without ">"/);
  codecError(() => decodeLinkFormat('</1/0>;title="abc'), /unterminated quoted value of "title"/);
  codecError(() => decodeLinkFormat('</1/0> </3/0>'), /expected "," or ";"/);
  codecError(() => decodeLinkFormat('</1/0>;=5'), /expected a parameter name/);
  codecError(() => decodeLinkFormat('</1/0>;ver=1;ver=2'), /"ver" given twice/);
  codecError(() => decodeLinkFormat('</1/0>,'), /expected "<"/);
  codecError(() => decodeLinkFormat(Uint8Array.of(0xc3, 0x28)), /not UTF-8/);
  codecError(() => parseRegistration('</>;rt="oma.lwm2m";ct="110 x"'), /not a list of content formats/);
  codecError(() => parseRegistration('</lwm2m>;rt="oma.lwm2m",</1/0>'), /outside the root/);
  codecError(() => parseRegistration('</3/0/1>'), /not an object or object instance/);
  codecError(() => parseRegistration('</3/a>'), /"a", not an id/);
  for (let round = 0; round < 2000; round++) {
    const s = Array.from({ length: Math.floor(Math.random() * 20) }, () => '<>;=",/ a1\\'[Math.floor(Math.random() * 12)]).join('');
    try {
      decodeLinkFormat(s);
    } catch (e) {
      assert.ok(e instanceof Lwm2mCodecError, `${s}: ${String(e)}`);
    }
  }
});
