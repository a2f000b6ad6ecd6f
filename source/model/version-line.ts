// What `nstui --version` prints: the version, and the Node it runs on, which for
// the standalone executable is the one built into it.
export type Runtime = {standalone: boolean; node: string; platform: string; arch: string};

export function versionLine(version: string, runtime: Runtime): string {
	const where = `node ${runtime.node} ${runtime.platform}-${runtime.arch}`;
	return `nstui ${version} (${runtime.standalone ? `standalone, ${where}` : where})`;
}
