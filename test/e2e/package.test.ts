// The standalone executable (npm run package), built for this machine's
// architecture, run where no Node can be reached: PATH holds only the system's
// directories, and inside a private mount namespace (unshare -m) every node
// binary and libnode of this machine has /dev/null bind-mounted over it. The
// host's mounts are never touched; the namespace ends with the command.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {
	existsSync,
	mkdtempSync,
	readFileSync,
	realpathSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {needsRoot} from '../helpers/root.js';
import {hasTmux, projectRoot, TmuxSession} from '../helpers/tmux.js';
import {Lab} from '../helpers/lab.js';

const systemPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const hasUnshare = spawnSync('unshare', ['--version']).status === 0;
const skip =
	needsRoot ||
	(!hasTmux ? 'needs tmux, which is not installed' : false) ||
	(!hasUnshare ? 'needs unshare (util-linux), which is not installed' : false) ||
	(process.arch === 'x64' || process.arch === 'arm64'
		? false
		: `npm run package builds on x64 or arm64, not ${process.arch}`);

const work = mkdtempSync(path.join(tmpdir(), 'nstui-package-'));
const artifact = path.join(work, `nstui-linux-${process.arch}`);
const withoutNode = path.join(work, 'without-node.sh');
const namespaces = new Lab('pkg');
const session = new TmuxSession(`nstui-package-${process.pid}`);
const {version} = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
	version: string;
};

/** Every node this machine could run (on the system PATH, on ours, the one running this test) and the libnode each loads. */
function nodeFiles(): string[] {
	const found = new Set<string>();
	const directories = new Set([
		...systemPath.split(':'),
		...(process.env.PATH ?? '').split(':'),
		path.dirname(process.execPath),
	]);
	for (const directory of directories) {
		const candidate = path.join(directory, 'node');
		if (directory && existsSync(candidate)) found.add(realpathSync(candidate));
	}
	for (const node of [...found]) {
		const libraries = spawnSync('ldd', [node], {encoding: 'utf8'}).stdout ?? '';
		for (const match of libraries.matchAll(/=>\s*(\S*libnode\S*)/g))
			found.add(realpathSync(match[1]!));
	}
	return [...found];
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * A script that, run by `unshare -m --propagation private sh`, hides every node
 * in that mount namespace only, checks none is left, and execs its arguments.
 */
function writeWithoutNode() {
	const hidden = nodeFiles();
	assert.ok(hidden.length > 0, 'the node running this test was found, to be hidden');
	writeFileSync(
		withoutNode,
		[
			'set -e',
			...hidden.map(file => `mount --bind /dev/null ${quote(file)}`),
			`export PATH=${quote(systemPath)}`,
			'if command -v node >/dev/null 2>&1; then echo "node is still reachable: $(command -v node)" >&2; exit 97; fi',
			...hidden.map(
				file =>
					`if ${quote(file)} --version >/dev/null 2>&1; then echo "${file} still runs" >&2; exit 98; fi`,
			),
			'exec "$@"',
		].join('\n') + '\n',
	);
}

const runWithoutNode = (args: string[]) =>
	execFileSync(
		'unshare',
		['-m', '--propagation', 'private', 'sh', withoutNode, artifact, ...args],
		{encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 2 ** 20},
	);

describe('the standalone executable without Node', {skip}, () => {
	before(
		() => {
			// Only this machine's architecture and no gzip: what the test runs, as cheaply as it builds.
			execFileSync(
				process.execPath,
				['scripts/package.mjs', '--arch', process.arch, '--out', work, '--no-gzip'],
				{cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit']},
			);
			writeWithoutNode();
		},
		{timeout: 300_000},
	);
	after(async () => {
		session.kill();
		await namespaces.teardown();
		rmSync(work, {recursive: true, force: true});
	});

	test('no node is reachable where it runs (the test can fail)', () => {
		const result = spawnSync(
			'unshare',
			['-m', '--propagation', 'private', 'sh', withoutNode, 'sh', '-c', 'node --version'],
			{encoding: 'utf8'},
		);
		assert.notEqual(result.status, 0);
		const hiddenNode = nodeFiles()[0]!;
		const direct = spawnSync(
			'unshare',
			['-m', '--propagation', 'private', 'sh', withoutNode, hiddenNode, '--version'],
			{encoding: 'utf8'},
		);
		assert.notEqual(direct.status, 0, `${hiddenNode} must not run there`);
		// ...and outside that mount namespace nothing changed.
		assert.equal(
			execFileSync(process.execPath, ['--version'], {encoding: 'utf8'}).trim(),
			process.version,
		);
	});

	test('--version names the version and the Node inside it', () => {
		const line = runWithoutNode(['--version']).trim();
		assert.match(
			line,
			new RegExp(
				`^nstui ${version.replaceAll('.', '\\.')} \\(standalone, node v\\d+\\.\\d+\\.\\d+ linux-${process.arch}\\)$`,
			),
		);
		assert.ok(statSync(artifact).size > 50e6, 'the runtime is inside the file');
	});

	test('snapshot --json sees the test namespaces and the veth between them', async () => {
		const a = namespaces.ns();
		const b = namespaces.ns();
		const [vethA, vethB] = [`pk${process.pid}a`, `pk${process.pid}b`];
		execFileSync('ip', [
			'link',
			'add',
			vethA,
			'netns',
			a,
			'type',
			'veth',
			'peer',
			'name',
			vethB,
			'netns',
			b,
		]);

		type Ns = {
			inode: number;
			name: string | null;
			interfaces: Array<{name: string; peer?: {namespace: number; name: string}}>;
		};
		const snapshot = JSON.parse(runWithoutNode(['snapshot', '--json'])) as {
			version: number;
			namespaces: Ns[];
		};
		assert.equal(snapshot.version, 1);
		const byName = (name: string) => snapshot.namespaces.find(ns => ns.name === name);
		const [nsA, nsB] = [byName(a), byName(b)];
		assert.ok(nsA && nsB, `both ${a} and ${b} are in the snapshot`);
		assert.equal(nsA.inode, statSync(`/run/netns/${a}`).ino);
		const end = nsA.interfaces.find(link => link.name === vethA);
		assert.deepEqual(end?.peer && {namespace: end.peer.namespace, name: end.peer.name}, {
			namespace: nsB.inode,
			name: vethB,
		});
	});

	test('the TUI starts in tmux, shows the test namespaces, and q quits cleanly', async () => {
		const name = namespaces.ns();
		session.start();
		session.typeLine('echo package-shell-ready');
		await session.waitFor('the shell', text => /^package-shell-ready$/m.test(text));
		session.typeLine(
			[
				'unshare',
				'-m',
				'--propagation',
				'private',
				'sh',
				quote(withoutNode),
				quote(artifact),
				'--interval',
				'1',
			].join(' '),
		);
		await session.waitFor(
			'the UI',
			text => /1 Namespaces/.test(text) && / namespaces /.test(text),
			20_000,
		);
		assert.ok(session.alternateScreenOn(), 'it runs in the alternate screen');
		// Keys sent before ink puts the tty in raw mode are cooked: wait for it.
		await delay(300);
		session.press('/');
		session.type(name);
		session.press('Enter');
		await session.waitFor(`${name} listed`, text => text.includes(`›${name}`));
		session.press('q');
		await session.waitFor('the shell after nstui', text => !/1 Namespaces/.test(text));
		assert.equal(session.alternateScreenOn(), false);
		assert.equal(await session.lastExitCode('PACKAGE-EXIT'), 0);
	});
});
