// Root-only tests skip with this reason when not root, or when \`ip\` (which
// builds their namespaces) is not installed.
import {findProgram} from '../../source/system/programs.js';

export const needsRoot: string | false =
	process.getuid?.() !== 0
		? 'needs root: builds real network namespaces (run the tests as root)'
		: findProgram('ip') === null
			? 'needs ip, not installed here (apt-get install iproute2)'
			: false;
