import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTopicTree, visiblePaths, type TopicNode } from './topic-tree.js';
import type { TopicEntry } from './explorer-state.js';

const root = 'outpost/v1/d1/';
const entry = (topic: string, count = 1): TopicEntry => ({ topic: root + topic, history: [], count, arrivals: [], retained: false });
const shape = (nodes: TopicNode[]): unknown => nodes.map((n) => [n.name, n.entry ? n.entry.count : null, n.messages, shape(n.children)]);

test('topics become a tree of their levels below the root, sorted, with messages summed up', () => {
  const tree = buildTopicTree([entry('telemetry', 5), entry('op/42', 1), entry('op/7', 2), entry('events', 3), entry('op', 1)], root);
  assert.deepEqual(shape(tree), [
    ['events', 3, 3, []],
    ['op', 1, 4, [['42', 1, 1, []], ['7', 2, 2, []]]],
    ['telemetry', 5, 5, []],
  ]);
  assert.equal(tree[1]!.path, 'outpost/v1/d1/op');
  assert.equal(tree[1]!.children[0]!.path, 'outpost/v1/d1/op/42');
  assert.equal(tree[1]!.topics, 3);
});

test('deep and empty levels are kept', () => {
  const tree = buildTopicTree([entry('a/b/c'), entry('a//d')], root);
  assert.deepEqual(shape(tree), [['a', null, 2, [['', null, 1, [['d', 1, 1, []]]], ['b', null, 1, [['c', 1, 1, []]]]]]]);
  assert.equal(tree[0]!.children[0]!.path, 'outpost/v1/d1/a/');
});

test('collapsed nodes hide what is below them', () => {
  const tree = buildTopicTree([entry('a/b'), entry('a/c'), entry('z')], root);
  assert.deepEqual(visiblePaths(tree, new Set()), ['outpost/v1/d1/a', 'outpost/v1/d1/a/b', 'outpost/v1/d1/a/c', 'outpost/v1/d1/z']);
  assert.deepEqual(visiblePaths(tree, new Set(['outpost/v1/d1/a'])), ['outpost/v1/d1/a', 'outpost/v1/d1/z']);
});
