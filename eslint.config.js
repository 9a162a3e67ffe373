// Lint: typescript-eslint for all TypeScript; resolvers/ must also obey APPSYNC_JS, checked by AWS's own
// @aws-appsync/eslint-plugin (its type-aware `recommended` set catches recursion and disallowed methods).
import tseslint from 'typescript-eslint';
import appsync from '@aws-appsync/eslint-plugin';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'cdk.out/**',
      'dist/**',
      '**/dist/**',
      '.local/**',
      'infra/generated/**',
      'web/src/api/generated/**',
      'test/unit/runtime/fixtures/**',
      'test/fixtures/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['resolvers/**/*.ts'],
    ...appsync.configs.recommended,
    languageOptions: {
      ...(appsync.configs.recommended.languageOptions ?? {}),
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
);
