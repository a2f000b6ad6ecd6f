// `nstui capture NAMESPACE INTERFACE [--write FILE [--force]] [--count N] [-- BPF...]`:
// tcpdump's decoded lines on stdout while it runs, the pcap written to FILE
// as it comes (a new file; one that exists only with --force, and never
// through a symbolic link: system/safe-file.ts). The namespace by name, inode or owner. Ctrl-C stops it and
// keeps what arrived. Exit 0 when it ran, 1 when the namespace or interface is
// not there, the filter is refused or tcpdump failed, 2 on bad usage or a
// missing tcpdump.
import {createWriteStream, type WriteStream} from 'node:fs';
import {openForOverwrite, openNewFile} from '../system/safe-file.js';
import {defaultCaptureLimits, validateCaptureCount, validatePcapPath} from '../model/capture.js';
import {namespaceTargetOf} from '../model/namespace-target.js';
import {resolveNamespace} from '../model/namespace-match.js';
import {shown} from '../model/shown-text.js';
import {namespaceLabel} from '../model/snapshot.js';
import {Capture, checkCaptureFilter} from '../system/capture.js';
import {findProgram, missingProgramMessage} from '../system/programs.js';
import {namespaceOfPid} from '../system/procfs.js';
import {withSnapshot} from './with-snapshot.js';

export type CaptureOptions = {
	args: string[];
	filter: string[];
	write?: string;
	/** Overwrite the --write file if it exists (a regular file only). */
	force?: boolean;
	count?: string | number;
};

const say = (text: string) => process.stderr.write(`nstui: ${shown(text)}\n`);

export async function runCapture({
	args,
	filter,
	write,
	force,
	count,
}: CaptureOptions): Promise<number> {
	if (args.length !== 2) {
		say(
			'capture needs a namespace and an interface, e.g. `nstui capture web eth0 --count 100 -- icmp`; see nstui --help',
		);
		return 2;
	}
	const packets = validateCaptureCount(count ?? defaultCaptureLimits.count);
	if (!packets.ok) return usage(packets.reason);
	const file = write === undefined ? null : validatePcapPath(write);
	if (file && !file.ok) return usage(file.reason);
	if (findProgram('tcpdump') === null) {
		say(missingProgramMessage('tcpdump'));
		return 2;
	}
	const [namespaceTerm, device] = args as [string, string];
	return withSnapshot(async snapshot => {
		const found = resolveNamespace(snapshot, namespaceTerm);
		if (!found.ok) {
			say(found.reason);
			return 1;
		}
		const ns = found.value;
		const label = namespaceLabel(ns);
		if (!ns.interfaces.some(link => link.name === device)) {
			say(
				`${label} has no interface "${device}" (it has ${ns.interfaces.map(link => link.name).join(', ') || 'none'})`,
			);
			return 1;
		}
		const target = namespaceTargetOf(ns, namespaceOfPid('self'));
		if (target === null) {
			say(`no way into ${label} (no process, name or mount that leads to it)`);
			return 1;
		}
		const request = {namespace: target, interface: device, filter, limits: {count: packets.value}};
		// The filter first, so a refused one leaves no file behind (start checks it again: a few ms).
		const filterChecked = await checkCaptureFilter(request);
		if (!filterChecked.ok) {
			say(filterChecked.message);
			return 1;
		}
		let out: WriteStream | null = null;
		if (file?.ok) {
			const opened = force ? openForOverwrite(file.value) : openNewFile(file.value);
			if (!opened.ok) {
				say(opened.overwritable ? `${opened.message}: --force overwrites it` : opened.message);
				return 1;
			}
			out = createWriteStream('', {fd: opened.fd});
		}
		const capture = await Capture.start(request, {
			onLine: line => process.stdout.write(`${shown(line)}\n`),
			onPcap: chunk => out?.write(chunk),
		});
		if (!(capture instanceof Capture)) {
			out?.destroy();
			say(capture.message);
			return 1;
		}
		say(
			`capturing on ${device} in ${label}: at most ${packets.value} packets${filter.length > 0 ? `, filter ${filter.join(' ')}` : ''}; Ctrl-C stops`,
		);
		const stop = () => capture.stop();
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		const end = await capture.finished();
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
		if (out) await new Promise(resolve => out.end(resolve));
		say(end.message);
		if (file?.ok && end.reason !== 'failed')
			say(
				`${end.packets} packets written to ${file.value} (read it back: tcpdump -nn -r ${file.value})`,
			);
		return end.reason === 'failed' ? 1 : 0;
	});
}

function usage(reason: string): number {
	say(`${reason}; see nstui --help`);
	return 2;
}
