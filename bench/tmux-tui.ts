// The built nstui started in a detached tmux session, as the CPU benches run
// it: waits for the first full frame of a lab of NAMESPACES, then moves the
// selection off the host (the host's own processes are not on screen).
import {execFileSync} from 'node:child_process';
import {setTimeout as delay} from 'node:timers/promises';

export const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});

/** Starts nstui in `session` (120x40) and answers the pid of its pane once the frame is full. */
export async function startTuiInTmux(
	session: string,
	namespaces: number,
	keyPresses: number,
): Promise<number> {
	tmux(
		'new-session',
		'-d',
		'-x',
		'120',
		'-y',
		'40',
		'-s',
		session,
		'env -u CI TERM=xterm-256color dist/cli.js',
	);
	for (const started = performance.now(); ; await delay(20)) {
		const text = tmux('capture-pane', '-p', '-t', session);
		if (Number(/(\d+) namespaces/.exec(text)?.[1] ?? 0) >= namespaces && /^›/m.test(text)) break;
		if (performance.now() - started > 60_000) throw new Error(`no full frame:\n${text}`);
	}
	const pid = Number(tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim());
	for (let i = 0; i < keyPresses; i++) {
		tmux('send-keys', '-t', session, 'j');
		await delay(100);
	}
	return pid;
}
