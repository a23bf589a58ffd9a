// The Messages tab: a live topic tree of everything under the device's MQTT root (MQTT Explorer
// for one device), the selected topic's payloads and changes, pause/resume, and a publish panel.
import { useMemo, useState } from 'react';
import { mayCall } from '../../api.js';
import { Card } from '../../components/common.js';
import type { DeviceTabProps } from '../tabs.js';
import type { ExplorerState } from './explorer-state.js';
import { buildTopicTree } from './topic-tree.js';
import { useMessageStream } from './use-message-stream.js';
import type { StreamState } from '../../event-stream.js';
import { TopicTree } from './TopicTree.js';
import { TopicDetails } from './TopicDetails.js';
import { PublishPanel } from './PublishPanel.js';
import './messages.css';

const connectionText: Record<StreamState, string> = { connecting: 'Connecting…', open: 'Live', closed: 'Disconnected, retrying…' };

export function MessagesTab({ uid, me, now }: DeviceTabProps) {
  const { state, connection } = useMessageStream(uid);
  // paused: the view keeps the state of that moment while the stream goes on counting
  const [frozen, setFrozen] = useState<{ state: ExplorerState; at: number } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const view = frozen?.state ?? state;
  // rates too stay as they were when paused
  const viewNow = frozen?.at ?? now;
  const root = `outpost/v1/${uid}/`;
  const tree = useMemo(() => buildTopicTree(view.topics.values(), root), [view.topics, root]);
  const selectedEntry = selected ? view.topics.get(selected) : undefined;
  const arrivedWhilePaused = frozen ? state.total - frozen.state.total : 0;

  return (
    <div className="mx" data-testid="messages-tab">
      <div className="mx-toolbar" role="group" aria-label="Message stream">
        <span className={`mx-conn mx-conn-${connection}`} data-testid="messages-connection" data-state={connection}>{connectionText[connection]}</span>
        <span className="muted" data-testid="messages-total">{state.total} message{state.total === 1 ? '' : 's'}</span>
        {state.dropped > 0 && (
          <span className="mx-dropped" data-testid="messages-dropped" role="status">
            {state.dropped} left out: this view fell behind the device
          </span>
        )}
        <button type="button" className="btn btn-small" aria-pressed={frozen !== null} data-testid="messages-pause"
          onClick={() => setFrozen((f) => (f ? null : { state, at: Date.now() }))}>
          {frozen ? 'Resume' : 'Pause'}
        </button>
        {frozen && (
          <span className="mx-paused" role="status" data-testid="messages-paused">
            Paused · {arrivedWhilePaused} new message{arrivedWhilePaused === 1 ? '' : 's'} since
          </span>
        )}
      </div>
      <div className="mx-main">
        <Card title="Topics" className="mx-tree-card" testId="messages-tree">
          <p className="mx-root"><code>{root}</code></p>
          {tree.length === 0 ? (
            <div className="empty small" data-testid="messages-empty">
              {view.synced ? 'No messages yet. Retained messages and everything the device publishes from now on appear here.' : 'Loading…'}
            </div>
          ) : (
            <TopicTree nodes={tree} selected={selected} onSelect={setSelected} now={viewNow} />
          )}
        </Card>
        <Card title="Topic" className="mx-details-card" testId="messages-details">
          {selectedEntry ? <TopicDetails key={selectedEntry.topic} entry={selectedEntry} now={viewNow} />
            : <div className="empty small">Choose a topic to see its messages.</div>}
        </Card>
      </div>
      {mayCall(me.role, 'publishMessage') && <PublishPanel uid={uid} root={root} />}
    </div>
  );
}
