// The bench's namespaces (each with a veth pair and an address) and processes,
// removed again in down() whatever happened.
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {readFileSync} from 'node:fs';

export class BenchLab {
	names: string[] = [];
	/** One shell per namespace (in its own process group) and its sleepers. */
	holders: ChildProcess[] = [];
	constructor(readonly prefix: string) {}

	private ipBatch(args: string[], lines: string[]) {
		execFileSync('ip', [...args, '-b', '-'], {
			input: `${lines.join('\n')}\n`,
			stdio: ['pipe', 'ignore', 'inherit'],
		});
	}

	async up(namespaces: number, processes: number) {
		this.names = Array.from({length: namespaces}, (_, i) => `${this.prefix}-${i}`);
		this.ipBatch(
			[],
			this.names.map(name => `netns add ${name}`),
		);
		this.names.forEach((name, i) => {
			this.ipBatch(
				['-n', name],
				[
					'link set lo up',
					'link add v0 type veth peer name v1',
					`addr add 10.${(i >> 8) & 255}.${i & 255}.1/24 dev v0`,
					'link set v0 up',
					'link set v1 up',
				],
			);
		});
		// One small shell per namespace forks its share of sleepers: spawning
		// 10,000 processes one by one from node would take longer than the bench.
		const perNamespace = Math.ceil(processes / namespaces);
		let left = processes;
		for (const name of this.names) {
			const count = Math.min(perNamespace, left);
			left -= count;
			if (count <= 0) break;
			const script = `i=0; while [ $i -lt ${count} ]; do sleep 3600 & i=$((i+1)); done; wait`;
			this.holders.push(
				spawn('nsenter', [`--net=/run/netns/${name}`, 'sh', '-c', script], {
					stdio: 'ignore',
					detached: true,
				}),
			);
		}
		await this.settle(processes);
	}

	/** Waits until the sleepers exist, so the first timing does not race their creation. */
	private async settle(processes: number) {
		const sleepers = () =>
			this.holders.reduce((sum, holder) => {
				try {
					return (
						sum +
						readFileSync(`/proc/${holder.pid}/task/${holder.pid}/children`, 'utf8')
							.trim()
							.split(/\s+/)
							.filter(Boolean).length
					);
				} catch {
					return sum;
				}
			}, 0);
		for (let i = 0; i < 600; i++) {
			if (sleepers() >= processes) return;
			await new Promise(resolve => setTimeout(resolve, 100));
		}
	}

	async down() {
		for (const holder of this.holders) {
			try {
				process.kill(-holder.pid!, 'SIGKILL');
			} catch {}
		}
		await Promise.all(
			this.holders
				.filter(h => h.exitCode === null && h.signalCode === null)
				.map(h => once(h, 'exit')),
		);
		this.holders = [];
		try {
			this.ipBatch(
				['-force'],
				this.names.map(name => `netns del ${name}`),
			);
		} catch {}
	}
}
