// Dependency rules of the monorepo (docs/ARCHITECTURE.md "Layers"): `npm run deps`, a step of .ci/run.
//
// Layers, lowest first; a library imports only from layers below it (and within its own library):
//   0 domain                              pure TypeScript, imports nothing of ours
//   1 config, auth, observability         low libraries beside the domain
//   2 event-store, warehouse, audit-log   ports and their adapters; the audit log's store
//   3 write side: ingest, catalogue       read side: projections → indicators
//   4 audit (replay, verify), dashboards  use both sides
//   5 runtime                             the composition root: builds the stores and channels
//   6 operations                          the HTTP application, serving, health
//   7 apps                                one entry point per process
// testing and demo-data may import anything below apps; in libs, only tests and benches import them.

/** A path pattern for the production code of these libraries (`libs/<name>/src/...`). */
const src = (...libs) => `^libs/(${libs.join('|')})/src/`;
/** A path pattern for these libraries, their tests included. */
const lib = (...libs) => `^libs/(${libs.join('|')})/`;

const LAYERS = [
  ['domain'],
  ['config', 'auth', 'observability'],
  ['event-store', 'warehouse', 'audit-log'],
  ['ingest', 'catalogue', 'projections', 'indicators'],
  ['audit'],
  ['runtime'],
  ['operations'],
];
const TOOLS = ['testing', 'demo-data'];

/** Library `name` may import only the layers below its own (its own library always). */
function layerRules() {
  return LAYERS.flatMap((layer, i) => {
    const above = LAYERS.slice(i + 1).flat();
    if (above.length === 0) return [];
    return [{
      name: `layer-${i}-points-down`,
      severity: 'error',
      comment: `${layer.join(', ')} (layer ${i}) must not import ${above.join(', ')} (higher layers)`,
      from: { path: src(...layer) },
      to: { path: src(...above) },
    }];
  });
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle between modules works only through the order in which they are loaded.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-libraries',
      severity: 'error',
      comment: 'A cycle between libraries (their src folders, subfolders included), even when no single module closes it.',
      scope: 'folder',
      from: { path: '^(libs/[^/]+/src|apps/[^/]+/src|dashboards/server)$' },
      to: { circular: true },
    },
    {
      name: 'every-library-has-a-layer',
      severity: 'error',
      comment: 'A library missing from LAYERS and TOOLS would escape the layer rules: give it its place here.',
      from: { path: '^libs/[^/]+/', pathNot: lib(...LAYERS.flat(), ...TOOLS) },
      to: {},
    },
    ...layerRules(),
    {
      name: 'sides-stay-apart',
      severity: 'error',
      comment: 'The write side (ingest) and the read side (projections, indicators) meet only above them, in audit and the composition.',
      from: { path: src('ingest') },
      to: { path: src('projections', 'indicators') },
    },
    {
      name: 'sides-stay-apart-read',
      severity: 'error',
      comment: 'The read side (projections, indicators) does not import the write side (ingest).',
      from: { path: src('projections', 'indicators') },
      to: { path: src('ingest') },
    },
    {
      name: 'catalogue-below-both-sides',
      comment: 'The catalogue (its store and API) is read by ingest and by the projector: it imports neither side.',
      severity: 'error',
      from: { path: src('catalogue') },
      to: { path: src('ingest', 'projections', 'indicators') },
    },
    {
      name: 'projections-below-indicators',
      severity: 'error',
      comment: 'Indicators read what the projections write; projections know nothing of indicators.',
      from: { path: src('projections') },
      to: { path: src('indicators') },
    },
    {
      name: 'dashboards-are-features',
      severity: 'error',
      comment: 'The dashboards server module sits at the audit layer: it reads indicators, never the composition.',
      from: { path: '^dashboards/server/' },
      to: { path: src('runtime', 'operations', 'audit', 'ingest', 'testing', 'demo-data') },
    },
    {
      name: 'no-lib-imports-apps',
      severity: 'error',
      comment: 'Apps are the top: a library (its tests included) never imports one.',
      from: { path: '^(libs|dashboards/server)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'tools-only-in-tests',
      severity: 'error',
      comment: 'testing and demo-data serve tests, benches and the demo loader of apps/server, not library code.',
      from: { path: '^(libs/[^/]+/src|dashboards/server)/', pathNot: src(...TOOLS) },
      to: { path: src(...TOOLS) },
    },
    {
      name: 'tools-point-down',
      severity: 'error',
      comment: 'testing and demo-data may import any library, never an app.',
      from: { path: src(...TOOLS) },
      to: { path: '^apps/' },
    },
    {
      name: 'no-app-imports-testing',
      severity: 'error',
      comment: 'A process never ships the test library.',
      from: { path: '^apps/[^/]+/src/' },
      to: { path: src('testing') },
    },
    {
      name: 'no-src-imports-tests',
      severity: 'error',
      comment: 'Production code never imports test code (test folders, spec files).',
      from: { path: '^(libs/[^/]+/src|apps/[^/]+/src|dashboards/server)/' },
      to: { path: '(^|/)test/|\\.spec\\.ts$' },
    },
    {
      name: 'no-orphans',
      severity: 'warn',
      comment: 'A module nothing imports and that is no entry point, test or bench: dead code, or an entry point to name here.',
      from: {
        orphan: true,
        pathNot: [
          '(^|/)\\.[^/]+\\.(js|cjs|mjs|ts|json)$', // dot files (configs)
          '\\.d\\.ts$',
          '\\.spec\\.ts$',
          '^apps/[^/]+/src/main\\.ts$',
          '^bench/',
          '^libs/testing/src/jest/',
          '^dashboards/shared/app\\.js$', // the dashboards' browser entry (page.html)
          '^libs/runtime/src/projector\\.worker\\.ts$', // started as a worker thread by path
        ],
      },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing (a typo, or an alias missing from tsconfig.json).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Folder metrics: the folder-scoped rule (cycles between libraries) is checked on them.
    metrics: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    // `import type` counts: a type-only import up the layers is still a dependency up the layers.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json', '.d.ts'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
