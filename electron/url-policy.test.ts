import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, isCoreUrl, isExternalLinkAllowed, originOf } from './url-policy.js';

const core = 'http://127.0.0.1:40123';

test('only core’s own origin may be shown in the window', () => {
  assert.equal(isCoreUrl('http://127.0.0.1:40123/devices/42?tab=data', core), true);
  assert.equal(isCoreUrl('http://127.0.0.1:40124/', core), false, 'other port');
  assert.equal(isCoreUrl('http://localhost:40123/', core), false, 'other host name');
  assert.equal(isCoreUrl('https://127.0.0.1:40123/', core), false, 'other scheme');
  assert.equal(isCoreUrl('file:///etc/passwd', core), false);
  assert.equal(isCoreUrl('javascript:alert(1)', core), false);
  assert.equal(isCoreUrl('not a url', core), false);
  assert.equal(isCoreUrl('http://127.0.0.1:40123/', null), false, 'no core yet');
  assert.equal(isCoreUrl('http://127.0.0.1:40123@evil.example/', core), false, 'userinfo trick');
});

test('only plain https links go to the system browser', () => {
  assert.equal(isExternalLinkAllowed('https://www.openmobilealliance.org/'), true);
  assert.equal(isExternalLinkAllowed('http://example.com/'), false);
  assert.equal(isExternalLinkAllowed('file:///etc/passwd'), false);
  assert.equal(isExternalLinkAllowed('smb://host/share'), false);
  assert.equal(isExternalLinkAllowed('javascript:alert(1)'), false);
  assert.equal(isExternalLinkAllowed('https://user:pw@example.com/'), false);
  assert.equal(isExternalLinkAllowed('nonsense'), false);
});

test('originOf rejects opaque origins', () => {
  assert.equal(originOf('http://127.0.0.1:1/x'), 'http://127.0.0.1:1');
  assert.equal(originOf('data:text/html,hi'), null);
  assert.equal(originOf(''), null);
});

test('the CSP allows only self, plus core’s WebSocket', () => {
  const csp = contentSecurityPolicy(core);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /connect-src 'self' ws:\/\/127\.0\.0\.1:40123(;|$)/);
  assert.match(csp, /object-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-eval/);
  assert.match(contentSecurityPolicy('https://outpost.lan:8443'), /connect-src 'self' wss:\/\/outpost\.lan:8443/);
});
