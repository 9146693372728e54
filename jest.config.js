// Test tiers by file suffix: *.unit.spec.ts (pure), *.int.spec.ts (real SQLite / chDB / Kafka),
// *.e2e.spec.ts (the HTTP service, a real browser).
const esmOnly = [
  '@nestjs', 'cookie', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit',
  'load-esm', 'toad-cache', 'set-cookie-parser', 'formidable', '@standard-schema',
];
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = { '^@trm/([a-z-]+)$': '<rootDir>/libs/$1/src', '^@trm/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2' };
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/**/*.int.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/**/*.e2e.spec.ts'] },
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 120000,
  // A Kafka broker the tests had to start is stopped at the end; one that was running stays.
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  // chDB sessions, kafkajs sockets and the broker restarted by a test can outlive a suite by a few
  // seconds; CI must not wait on them (every suite closes what it opened in afterAll).
  forceExit: true,
};
