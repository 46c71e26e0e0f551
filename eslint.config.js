import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'src/db/catalog-sql.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        TextEncoder: 'readonly',
      },
      // Type-aware: the rules below read the types of the same program `npm run typecheck` checks.
      parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // A switch over a union must name every member: a new member (a new change kind, a new
      // hazard) is then an error at each switch that forgets it, default clause or not.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, allowDefaultCaseForExhaustiveSwitch: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // An object in a template literal prints "[object Object]": a change's reference is named
      // through objectName, never interpolated.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true, allowAny: true, allowRegExp: false, allowNever: false },
      ],
    },
  },
  {
    // Plain JavaScript (this file, scripts/*.mjs) is outside the TypeScript program.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The core is pure: data in, data out. No I/O, no database driver, no runner toolkit.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'pg',
                'pg-*',
                '@actions/*',
                'node:*',
                'fs',
                'path',
                'child_process',
                'process',
                'os',
                'net',
                '../db/*',
                '../cli/*',
                '../action/*',
                '../github/*',
              ],
              message: 'src/core is pure: no I/O imports.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core is pure: take values as arguments.' },
        { name: 'Buffer', message: 'use TextEncoder in src/core.' },
      ],
    },
  },
);
