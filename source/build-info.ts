// nstui's name, version and description, and whether this is the standalone
// executable. The build puts them in (scripts/esbuild-options.mjs): a single
// executable has no package.json to read. The sources run directly (tests,
// through tsx) read package.json instead.
import {readFileSync} from 'node:fs';

type PackageInfo = {name: string; version: string; description: string};
declare const NSTUI_PACKAGE: PackageInfo | undefined;
declare const NSTUI_STANDALONE: boolean | undefined;

export const packageInfo: PackageInfo =
	typeof NSTUI_PACKAGE === 'undefined'
		? (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as PackageInfo)
		: NSTUI_PACKAGE;

export const standalone = typeof NSTUI_STANDALONE === 'undefined' ? false : NSTUI_STANDALONE;
