// The agent's inventory: collect it, fingerprint it, republish it when it changes.
export { collectInventory, type CollectOptions } from './collect-inventory.js';
export { inventoryHash, stableJson } from './inventory-hash.js';
export { InventoryWatcher, type InventoryWatcherOptions, type PublishReason } from './inventory-watcher.js';
export { describeSnapdFailure, type SnapdInventorySource } from './snapd-source.js';
export { nodeHostFacts, type HostFacts } from './host-facts.js';
