// ESLint flat config. The layering of docs/design.md is enforced here:
// a folder that imports what it must not fails the lint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const ours = (folder) => ({
  group: [`**/${folder}`, `**/${folder}/**`],
  message: `layering: ${folder} may not be imported from here (design.md).`,
});
const noNode = { paths: nodeBuiltins.map((name) => ({ name, message: 'layering: no Node API in this folder (design.md).' })) };
const noElectron = { name: 'electron', message: "layering: only src-main/electron/ imports 'electron' (design.md)." };
const noUpdater = {
  name: 'electron-updater',
  message: "layering: only src-main/electron/ imports 'electron-updater' (it loads Electron).",
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode.paths, noElectron, { name: 'react', message: 'layering: src-shared is UI-free.' }],
          patterns: [ours('src-main'), ours('src-renderer'), ours('src-server'), ours('harness')],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'process',
        'Buffer',
        'require',
        '__dirname',
        'localStorage',
        'fetch',
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron, noUpdater], patterns: [ours('src-renderer'), ours('src-server'), ours('harness')] },
      ],
    },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [ours('src-renderer'), ours('src-server'), ours('harness')] }],
    },
  },
  {
    // Main's one logger (src-main/log/logger.ts) goes to main.log; a kiosk shows no console.
    files: ['src-main/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode.paths, noElectron],
          patterns: [ours('src-main'), ours('src-server'), ours('harness')],
        },
      ],
    },
  },
  {
    files: ['src-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [ours('src-main'), ours('src-renderer'), ours('harness')] },
      ],
    },
  },
  {
    // harness/: what tests and scripts share to drive and check the real thing (a store and its
    // world, the browser terminals, the sync's children and fault proxy, fixtures, an archive's sound).
    // Never part of the product: src-* may not import it (above); it imports no test.
    files: ['harness/**/*.ts'],
    ignores: ['harness/browser/page/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [ours('tests'), ours('src-renderer')] }],
    },
  },
  {
    // Bundled into the Chromium page (page-bundle.ts), where the renderer runs: the one place in harness/ that may import it.
    files: ['harness/browser/page/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [ours('tests')] }],
    },
  },
  {
    // scripts/ (the demo, the benches, the simulators) build on harness/, never on tests/.
    files: ['scripts/**/*.{ts,mjs,js}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [ours('tests')] }],
    },
  },
);
