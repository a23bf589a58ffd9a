// The object models in use: the built-ins plus Settings' DDF folder (lwm2mModelsFolder), loaded at
// start and again when the setting changes; the folder's problems are shown in Settings.
import type { Logger } from '../log.js';
import { loadModels } from './load-models.js';
import { createModelRegistry, type ModelRegistry } from './models/registry.js';

export interface ModelsSetting {
  current(): ModelRegistry;
  /** one line per file that did not load or model not used, naming the file */
  problems(): string[];
  /** Loads the folder ('' = built-ins only) unless it is the one loaded already. */
  use(folder: string): Promise<void>;
}

export function createModelsSetting(log: Logger): ModelsSetting {
  let registry = createModelRegistry().registry;
  let problems: string[] = [];
  let loaded: string | undefined;
  return {
    current: () => registry,
    problems: () => problems,
    async use(folder) {
      if (folder === loaded) return;
      loaded = folder;
      try {
        const models = await loadModels(folder || undefined);
        registry = models.registry;
        problems = models.problems;
        if (folder) log.info(`lwm2m: ${models.userModels} object model(s) from ${folder}${problems.length ? `, ${problems.length} problem(s)` : ''}`);
      } catch (e) {
        // an unreadable folder leaves the built-ins in use and says why
        registry = createModelRegistry().registry;
        problems = [`${folder}: ${(e as Error).message}`];
      }
      for (const p of problems.slice(0, 20)) log.warn(`lwm2m models: ${p}`);
    },
  };
}
