// The retained topics, level by level: a SUBSCRIBE walks only the branches its pattern names
// (outpost/v1/{uid}/... reaches one device's topics), instead of testing every retained topic,
// which a thousand devices reconnecting at once would do a million times.

interface Node {
  children: Map<string, Node>;
  /** set when a retained topic ends at this node */
  topic?: string;
}

const newNode = (): Node => ({ children: new Map() });

export class TopicTree {
  readonly #root = newNode();

  add(topic: string): void {
    let node = this.#root;
    for (const level of topic.split('/')) {
      let child = node.children.get(level);
      if (!child) node.children.set(level, (child = newNode()));
      node = child;
    }
    node.topic = topic;
  }

  /** Returns whether the topic was there. */
  delete(topic: string): boolean {
    const path: Node[] = [this.#root];
    const levels = topic.split('/');
    for (const level of levels) {
      const child = path[path.length - 1]!.children.get(level);
      if (!child) return false;
      path.push(child);
    }
    const node = path[path.length - 1]!;
    if (node.topic === undefined) return false;
    node.topic = undefined;
    // drop the branch back to where another topic needs it
    for (let i = levels.length; i > 0; i--) {
      const n = path[i]!;
      if (n.topic !== undefined || n.children.size > 0) break;
      path[i - 1]!.children.delete(levels[i - 1]!);
    }
    return true;
  }

  clear(): void {
    this.#root.children.clear();
  }

  /** Topics matching any of the MQTT patterns, each once. */
  match(patterns: readonly string[]): string[] {
    const found = new Set<string>();
    for (const pattern of patterns) visit(this.#root, pattern.split('/'), 0, found);
    return [...found];
  }
}

// [MQTT-4.7.2-1]: a wildcard in the first level does not match topics that begin with '$'
const hidden = (depth: number, level: string) => depth === 0 && level.startsWith('$');

function visit(node: Node, levels: string[], depth: number, found: Set<string>): void {
  if (depth === levels.length) {
    if (node.topic !== undefined) found.add(node.topic);
    return;
  }
  const level = levels[depth]!;
  if (level === '#') {
    // also the parent level: sport/# matches sport [MQTT-4.7.1-2]
    if (node.topic !== undefined) found.add(node.topic);
    for (const [name, child] of node.children) if (!hidden(depth, name)) everything(child, found);
  } else if (level === '+') {
    // '+' matches an empty level too [MQTT-4.7.1-3]
    for (const [name, child] of node.children) if (!hidden(depth, name)) visit(child, levels, depth + 1, found);
  } else {
    const child = node.children.get(level);
    if (child) visit(child, levels, depth + 1, found);
  }
}

function everything(node: Node, found: Set<string>): void {
  if (node.topic !== undefined) found.add(node.topic);
  for (const child of node.children.values()) everything(child, found);
}
