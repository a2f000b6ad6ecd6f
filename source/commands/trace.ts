// `nstui trace FROM TO[:PORT] [--json]`: why can't FROM reach TO? Exit 0 when the
// path works both ways, 1 when a hop breaks it, 2 on bad usage.
import {shown} from '../model/shown-text.js';
import {formatTrace} from '../model/trace/print.js';
import {traceBetween} from '../system/trace/run-trace.js';
import {withSnapshot} from './with-snapshot.js';

export async function runTraceCommand({args, json}: {args: string[]; json: boolean}): Promise<number> {
	if (args.length !== 2 || args.some(arg => arg.trim() === '')) {
		process.stderr.write('nstui: trace needs FROM and TO, e.g. `nstui trace web 192.168.15.6:80`; see nstui --help\n');
		return 2;
	}
	return withSnapshot(async snapshot => {
		const outcome = await traceBetween(snapshot, args[0]!, args[1]!);
		if (!outcome.ok) {
			process.stderr.write(`nstui: trace: ${shown(outcome.reason)}\n`);
			return 2;
		}
		if (json) process.stdout.write(`${JSON.stringify(outcome.trace, null, 2)}\n`);
		else process.stdout.write(formatTrace(outcome.trace));
		return outcome.trace.broken ? 1 : 0;
	});
}
