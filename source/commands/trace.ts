// `nstui trace FROM TO[:PORT] [--json] [--probe]`: why can't FROM reach TO? Exit 0
// when the path works both ways, 1 when a hop breaks it, 2 on bad usage. --probe
// pings along the traced path with a capture on each hop's interfaces.
import {shown} from '../model/shown-text.js';
import {formatTrace} from '../model/trace/print.js';
import {probe as runProbe} from '../system/trace/probe.js';
import {traceBetween} from '../system/trace/run-trace.js';
import {withSnapshot} from './with-snapshot.js';

export async function runTraceCommand({
	args,
	json,
	probe,
}: {
	args: string[];
	json: boolean;
	probe: boolean;
}): Promise<number> {
	if (args.length !== 2 || args.some(arg => arg.trim() === '')) {
		process.stderr.write(
			'nstui: trace needs FROM and TO, e.g. `nstui trace web 192.168.15.6:80`; see nstui --help\n',
		);
		return 2;
	}
	return withSnapshot(async snapshot => {
		const outcome = await traceBetween(snapshot, args[0]!, args[1]!);
		if (!outcome.ok) {
			process.stderr.write(`nstui: trace: ${shown(outcome.reason)}\n`);
			return 2;
		}
		const probed = probe ? await runProbe(snapshot, outcome.trace) : null;
		if (json)
			process.stdout.write(
				`${JSON.stringify(probed ? {...outcome.trace, probe: probed} : outcome.trace, null, 2)}\n`,
			);
		else {
			process.stdout.write(formatTrace(outcome.trace));
			if (probed)
				process.stdout.write(
					`\nprobe (ping with a capture on each hop's interfaces):\n${probed.lines.map(line => `  ${line}`).join('\n')}\n`,
				);
		}
		return outcome.trace.broken ? 1 : 0;
	});
}
