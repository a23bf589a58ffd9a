// What the LwM2M server calls at start and when Settings changes the DDF folder: built-ins plus
// the folder's models, and every problem as one line for the log and the Settings page.
import { loadDdfFolder } from './ddf-folder.js';
import { createModelRegistry, type ModelRegistry } from './models/registry.js';

export interface LoadedModels {
  readonly registry: ModelRegistry;
  /** Files that did not load and models that were not used, each naming its file. */
  readonly problems: string[];
  /** Objects (id, version) taken from the folder. */
  readonly userModels: number;
}

/** No folder configured: built-ins only. */
export async function loadModels(folder?: string): Promise<LoadedModels> {
  if (!folder) return { registry: createModelRegistry().registry, problems: [], userModels: 0 };
  const loaded = await loadDdfFolder(folder);
  const { registry, ignored } = createModelRegistry(loaded.models);
  return {
    registry,
    problems: [...loaded.errors.map((e) => e.error), ...ignored],
    userModels: loaded.models.length - ignored.length,
  };
}
