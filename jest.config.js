// Two projects: `unit` (synth-level, milliseconds each) and `terraform` (runs the real Terraform CLI and the
// S3/DynamoDB emulators). swc strips types without type-checking; `npm run typecheck` is the type gate.
// The swc options are the ones the app runs with (scripts/run.js), so tests and synth run the same JavaScript.
const { SWC_OPTIONS } = require('./scripts/lib/ts-cache');

// (A deep copy: @swc/jest writes into the options it is given.)
const transform = { '^.+\\.ts$': ['@swc/jest', { ...structuredClone(SWC_OPTIONS), sourceMaps: 'inline' }] };
const common = { rootDir: __dirname, testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };

/** @type {import('jest').Config} */
module.exports = {
  // jest's default is one worker per core minus one: a single worker on a 2-core machine. Synth-heavy unit files and
  // Terraform runs both gain from one per core (measured: unit 22.7 s → 17.1 s on 2 cores).
  maxWorkers: '100%',
  transform,
  reporters: ['default', '<rootDir>/__tests__/helpers/summary-reporter.js'],
  // The shipped app is synthesized once per run; test files read its stacks from disk (helpers/synthesized-app.ts).
  globalSetup: '<rootDir>/__tests__/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/helpers/global-teardown.ts',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.tf\\.test\\.ts$'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/setup.ts'],
    },
    {
      ...common,
      displayName: 'terraform',
      testMatch: ['<rootDir>/__tests__/**/*.tf.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/setup.ts'],
    },
  ],
};
