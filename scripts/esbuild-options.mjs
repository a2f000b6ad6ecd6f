// What both builds share: the npm package's dist/ (scripts/build.mjs) and the
// standalone executable's single file (scripts/package.mjs).
import {readFileSync} from 'node:fs';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** esbuild options for source/cli.tsx; `standalone` marks the build that carries its own Node. */
export function cliBuildOptions({standalone}) {
	return {
		entryPoints: ['source/cli.tsx'],
		bundle: true,
		format: 'esm',
		platform: 'node',
		define: {
			// React's production build: the development one checks and records far more on every render.
			'process.env.NODE_ENV': '"production"',
			// The CLI's name, version and description, built in: meow would otherwise look for
			// a package.json next to the running file, which a single executable does not have.
			NSTUI_PACKAGE: JSON.stringify({
				name: packageJson.name,
				version: packageJson.version,
				description: packageJson.description,
			}),
			NSTUI_STANDALONE: String(standalone),
		},
		// Some dependencies are CommonJS and require() node's built-in modules.
		banner: {
			js: "import {createRequire as nstuiCreateRequire} from 'node:module'; const require = nstuiCreateRequire(import.meta.url);",
		},
		logLevel: 'warning',
	};
}
