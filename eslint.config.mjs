// Typed lint. Beyond the recommended sets, these rules keep the process boundaries visible in the tree:
// the renderer imports no Electron, Node or main code (types from the contract only), only main/ipc touches
// ipcMain, only preload touches ipcRenderer, and only the safe helper may call shell.openExternal.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const insecureWebPreferences = [
  { selector: "Property[key.name='sandbox'][value.value=false]", message: 'Never turn the renderer sandbox off.' },
  { selector: "Property[key.name='contextIsolation'][value.value=false]", message: 'Context isolation must stay on.' },
  { selector: "Property[key.name='nodeIntegration'][value.value=true]", message: 'No Node integration in renderers.' },
  { selector: "Property[key.name='webSecurity'][value.value=false]", message: 'webSecurity must stay on.' },
  { selector: "Property[key.name='allowRunningInsecureContent'][value.value=true]", message: 'No insecure content.' },
];
const openExternal = {
  selector: "MemberExpression[property.name='openExternal']",
  message: 'Use openExternalSafe() from main/electron/external-links.ts.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.cjs', 'scripts/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...insecureWebPreferences, openExternal],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain'], message: 'Only main/ipc/electron-ipc.ts may use ipcMain.' },
            { name: 'electron', importNames: ['ipcRenderer'], message: 'Only preload/ may use ipcRenderer.' },
          ],
        },
      ],
    },
  },
  { files: ['eslint.config.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['main/ipc/electron-ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcRenderer'], message: 'Only preload/ may use ipcRenderer.' }] },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Only main/ipc/electron-ipc.ts may use ipcMain.' }] },
      ],
    },
  },
  {
    files: ['main/electron/external-links.ts'],
    rules: { 'no-restricted-syntax': ['error', ...insecureWebPreferences] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer never imports Electron; use window.mfa.' }],
          patterns: [
            { regex: '^node:', message: 'The renderer never imports Node built-ins.' },
            { regex: '^(fs|path|os|child_process|crypto|http|https|net)$', message: 'The renderer never imports Node built-ins.' },
            { regex: '(^|/)main/', message: 'The renderer never imports main-process code.' },
            // Provider contracts are plain data and zod schemas: the renderer validates its forms with them.
            {
              regex: '(^|/)contract/(?!providers/)',
              allowTypeImports: true,
              message: 'The renderer imports only types from the contract (values only from contract/providers/).',
            },
            { regex: '(^|/)simulators/', message: 'Simulators are imported by the sandbox, tests and benchmarks only.' },
          ],
        },
      ],
    },
  },
  {
    // The contract is shared by every process: zod and itself, nothing else.
    files: ['contract/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod$|\\./)', message: 'contract/ imports only zod and itself.' }] },
      ],
    },
  },
  {
    files: ['contract/providers/*.ts', 'contract/policy/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod$|\\./|\\.\\./[\\w-]+\\.js$)', message: 'contract/ imports only zod and itself.' }] },
      ],
    },
  },
  {
    // Services and providers run in plain Node (browser shell, tests, CLI): no Electron, no transport code.
    files: ['main/services/**/*.ts', 'main/providers/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'main/services and main/providers never import Electron.' }],
          patterns: [
            { regex: '(^|/)(ipc|electron)/', message: 'main/services and main/providers never import main/ipc or main/electron.' },
            { regex: '(^|/)simulators/', message: 'Simulators are imported by the sandbox, tests and benchmarks only.' },
            { regex: '(^|/)sandbox/', allowTypeImports: true, message: 'Only types of the sandbox may be used here.' },
          ],
        },
      ],
    },
  },
  {
    // Production code outside the sandbox never reaches a simulator.
    files: ['main/*.ts', 'main/electron/**/*.ts', 'main/ipc/**/*.ts', 'shell/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)simulators/(?!types\\.js$)', message: 'Simulators are imported by the sandbox, tests and benchmarks only.' }] },
      ],
    },
  },
  {
    // The preload is one bundled file of intent methods over the contract.
    files: ['preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!electron$)(?!(\\.\\./)+contract/)', message: 'preload/ imports only the contract (and electron).' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    // Test data may hold `sandbox: false` (a profile that is not the sandbox); the web-preference rule is for app code.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-restricted-syntax': ['error', openExternal] },
  },
);
