// `npm pack` and a global install into a temporary prefix give a working nstui
// on PATH, with only the runtime dependencies.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'nstui-install-'));
after(() => rmSync(work, {recursive: true, force: true}));

const skip = existsSync(path.join(projectRoot, 'dist/cli.js'))
	? false
	: 'needs a build first (npm run build; npm test does it)';

test(
	'npm pack, npm install -g, then nstui --version and snapshot --json from the install',
	{skip, timeout: 300_000},
	() => {
		const npm = (...args: string[]) =>
			execFileSync('npm', args, {cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
		const packed = JSON.parse(
			npm('pack', '--json', '--pack-destination', work, projectRoot),
		) as Array<{filename: string; files: Array<{path: string}>}>;
		const tarball = path.join(work, packed[0]!.filename);
		assert.ok(
			packed[0]!.files.every(
				file => !file.path.startsWith('source/') && !file.path.startsWith('test/'),
			),
			'only the build is packed',
		);

		const prefix = path.join(work, 'prefix');
		npm('install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball);
		const nstui = path.join(prefix, 'bin', 'nstui');
		const version = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'))
			.version as string;
		// The installed nstui runs on the node that runs this test (the first on PATH).
		assert.equal(
			execFileSync(nstui, ['--version'], {encoding: 'utf8'}).trim(),
			`nstui ${version} (node ${process.version} ${process.platform}-${process.arch})`,
		);

		const installed = path.join(prefix, 'lib', 'node_modules', 'nstui', 'node_modules');
		for (const devOnly of ['typescript', 'tsx', 'ink-testing-library', 'fast-check']) {
			assert.equal(existsSync(path.join(installed, devOnly)), false, `${devOnly} is not installed`);
		}
		assert.ok(existsSync(path.join(installed, 'ink')), 'runtime dependencies are installed');

		// A host with many namespaces prints more than execFileSync's default 1 MB.
		const snapshot = JSON.parse(
			execFileSync(nstui, ['snapshot', '--json'], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
				maxBuffer: 256 * 2 ** 20,
			}),
		);
		assert.equal(snapshot.version, 1);
		assert.ok(snapshot.namespaces.some((ns: {root: boolean}) => ns.root));
	},
);
