import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseChoice, resolveTheme, THEME_KEY } from './theme.js';

test('the stored choice is read strictly; anything else follows the system', () => {
  assert.equal(parseChoice('dark'), 'dark');
  assert.equal(parseChoice('light'), 'light');
  for (const v of [null, undefined, '', 'system', 'Dark', 'blue']) assert.equal(parseChoice(v), 'system');
});

test('system follows the OS; an explicit choice wins over it', () => {
  assert.equal(resolveTheme('system', true), 'dark');
  assert.equal(resolveTheme('system', false), 'light');
  assert.equal(resolveTheme('light', true), 'light');
  assert.equal(resolveTheme('dark', false), 'dark');
});

test('the before-first-paint script reads the same storage key', () => {
  const init = readFileSync(new URL('../public/theme-init.js', import.meta.url), 'utf8');
  assert.ok(init.includes(`'${THEME_KEY}'`), `theme-init.js must read localStorage '${THEME_KEY}'`);
});
