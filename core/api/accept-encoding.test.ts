import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseEncoding } from './accept-encoding.js';

const both = new Set(['br', 'gzip'] as const);
const gzipOnly = new Set(['gzip'] as const);
const none = new Set<never>();

test('brotli is preferred when the client takes both equally', () => {
  assert.equal(chooseEncoding('gzip, deflate, br', both), 'br');
  assert.equal(chooseEncoding('br;q=1, gzip;q=1', both), 'br');
  assert.equal(chooseEncoding('gzip, deflate, br, zstd', both), 'br');
});

test('gzip when brotli is not offered or not stored', () => {
  assert.equal(chooseEncoding('gzip, deflate', both), 'gzip');
  assert.equal(chooseEncoding('gzip, br', gzipOnly), 'gzip');
  assert.equal(chooseEncoding('x-gzip', both), 'gzip');
});

test('identity without a header, without stored copies, or for codings we do not have', () => {
  assert.equal(chooseEncoding(undefined, both), 'identity');
  assert.equal(chooseEncoding('', both), 'identity');
  assert.equal(chooseEncoding('gzip, br', none), 'identity');
  assert.equal(chooseEncoding('deflate, zstd', both), 'identity');
});

test('q-values order the choice and q=0 refuses a coding', () => {
  assert.equal(chooseEncoding('br;q=0, gzip', both), 'gzip');
  assert.equal(chooseEncoding('br;q=0.5, gzip;q=0.8', both), 'gzip');
  assert.equal(chooseEncoding('br;q=0, gzip;q=0', both), 'identity');
  assert.equal(chooseEncoding('BR; Q=0.9, identity;q=0.1', both), 'br');
  // identity the header does not name is only the fallback: a copy the client takes beats it
  assert.equal(chooseEncoding('br;q=0.2', both), 'br');
  assert.equal(chooseEncoding('identity, br;q=0.5', both), 'identity');
  assert.equal(chooseEncoding('identity;q=0.5, gzip;q=0.5', both), 'gzip');
});

test('the * wildcard covers the codings the header does not name', () => {
  assert.equal(chooseEncoding('*', both), 'br');
  assert.equal(chooseEncoding('br;q=0, *', both), 'gzip');
  assert.equal(chooseEncoding('*;q=0, identity', both), 'identity');
});

test('a client that refuses identity and every stored copy still gets identity, not nothing', () => {
  assert.equal(chooseEncoding('identity;q=0', none), 'identity');
  assert.equal(chooseEncoding('*;q=0', both), 'identity');
});

test('malformed parts are skipped, not thrown on', () => {
  assert.equal(chooseEncoding(' , ;q=1, gzip;q=abc, br', both), 'br');
  assert.equal(chooseEncoding('gzip;q=abc', both), 'identity');
});
