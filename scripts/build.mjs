// Builds dist/ with esbuild: the CLI and everything it imports, in a few files.
// Loading Ink, React and their hundreds of modules one file at a time took ~350 ms of
// the TUI's start; from one bundle it takes ~100 ms. The headless commands load
// their own small chunks (splitting), so `nstui snapshot` never loads Ink.
// Type checking is tsc's job (npm run build runs it first).
import {chmodSync, rmSync} from 'node:fs';
import {build} from 'esbuild';
import {cliBuildOptions} from './esbuild-options.mjs';

rmSync('dist', {recursive: true, force: true});
await build({
	...cliBuildOptions({standalone: false}),
	outdir: 'dist',
	splitting: true,
	target: 'node20',
	// Ink loads its devtools only when DEV=true; that package is not installed.
	external: ['react-devtools-core'],
});
chmodSync('dist/cli.js', 0o755);
