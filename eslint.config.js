// The lint half of the style gate (Prettier is the format half). Only rules
// that catch bugs are on; layout is Prettier's. Type-aware, so a promise that
// is dropped or a switch that misses a case is found with the real checker.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/', 'release/', '.bench/', 'node_modules/']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx}'],
		languageOptions: {
			parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname},
		},
		rules: {
			'@typescript-eslint/no-floating-promises': [
				'error',
				{
					allowForKnownSafeCalls: [
						{from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite']},
					],
				},
			],
			'@typescript-eslint/no-misused-promises': ['error', {checksVoidReturn: false}],
			'@typescript-eslint/switch-exhaustiveness-check': [
				'error',
				{considerDefaultExhaustiveForUnions: true},
			],
			'@typescript-eslint/no-unused-vars': [
				'error',
				{argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'},
			],
			'@typescript-eslint/await-thenable': 'error',
			'@typescript-eslint/no-unnecessary-type-assertion': 'error',
			'no-empty': ['error', {allowEmptyCatch: true}],
			// The display rule's sanitizer matches control characters on purpose.
			'no-control-regex': 'off',
			'no-constant-condition': ['error', {checkLoops: false}],
		},
	},
	{
		files: ['**/*.{js,mjs}'],
		languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly'}},
	},
);
