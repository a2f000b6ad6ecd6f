// A live packet capture inside a namespace (model/capture.ts): the filter
// checked by tcpdump first, then the capturing tcpdump, whose pcap bytes nstui
// keeps (bounded) and hands to a decoding tcpdump for lines. It only listens.
import {spawn, type ChildProcess} from 'node:child_process';
import {closeSync, writeSync} from 'node:fs';
import {
	captureArgv,
	decoderArgv,
	defaultCaptureLimits,
	filterCheckArgv,
	PcapCounter,
	validateCaptureCount,
	validateCaptureFilter,
	validateCaptureInterface,
	validatePcapPath,
	type CaptureLimits,
} from '../model/capture.js';
import {shellLine} from '../model/commands.js';
import type {NamespaceTarget} from '../model/namespace-target.js';
import {validateNamespaceTarget} from '../model/validate.js';
import {commandLog, type CommandLog} from './command-log.js';
import {findProgram, missingProgramMessage} from './programs.js';
import {killGroup, run, runningChildren, startedCount, type RunResult} from './run.js';
import {decodeBytes} from '../model/byte-text.js';
import {openForOverwrite, openNewFile} from './safe-file.js';

export type CaptureRequest = {
	namespace: NamespaceTarget;
	interface: string;
	/** BPF words; empty: every packet. */
	filter: readonly string[];
	limits?: Partial<CaptureLimits>;
};

export type CaptureEnd = {
	/** count: tcpdump reached its packet count; size: the size cap; stopped: stop() was called; failed: tcpdump failed. */
	reason: 'count' | 'size' | 'stopped' | 'failed';
	/** For the status bar: what happened, in words (tcpdump's own message on failure). */
	message: string;
	packets: number;
	bytes: number;
};

export type CaptureHandlers = {
	/** Each decoded line, as tcpdump prints it (untrusted text: through shown() before a terminal sees it). */
	onLine?: (line: string) => void;
	/** Each chunk of pcap bytes as it arrives (nstui capture --write streams them to the file). */
	onPcap?: (chunk: Buffer) => void;
	onEnd?: (end: CaptureEnd) => void;
};

type Refused = {ok: false; message: string};

/** Validates a request; the reason for the first problem. */
function checkRequest(
	request: CaptureRequest,
): {ok: true; limits: CaptureLimits; filter: string[]} | Refused {
	const target = validateNamespaceTarget(request.namespace);
	if (!target.ok) return {ok: false, message: target.reason};
	const device = validateCaptureInterface(request.interface);
	if (!device.ok) return {ok: false, message: device.reason};
	const filter = validateCaptureFilter(request.filter);
	if (!filter.ok) return {ok: false, message: filter.reason};
	const limits = {...defaultCaptureLimits, ...request.limits};
	const count = validateCaptureCount(limits.count);
	if (!count.ok) return {ok: false, message: count.reason};
	if (findProgram('tcpdump') === null)
		return {ok: false, message: missingProgramMessage('tcpdump')};
	return {ok: true, limits, filter: filter.value};
}

/**
 * tcpdump compiles the filter against the interface (`tcpdump -d`) inside the
 * namespace; its own message when it refuses. An empty filter needs no check.
 */
export async function checkCaptureFilter(
	request: CaptureRequest,
	log: CommandLog = commandLog,
): Promise<{ok: true} | Refused> {
	const checked = checkRequest(request);
	if (!checked.ok) return checked;
	if (checked.filter.length === 0) return {ok: true};
	const argv = filterCheckArgv(request.namespace, request.interface, checked.filter);
	const logged = log.start(argv);
	const result = await run(argv[0]!, argv.slice(1), {timeoutMs: 10_000});
	logged.finish(result);
	if (result.ok) return {ok: true};
	return {
		ok: false,
		message:
			tcpdumpMessage(result.stderr) ||
			`tcpdump refused the filter (exit ${result.exitCode ?? 'by a signal'})`,
	};
}

/** tcpdump's lines without its "listening on" chatter and its usage text, joined. */
function tcpdumpMessage(stderr: string): string {
	const lines = stderr
		.split('\n')
		.map(line => line.trim())
		.filter(line => line !== '' && !/^(listening on|reading from|Usage:|\s)/.test(line));
	return lines.slice(0, 3).join(' ');
}

export class Capture {
	private readonly chunks: Buffer[] = [];
	private readonly counter = new PcapCounter();
	private capturer: ChildProcess | null = null;
	private decoder: ChildProcess | null = null;
	private stopReason: CaptureEnd['reason'] | null = null;
	private capturerStderr = '';
	private ended: CaptureEnd | null = null;
	private readonly endWaiters: Array<(end: CaptureEnd) => void> = [];
	readonly command: string[];

	private constructor(
		private readonly request: CaptureRequest,
		private readonly limits: CaptureLimits,
		filter: string[],
		private readonly handlers: CaptureHandlers,
		private readonly log: CommandLog,
	) {
		this.command = captureArgv(request.namespace, request.interface, limits.count, filter);
	}

	/**
	 * Checks the filter, then starts the capture. Refused (nothing started) on
	 * bad input, a missing tcpdump, or a filter tcpdump does not take.
	 */
	static async start(
		request: CaptureRequest,
		handlers: CaptureHandlers = {},
		log: CommandLog = commandLog,
	): Promise<Capture | Refused> {
		const checked = checkRequest(request);
		if (!checked.ok) return checked;
		const filter = await checkCaptureFilter(request, log);
		if (!filter.ok) return filter;
		const capture = new Capture(request, checked.limits, checked.filter, handlers, log);
		capture.run();
		return capture;
	}

	get packets() {
		return this.counter.packets;
	}

	get bytes() {
		return this.counter.bytes;
	}

	get running() {
		return this.ended === null;
	}

	/** The pcap bytes captured so far: the header and every packet that has fully arrived (a valid file). */
	pcap(): Buffer {
		return Buffer.concat(this.chunks).subarray(0, this.counter.wholeBytes);
	}

	/**
	 * Writes what was captured so far as a new pcap file; says where, or why
	 * not. A file that exists is refused (`exists`) unless `overwrite`; a
	 * symbolic link never is written through (system/safe-file.ts).
	 */
	writePcap(
		path: string,
		{overwrite = false}: {overwrite?: boolean} = {},
	): Promise<{ok: boolean; message: string; exists?: boolean}> {
		const valid = validatePcapPath(path);
		if (!valid.ok) return Promise.resolve({ok: false, message: valid.reason});
		const file = valid.value;
		const opened = overwrite ? openForOverwrite(file) : openNewFile(file);
		if (!opened.ok) return Promise.resolve(opened);
		try {
			const bytes = this.pcap();
			for (let at = 0; at < bytes.length;) at += writeSync(opened.fd, bytes, at);
			return Promise.resolve({ok: true, message: `${this.packets} packets written to ${file}`});
		} catch (error) {
			return Promise.resolve({
				ok: false,
				message: `cannot write ${file}: ${(error as Error).message}`,
			});
		} finally {
			closeSync(opened.fd);
		}
	}

	/** Stops the capture (Esc, q, Ctrl-C): what arrived so far is kept. */
	stop() {
		if (this.ended || this.stopReason) return;
		this.stopReason = 'stopped';
		this.interrupt();
	}

	/** At once, both tcpdumps and what they started (nstui is exiting). */
	kill() {
		killGroup(this.capturer?.pid);
		killGroup(this.decoder?.pid);
	}

	/** SIGINT: tcpdump finishes the packet it is writing and exits; SIGKILL if it has not within 2 s. */
	private interrupt() {
		const pid = this.capturer?.pid;
		if (!pid) return;
		try {
			process.kill(-pid, 'SIGINT');
		} catch {}
		setTimeout(() => {
			if (this.ended === null) killGroup(pid);
		}, 2000).unref();
	}

	/** Resolves once both tcpdumps have ended and every line was delivered. */
	finished(): Promise<CaptureEnd> {
		if (this.ended) return Promise.resolve(this.ended);
		return new Promise(resolve => this.endWaiters.push(resolve));
	}

	private run() {
		const logged = this.log.start(this.command);
		const started = performance.now();
		const capturer = spawnTracked(this.command);
		const decoder = spawnTracked(decoderArgv);
		this.capturer = capturer;
		this.decoder = decoder;
		capturer.stdout!.on('data', (chunk: Buffer) => {
			if (this.stopReason === 'size') return;
			if (this.counter.bytes + chunk.length > this.limits.sizeCap) {
				this.stopReason = 'size';
				this.interrupt();
				return;
			}
			this.chunks.push(chunk);
			this.counter.add(chunk);
			this.handlers.onPcap?.(chunk);
			decoder.stdin!.write(chunk);
		});
		capturer.stdout!.on('end', () => decoder.stdin!.end());
		decoder.stdin!.on('error', () => {}); // it ended first (it failed): the capture's own end says why
		capturer.stderr!.on('data', (chunk: Buffer) => (this.capturerStderr += decodeBytes(chunk)));
		let pending = '';
		decoder.stdout!.on('data', (chunk: Buffer) => {
			const lines = (pending + decodeBytes(chunk)).split('\n');
			pending = lines.pop()!;
			for (const line of lines) this.handlers.onLine?.(line);
		});
		decoder.stderr!.resume();
		// Also when the capture could not start at all: the decoder must not wait for bytes that never come.
		const capturerDone = exitOf(capturer).then(code => {
			decoder.stdin!.end();
			return code;
		});
		const decoderDone = exitOf(decoder).then(code => {
			if (pending !== '') this.handlers.onLine?.(pending);
			return code;
		});
		void Promise.all([capturerDone, decoderDone]).then(([code]) => {
			const result: RunResult = {
				command: this.command,
				exitCode: code,
				stdout: '',
				stderr: this.capturerStderr.trim(),
				timedOut: false,
				missing: false,
				ok: code === 0 || this.stopReason !== null,
				durationMs: performance.now() - started,
			};
			logged.finish(result);
			this.finish(code);
		});
	}

	private finish(code: number | null) {
		const packets = this.counter.packets;
		const where = `${shellLine([this.request.interface])}`;
		let end: CaptureEnd;
		if (this.stopReason === 'size')
			end = {
				reason: 'size',
				message: `capture on ${where} stopped at the size cap (${this.limits.sizeCap} bytes): ${packets} packets`,
				packets,
				bytes: this.bytes,
			};
		else if (this.stopReason === 'stopped')
			end = {
				reason: 'stopped',
				message: `capture on ${where} stopped: ${packets} packets`,
				packets,
				bytes: this.bytes,
			};
		else if (code === 0)
			end = {
				reason: 'count',
				message: `capture on ${where} ended after ${packets} packets (the count asked for)`,
				packets,
				bytes: this.bytes,
			};
		else
			end = {
				reason: 'failed',
				message: tcpdumpMessage(this.capturerStderr) || `tcpdump exited with ${code ?? 'a signal'}`,
				packets,
				bytes: this.bytes,
			};
		this.ended = end;
		this.handlers.onEnd?.(end);
		for (const waiter of this.endWaiters.splice(0)) waiter(end);
	}
}

/** Spawned in a process group of its own (stopped with everything it started), not through a shell. */
function spawnTracked(argv: readonly string[]): ChildProcess {
	const child = spawn(argv[0]!, argv.slice(1), {
		stdio: ['pipe', 'pipe', 'pipe'],
		detached: true,
		env: {...process.env, LC_ALL: 'C'},
	});
	startedCount.processes++;
	if (child.pid) runningChildren.add(child.pid);
	child.once('exit', () => {
		if (child.pid) runningChildren.delete(child.pid);
	});
	return child;
}

const exitOf = (child: ChildProcess) =>
	new Promise<number | null>(resolve => {
		child.once('error', () => resolve(null));
		child.once('close', code => resolve(code));
	});
