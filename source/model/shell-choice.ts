// Which shell to open inside a namespace: the user's $SHELL only when it is a
// listed login shell (/etc/shells) and can be run, else /bin/sh.
export const fallbackShell = '/bin/sh';

/** The shells /etc/shells lists: absolute paths, comments and blank lines left out. */
export function parseEtcShells(text: string): string[] {
	return text
		.split('\n')
		.map(line => line.trim())
		.filter(line => line.startsWith('/'));
}

export function chooseShell(
	envShell: string | undefined,
	listedShells: readonly string[],
	isExecutable: (path: string) => boolean,
): string {
	if (envShell && listedShells.includes(envShell) && isExecutable(envShell)) return envShell;
	return fallbackShell;
}
