import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { TopicTree } from './topic-tree.js';

const tree = (...topics: string[]) => {
  const t = new TopicTree();
  for (const topic of topics) t.add(topic);
  return t;
};
const sorted = (a: string[]) => [...a].sort();

test('MQTT wildcards: +, #, the parent level, empty levels, $ topics', () => {
  const t = tree('sport', 'sport/tennis', 'sport/tennis/player1', 'sport//x', '/lead', '$SYS/broker', 'finance');
  assert.deepEqual(t.match(['sport/tennis']), ['sport/tennis']);
  assert.deepEqual(sorted(t.match(['sport/#'])), ['sport', 'sport//x', 'sport/tennis', 'sport/tennis/player1']);
  assert.deepEqual(sorted(t.match(['sport/+'])), ['sport/tennis']);
  assert.deepEqual(t.match(['sport/+/x']), ['sport//x']);
  assert.deepEqual(t.match(['+/lead']), ['/lead']);
  assert.deepEqual(t.match(['+']), ['sport', 'finance']);
  assert.ok(!t.match(['#']).includes('$SYS/broker'), 'a first-level wildcard does not match $ topics');
  assert.deepEqual(t.match(['$SYS/#']), ['$SYS/broker']);
  assert.deepEqual(t.match(['sport/tennis', 'sport/+']), ['sport/tennis'], 'once, however many patterns match');
  assert.deepEqual(t.match(['nothing/#', 'sport/tennis/player1/more']), []);
});

test('deleting a topic keeps the others, also those on its branch', () => {
  const t = tree('a/b', 'a/b/c', 'a/d');
  assert.equal(t.delete('a/b'), true);
  assert.equal(t.delete('a/b'), false);
  assert.equal(t.delete('a'), false, 'a branch is not a topic');
  assert.deepEqual(sorted(t.match(['#'])), ['a/b/c', 'a/d']);
  t.delete('a/b/c');
  t.delete('a/d');
  assert.deepEqual(t.match(['#']), []);
  t.add('a/b');
  assert.deepEqual(t.match(['a/+']), ['a/b']);
});

test('matches what qlobber (aedes\' matcher) matches, on random topics and patterns', () => {
  const require = createRequire(import.meta.url);
  const { QlobberTrue } = require('qlobber') as { QlobberTrue: new (o: object) => { add(p: string): void; test(t: string): boolean } };
  const words = ['a', 'b', '', 'c'];
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 48271) % 2147483647) % n);
  const randomTopic = () => Array.from({ length: 1 + rand(4) }, () => words[rand(words.length)]).join('/');
  const randomPattern = () => {
    const levels = Array.from({ length: 1 + rand(4) }, () => ['a', 'b', '', '+'][rand(4)]!);
    if (rand(3) === 0) levels.push('#');
    return levels.join('/');
  };
  const topics = [...new Set(Array.from({ length: 60 }, randomTopic))];
  const t = tree(...topics);
  let nonEmpty = 0;
  for (let i = 0; i < 300; i++) {
    const pattern = randomPattern();
    const q = new QlobberTrue({ separator: '/', wildcard_one: '+', wildcard_some: '#', match_empty_levels: true });
    q.add(pattern);
    const expected = topics.filter((topic) => q.test(topic));
    assert.deepEqual(sorted(t.match([pattern])), sorted(expected), pattern);
    if (expected.length > 0) nonEmpty++;
  }
  assert.ok(nonEmpty > 100, `the patterns matched something (${nonEmpty} of 300)`);
});
