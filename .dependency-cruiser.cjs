// The layer check from DESIGN.md "Layers": `npm run lint:layers`
// (= depcruise core renderer electron agent bench e2e --config .dependency-cruiser.cjs).
//
// Paths are relative to the repo root; npm packages resolve to node_modules/<name>/...; Node's
// built-in modules have dependency type 'core' and are named e.g. 'fs' or 'node:fs'.
// Type-only imports count too (tsPreCompilationDeps): a layer must not even know another's types.
//
// Test files (*.test.ts) are not product code: they may read fixtures with node:fs, start a real
// MQTT peer, or use agent/ simulators as foreign peers. Rules about what product code may import
// therefore exempt them, except those that keep core free of electron/ and renderer/.

const TEST = '\\.test\\.tsx?$';
const DOMAIN = '^core/(devices|telemetry|operations|ota|auth)/';
const npm = (...names) => `(^|/)node_modules/(${names.join('|')})/`;
const builtin = (...names) => `^(node:)?(${names.join('|')})$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // --- core/ is plain Node: no desktop shell, no UI, no device-side code --------------------
    {
      name: 'core-not-to-electron-or-renderer',
      severity: 'error',
      comment: 'core/ runs headless too: it must not import electron (npm), electron/ or renderer/.',
      from: { path: '^core/' },
      to: { path: [npm('electron'), '^electron/', '^renderer/'] },
    },
    {
      name: 'core-not-to-agent-bench-e2e',
      severity: 'error',
      comment: 'core/ must not import agent/, bench/ or e2e/ (tests may use agent/ simulators as peers).',
      from: { path: '^core/', pathNot: TEST },
      to: { path: '^(agent|bench|e2e)/' },
    },

    // --- domain folders know no wire protocol ----------------------------------------------------
    {
      name: 'domain-not-to-protocols',
      severity: 'error',
      comment:
        'Domain folders (devices, telemetry, operations, ota, auth) know no wire protocol: protocol ' +
        'adapters (mqtt, lwm2m, coap, dtls, api) call them, not the other way round.',
      from: { path: DOMAIN, pathNot: TEST },
      to: {
        path: [
          '^core/(mqtt|lwm2m|coap|dtls|api)/',
          npm('aedes', 'aedes-[^/]+', 'coap', 'mqtt', 'mqtt-packet', 'hono', '@hono/[^/]+'),
        ],
      },
    },

    // --- codecs are pure: bytes in, values out ------------------------------------------------
    {
      name: 'codecs-pure',
      severity: 'error',
      comment: 'Codecs are pure functions: no sockets, no files, no database.',
      from: { path: '^core/codecs/', pathNot: TEST },
      to: { path: [builtin('net', 'dgram', 'http', 'https', 'http2', 'tls', 'fs', 'fs/promises', 'child_process'), npm('better-sqlite3', 'drizzle-orm')] },
    },
    {
      name: 'codecs-not-to-rest-of-core',
      severity: 'error',
      comment: 'Codecs may use only other codecs and the contract, nothing else from core/.',
      from: { path: '^core/codecs/', pathNot: TEST },
      to: { path: '^core/', pathNot: '^core/(codecs|contract)/' },
    },

    // --- LwM2M object models: pure data and parsing, shared with codecs (and later the UI) ------
    {
      name: 'lwm2m-models-no-node-builtins',
      severity: 'error',
      comment:
        'core/lwm2m/models/ (model types, built-in table, DDF text parser, registry) is pure so codecs ' +
        'and, through core/contract, the renderer can use it: no Node built-ins. Reading DDF folders ' +
        'from disk lives beside it in core/lwm2m/.',
      from: { path: '^core/lwm2m/models/', pathNot: TEST },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'lwm2m-models-only-data',
      severity: 'error',
      comment:
        'core/lwm2m/models/ may import only itself, core/contract/, the pure LwM2M codecs (the value ' +
        'types they share), fast-xml-parser and zod: no database, no sockets, nothing else from core/.',
      from: { path: '^core/lwm2m/models/', pathNot: TEST },
      to: {
        dependencyTypesNot: ['core'],
        pathNot: ['^core/lwm2m/models/', '^core/contract/', '^core/codecs/lwm2m/', npm('fast-xml-parser', 'zod')],
      },
    },

    // --- the API contract: types and zod schemas, shared with the browser ----------------------
    {
      name: 'contract-no-node-builtins',
      severity: 'error',
      comment: 'core/contract/ is loaded by the browser: no Node built-in modules.',
      from: { path: '^core/contract/', pathNot: TEST },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'contract-only-zod',
      severity: 'error',
      comment: 'core/contract/ may import only zod and other contract files.',
      from: { path: '^core/contract/', pathNot: TEST },
      to: { dependencyTypesNot: ['core'], pathNot: ['^core/contract/', npm('zod')] },
    },

    // --- who may use core/ at all --------------------------------------------------------------
    {
      name: 'renderer-only-contract',
      severity: 'error',
      comment: 'renderer/ talks to core only over HTTP: it may import core/contract/ and nothing else from core/.',
      from: { path: '^renderer/' },
      to: { path: '^core/', pathNot: '^core/contract/' },
    },
    {
      name: 'renderer-not-to-electron',
      severity: 'error',
      comment:
        'renderer/ runs in any browser: no electron (npm) and no electron/ code. Type-only imports ' +
        'of the preload API (electron/desktop-api.ts) are fine.',
      from: { path: '^renderer/' },
      to: { path: [npm('electron'), '^electron/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'agent-only-protocol-definitions',
      severity: 'error',
      comment:
        'agent/ runs on devices: from core/ it may import only core/contract/ and core/codecs/. ' +
        'Its tests may start a real Outpost (core/app.ts, core/testing/) as the server they talk to.',
      from: { path: '^agent/', pathNot: TEST },
      to: { path: '^core/', pathNot: '^core/(contract|codecs)/' },
    },
    {
      name: 'agent-not-to-shell-or-ui',
      severity: 'error',
      comment: 'agent/ must not import electron/, renderer/ or the electron package.',
      from: { path: '^agent/' },
      to: { path: ['^electron/', '^renderer/', npm('electron')] },
    },
    {
      name: 'agent-product-not-to-test-helpers',
      severity: 'error',
      comment:
        'agent/testing/ reads ../shared fixtures for tests; product code (simulators, fake snapd) builds ' +
        'its own data and must run without ../shared.',
      from: { path: '^agent/', pathNot: [TEST, '^agent/testing/'] },
      to: { path: '^agent/testing/' },
    },
    {
      name: 'electron-only-core-entry',
      severity: 'error',
      comment: "electron/ may import only core's public entry, core/app.ts.",
      from: { path: '^electron/' },
      to: { path: '^core/', pathNot: '^core/app\\.ts$' },
    },

    // --- hygiene ---------------------------------------------------------------------------------
    {
      name: 'core-no-circular',
      severity: 'error',
      comment: 'No import cycles inside core/ (type-only cycles included).',
      from: { path: '^core/' },
      to: { path: '^core/', circular: true },
    },
    {
      name: 'core-no-dev-dependencies',
      severity: 'error',
      comment:
        'Packaged apps ship only "dependencies": core/ product code must not import a package that ' +
        'is only in devDependencies (type-only imports are fine).',
      from: { path: '^core/', pathNot: TEST },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that cannot be resolved is invisible to every rule above (and will fail at run ' +
        'time): fix the path or add the package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],

  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|release|test-results|playwright-report)/' },
    moduleSystems: ['es6', 'cjs'],
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
