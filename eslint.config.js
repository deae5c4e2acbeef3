import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Libraries an app may use; apps never import each other. */
const LIBRARY_TYPES = [
  'type:contracts',
  'type:messaging',
  'type:observability',
  'type:persistence',
  'type:util',
];

export default tseslint.config(
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '.nx', 'coverage'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: LIBRARY_TYPES },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', '@nestjs/typeorm', 'pg'],
            },
            {
              sourceTag: 'type:observability',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:observability'],
            },
            {
              sourceTag: 'type:persistence',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:persistence'],
            },
            {
              sourceTag: 'type:messaging',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:observability',
                'type:persistence',
                'type:messaging',
              ],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: LIBRARY_TYPES },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: [...LIBRARY_TYPES, 'type:e2e'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:channel',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:channel'],
            },
            {
              sourceTag: 'scope:orders',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:orders'],
            },
            { sourceTag: 'scope:tax', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tax'] },
            { sourceTag: 'scope:erp', onlyDependOnLibsWithTags: ['scope:shared', 'scope:erp'] },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Config classes annotate defaults (`PORT: number = 3000`) so that decorator metadata
      // carries the type that class-transformer converts environment strings to.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
