import {debianPackageOf} from '../programs.js';

/** A program discovery needs (ip, nsenter) is not installed: the one failure that stops a refresh. */
export class MissingToolError extends Error {
	constructor(readonly tool: string) {
		const pkg = debianPackageOf[tool] ?? tool;
		super(
			`nstui needs \`${tool}\`, which is not installed: install the Debian package ${pkg} (apt-get install ${pkg})`,
		);
	}
}
