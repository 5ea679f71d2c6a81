// Two projects: `unit` (synth-level, milliseconds each) and `terraform` (runs the real Terraform CLI and the
// S3/DynamoDB emulators). swc strips types without type-checking; `npm run typecheck` is the type gate.
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: 'inline' },
  ],
};
const common = { rootDir: __dirname, testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };

/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/__tests__/helpers/summary-reporter.js'],
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
