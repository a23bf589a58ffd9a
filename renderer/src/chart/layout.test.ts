import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignAxes, seriesColor, stateColor, stateLabel } from './layout.js';

test('one unit: one axis; a second unit gets the right axis', () => {
  const same = assignAxes([{ id: 'a', unit: '°C' }, { id: 'b', unit: '°C' }]);
  assert.deepEqual([...same.side.values()], ['left', 'left']);
  assert.deepEqual(same.units, { left: ['°C'], right: [] });
  const two = assignAxes([{ id: 't', unit: '°C' }, { id: 'h', unit: '%' }, { id: 't2', unit: '°C' }]);
  assert.deepEqual(Object.fromEntries(two.side), { t: 'left', h: 'right', t2: 'left' });
  assert.deepEqual(two.units, { left: ['°C'], right: ['%'] });
  const unitless = assignAxes([{ id: 'x', unit: null }, { id: 'y', unit: 'V' }]);
  assert.deepEqual(Object.fromEntries(unitless.side), { x: 'left', y: 'right' });
  assert.deepEqual(assignAxes([]).units, { left: [], right: [] });
});

test('colours are CSS variables; state colours are stable per value', () => {
  assert.equal(seriesColor(0), 'var(--chart-1)');
  assert.equal(seriesColor(6), 'var(--chart-1)');
  assert.equal(stateColor(true), 'var(--green)');
  assert.equal(stateColor(false), 'var(--grey)');
  assert.equal(stateColor('heating'), stateColor('heating'));
  assert.match(stateColor('idle'), /^var\(--chart-\d\)$/);
  assert.equal(stateColor(null), 'var(--chart-mixed)');
  assert.equal(stateLabel(null), 'several values');
  assert.equal(stateLabel(false), 'false');
});
