// Three layers, one command (`npm test`):
//   unit      pure code, no servers
//   workflow  workflows on Temporal's time-skipping test server, activities replaced by typed fakes
//   e2e       the real API and worker processes over HTTP, a real Temporal dev server, real PostgreSQL
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 120000,
};

module.exports = {
  testTimeout: 120000,
  // The Temporal SDK's native runtime, loaded by the global setups, can keep jest's own process alive after the
  // servers are stopped; every server the tests start is stopped in a global teardown.
  forceExit: true,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/workflow-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/workflow-global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/e2e-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/e2e-global-teardown.ts',
    },
    {
      // faults: the same stack, with processes killed mid-flight (npm run test:faults; also in npm test)
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.faults.test.ts'],
      globalSetup: '<rootDir>/test/support/e2e-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/e2e-global-teardown.ts',
    },
  ],
};
