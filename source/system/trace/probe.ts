// The real probe: a capture (tcpdump, only listening) on each hop's
// interfaces inside their namespaces, while FROM pings TO a few times. Traffic
// goes only where the trace already goes: between namespaces on this host.
import {execIn} from '../../model/commands.js';
import type {Snapshot} from '../../model/snapshot.js';
import {countEchoes, probePoints, probeVerdict, type ProbeResult} from '../../model/trace/probe.js';
import type {Trace} from '../../model/trace/types.js';
import {targetFor} from '../actions/targets.js';
import {findProgram, missingProgramMessage} from '../programs.js';
import {run} from '../run.js';

const pings = 5;
// tcpdump needs a moment to open its socket; the pings are spread so that a slow start misses the first at most.
const captureStartMs = 600;
const pingIntervalSeconds = 0.3;
const captureMs = captureStartMs + pings * pingIntervalSeconds * 1000 + 1500;

export async function probe(snapshot: Snapshot, trace: Trace): Promise<ProbeResult> {
	const byInode = new Map(snapshot.namespaces.map(ns => [ns.inode, ns]));
	const points = probePoints(trace);
	const origin = byInode.get(trace.from.namespace);
	const originTarget = origin ? targetFor(origin) : null;
	if (!originTarget)
		return probeVerdict(
			trace,
			false,
			points.map(point => ({...point, requests: 0, replies: 0, error: 'FROM cannot be entered'})),
		);
	const tcpdump = findProgram('tcpdump') ? null : missingProgramMessage('tcpdump');
	const captures = points.map(async point => {
		const ns = byInode.get(point.namespace);
		const target = ns ? targetFor(ns) : null;
		if (tcpdump || !target)
			return {...point, requests: 0, replies: 0, error: tcpdump ?? 'cannot be entered'};
		const lines: string[] = [];
		// -l: a line per packet as it comes; killed at the end (the timeout), by its process group.
		const [file, ...args] = execIn(target, [
			'tcpdump',
			'-l',
			'-nn',
			'--immediate-mode',
			'-i',
			point.interface,
			'icmp',
			'or',
			'icmp6',
		]);
		const result = await run(file!, args, {
			timeoutMs: captureMs,
			onStdoutLine: line => lines.push(line),
		});
		const error =
			!result.timedOut && !result.ok
				? (result.stderr
						.split('\n')
						.find(line => line.trim() && !line.startsWith('listening on')) ?? 'tcpdump failed')
				: null;
		return {...point, ...countEchoes(lines), error};
	});
	await new Promise(resolve => setTimeout(resolve, captureStartMs));
	const [file, ...args] = execIn(originTarget, [
		'ping',
		'-n',
		'-c',
		String(pings),
		'-i',
		String(pingIntervalSeconds),
		'-W',
		'1',
		trace.to.address,
	]);
	const ping = await run(file!, args, {timeoutMs: captureMs});
	return probeVerdict(trace, ping.ok, await Promise.all(captures));
}
