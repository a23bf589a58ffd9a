// Public entry of the LwM2M object models (pure: safe for codecs and, via core/contract, the UI).
export * from './types.js';
export { BUILTIN_MODELS } from './builtin/index.js';
export { parseDdf, MAX_DDF_BYTES, type DdfResult } from './ddf-parse.js';
export { parsePath, type PathLike } from './path.js';
export { createModelRegistry, type ModelRegistry, type ObjectVersions, type RegistryBuild, type TypeOf } from './registry.js';
