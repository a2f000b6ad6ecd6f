// Builds dist/ with esbuild: the CLI and everything it imports, in a few files.
// Loading Ink, React and their hundreds of modules one file at a time took ~350 ms of
// the TUI's start; from one bundle it takes ~100 ms. The headless commands load
// their own small chunks (splitting), so `nstui snapshot` never loads Ink.
// Type checking is tsc's job (npm run build runs it first).
import {chmodSync, rmSync} from 'node:fs';
import {build} from 'esbuild';

rmSync('dist', {recursive: true, force: true});
await build({
	entryPoints: ['source/cli.tsx'],
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	// React's production build: the development one checks and records far more on every render.
	define: {'process.env.NODE_ENV': '"production"'},
	// Ink loads its devtools only when DEV=true; that package is not installed.
	external: ['react-devtools-core'],
	// Some dependencies are CommonJS and require() node's built-in modules.
	banner: {js: "import {createRequire as nstuiCreateRequire} from 'node:module'; const require = nstuiCreateRequire(import.meta.url);"},
	logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
