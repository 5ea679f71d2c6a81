// @ts-check
// CommonJS so that the lint-rule tests can load it in jest (which has no dynamic import()).
const eslint = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'cdktf.out/', '.gen/', '.sandbox/', 'coverage/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Provider packages load every resource class from their root (2,135 modules for aws: seconds and ~500 MB).
      // Import each class by its deep path instead: `@cdktf/provider-aws/lib/vpc`.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@cdktf/provider-[^/]+$',
              message:
                'Import provider classes by deep path, e.g. @cdktf/provider-aws/lib/vpc (the root loads every resource).',
            },
            {
              regex: '^@cdktf/provider-[^/]+/lib$',
              message: 'Import provider classes by deep path, e.g. @cdktf/provider-aws/lib/vpc.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Constructs are created for their side effect on the tree (`new Route(this, ...)`).
      'no-new': 'off',
    },
  },
  {
    // Modules are blueprint-agnostic: they never reach into project code.
    files: ['modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/**', '**/backend/**'], message: 'modules/ must not import from src/ or backend/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: {
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
