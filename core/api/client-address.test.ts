import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientAddress } from './client-address.js';
import type { Ctx } from './context.js';

const from = (remoteAddress: string | undefined) => ({ env: { incoming: { socket: { remoteAddress } } } }) as unknown as Ctx;

test('the peer address of the connection; IPv4 on a dual-stack socket without the ::ffff: prefix', () => {
  assert.equal(clientAddress(from('192.168.1.20')), '192.168.1.20');
  assert.equal(clientAddress(from('::ffff:192.168.1.20')), '192.168.1.20');
  assert.equal(clientAddress(from('fe80::1')), 'fe80::1');
  assert.equal(clientAddress(from(undefined)), 'unknown');
  assert.equal(clientAddress({ env: undefined } as unknown as Ctx), 'unknown', 'no Node socket behind the request');
});
