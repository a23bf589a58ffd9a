// The topic tree of a device's root: one node per topic level, like MQTT Explorer's. Pure.
import type { TopicEntry } from './explorer-state.js';

export interface TopicNode {
  /** this level's name ('' for an empty level, as in a//b) */
  name: string;
  /** the topic up to and including this level */
  path: string;
  /** the topic's messages, when messages were published at exactly this level */
  entry: TopicEntry | undefined;
  children: TopicNode[];
  /** messages at and below this level */
  messages: number;
  /** topics at and below this level */
  topics: number;
}

/** The tree of every topic, levels relative to `root` (e.g. "outpost/v1/uid/"); children sorted by name. */
export function buildTopicTree(entries: Iterable<TopicEntry>, root: string): TopicNode[] {
  const top: TopicNode = { name: '', path: '', entry: undefined, children: [], messages: 0, topics: 0 };
  for (const entry of entries) {
    // the server sends only topics under the root; anything else would show from its first level
    const under = entry.topic.startsWith(root);
    let path = under ? root.replace(/\/$/, '') : undefined;
    let node = top;
    for (const name of (under ? entry.topic.slice(root.length) : entry.topic).split('/')) {
      path = path === undefined ? name : `${path}/${name}`;
      let child = node.children.find((c) => c.name === name);
      if (!child) node.children.push((child = { name, path, entry: undefined, children: [], messages: 0, topics: 0 }));
      child.messages += entry.count;
      child.topics += 1;
      node = child;
    }
    node.entry = entry;
  }
  const sort = (nodes: TopicNode[]) => {
    nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const n of nodes) sort(n.children);
  };
  sort(top.children);
  return top.children;
}

/** The paths of the nodes shown when `collapsed` paths are folded, in order (tests, keyboard order). */
export function visiblePaths(nodes: TopicNode[], collapsed: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const walk = (list: TopicNode[]) => {
    for (const n of list) {
      out.push(n.path);
      if (!collapsed.has(n.path)) walk(n.children);
    }
  };
  walk(nodes);
  return out;
}
