// What execa costs next to node's own spawn for the programs nstui runs often
// (`ip` in a namespace, the nsid prover): node's CPU time and wall time per
// call, and the time to load execa. Run: node --import tsx bench/execa-cost.ts
import {spawn} from 'node:child_process';
import {performance} from 'node:perf_hooks';

const calls = Number(process.env['CALLS'] ?? 300);
const file = 'ip';
const args = ['-V'];

function viaSpawn(): Promise<string> {
	return new Promise(resolve => {
		const child = spawn(file, args, {
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
			env: {...process.env, LC_ALL: 'C'},
		});
		const out: Buffer[] = [];
		child.stdout.on('data', chunk => out.push(chunk));
		child.stderr.resume();
		const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5000);
		child.once('close', () => {
			clearTimeout(timer);
			resolve(Buffer.concat(out).toString());
		});
	});
}

async function measure(name: string, call: () => Promise<unknown>) {
	for (let i = 0; i < 20; i++) await call();
	const cpu = process.cpuUsage();
	const started = performance.now();
	for (let i = 0; i < calls; i++) await call();
	const wall = performance.now() - started;
	const used = process.cpuUsage(cpu);
	console.log(
		`${name}: ${(wall / calls).toFixed(3)} ms wall, ${((used.user + used.system) / 1000 / calls).toFixed(3)} ms of node's CPU per call (${calls} calls)`,
	);
}

const loadStarted = performance.now();
const {execa} = await import('execa');
console.log(`import('execa'): ${(performance.now() - loadStarted).toFixed(1)} ms`);

const viaExeca = () =>
	execa(file, args, {
		reject: false,
		detached: true,
		stdin: 'ignore',
		encoding: 'buffer',
		env: {LC_ALL: 'C'},
		timeout: 5000,
		killSignal: 'SIGKILL',
	});
for (let round = 0; round < 2; round++) {
	await measure('spawn', viaSpawn);
	await measure('execa', viaExeca);
}
