// The tasks a real snapd spawns for each kind of change, with its summaries (overlord/snapstate),
// so a followed change shows the same "current task" words a device would.

export interface TaskPlan {
  kind: string;
  summary: string;
  /** duration in steps (the fake's stepMs each) */
  steps: number;
  /** a download reports bytes as its progress */
  bytes?: { label: string; total: number };
}

const t = (kind: string, summary: string, steps = 1): TaskPlan => ({ kind, summary, steps });

const download = (name: string, rev: string, channel: string, size: number): TaskPlan => ({
  kind: 'download-snap',
  summary: `Download snap "${name}" (${rev}) from channel "${channel}"`,
  steps: 3,
  bytes: { label: name, total: size },
});

export function installTasks(name: string, rev: string, channel: string, size: number): TaskPlan[] {
  return [
    t('prerequisites', `Ensure prerequisites for "${name}" are available`),
    download(name, rev, channel, size),
    t('validate-snap', `Fetch and check assertions for snap "${name}" (${rev})`),
    t('mount-snap', `Mount snap "${name}" (${rev})`),
    t('copy-snap-data', `Copy snap "${name}" data`),
    t('setup-profiles', `Setup snap "${name}" (${rev}) security profiles`),
    t('link-snap', `Make snap "${name}" (${rev}) available to the system`),
    t('auto-connect', `Automatically connect eligible plugs and slots of snap "${name}"`),
    t('set-auto-aliases', `Set automatic aliases for snap "${name}"`),
    t('setup-aliases', `Setup snap "${name}" aliases`),
    t('run-hook', `Run install hook of "${name}" snap if present`),
    t('start-snap-services', `Start snap "${name}" (${rev}) services`),
    t('run-hook', `Run configure hook of "${name}" snap if present`),
    t('run-hook', `Run health check of "${name}" snap`),
  ];
}

export function refreshTasks(name: string, rev: string, channel: string, size: number): TaskPlan[] {
  return [
    t('prerequisites', `Ensure prerequisites for "${name}" are available`),
    download(name, rev, channel, size),
    t('validate-snap', `Fetch and check assertions for snap "${name}" (${rev})`),
    t('mount-snap', `Mount snap "${name}" (${rev})`),
    t('run-hook', `Run pre-refresh hook of "${name}" snap if present`),
    t('stop-snap-services', `Stop snap "${name}" services`),
    t('remove-aliases', `Remove aliases for snap "${name}"`),
    t('unlink-current-snap', `Make current revision for snap "${name}" unavailable`),
    t('copy-snap-data', `Copy snap "${name}" data`),
    t('setup-profiles', `Setup snap "${name}" (${rev}) security profiles`),
    t('link-snap', `Make snap "${name}" (${rev}) available to the system`),
    t('auto-connect', `Automatically connect eligible plugs and slots of snap "${name}"`),
    t('set-auto-aliases', `Set automatic aliases for snap "${name}"`),
    t('setup-aliases', `Setup snap "${name}" aliases`),
    t('run-hook', `Run post-refresh hook of "${name}" snap if present`),
    t('start-snap-services', `Start snap "${name}" (${rev}) services`),
    t('cleanup', `Clean up "${name}" (${rev}) install`),
    t('run-hook', `Run configure hook of "${name}" snap if present`),
    t('run-hook', `Run health check of "${name}" snap`),
  ];
}

export function removeTasks(name: string, rev: string): TaskPlan[] {
  return [
    t('stop-snap-services', `Stop snap "${name}" services`),
    t('run-hook', `Run remove hook of "${name}" snap if present`),
    t('auto-disconnect', `Disconnect interfaces of snap "${name}"`),
    t('remove-aliases', `Remove aliases for snap "${name}"`),
    t('unlink-snap', `Make snap "${name}" unavailable to the system`),
    t('remove-profiles', `Remove security profile for snap "${name}" (${rev})`),
    t('clear-snap', `Remove data for snap "${name}" (${rev})`),
    t('discard-snap', `Remove snap "${name}" (${rev}) from the system`),
  ];
}

export function revertTasks(name: string, rev: string): TaskPlan[] {
  return [
    t('prepare-snap', `Prepare snap "${name}" (${rev})`),
    t('run-hook', `Run pre-refresh hook of "${name}" snap if present`),
    t('stop-snap-services', `Stop snap "${name}" services`),
    t('remove-aliases', `Remove aliases for snap "${name}"`),
    t('unlink-current-snap', `Make current revision for snap "${name}" unavailable`),
    t('setup-profiles', `Setup snap "${name}" (${rev}) security profiles`),
    t('link-snap', `Make snap "${name}" (${rev}) available to the system`),
    t('auto-connect', `Automatically connect eligible plugs and slots of snap "${name}"`),
    t('set-auto-aliases', `Set automatic aliases for snap "${name}"`),
    t('setup-aliases', `Setup snap "${name}" aliases`),
    t('run-hook', `Run post-refresh hook of "${name}" snap if present`),
    t('start-snap-services', `Start snap "${name}" (${rev}) services`),
  ];
}

export function enableTasks(name: string, rev: string): TaskPlan[] {
  return [
    t('prepare-snap', `Prepare snap "${name}" (${rev})`),
    t('setup-profiles', `Setup snap "${name}" (${rev}) security profiles`),
    t('link-snap', `Make snap "${name}" (${rev}) available to the system`),
    t('setup-aliases', `Setup snap "${name}" aliases`),
    t('start-snap-services', `Start snap "${name}" (${rev}) services`),
  ];
}

export function disableTasks(name: string, rev: string): TaskPlan[] {
  return [
    t('stop-snap-services', `Stop snap "${name}" services`),
    t('remove-aliases', `Remove aliases for snap "${name}"`),
    t('unlink-snap', `Make snap "${name}" unavailable to the system`),
    t('remove-profiles', `Remove security profile for snap "${name}" (${rev})`),
  ];
}

export function switchTasks(name: string, from: string, to: string): TaskPlan[] {
  return [t('switch-snap-channel', `Switch snap "${name}" from channel "${from}" to "${to}"`)];
}
