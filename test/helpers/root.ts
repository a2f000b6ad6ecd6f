// Root-only tests skip with this reason when not root.
export const needsRoot: string | false =
	process.getuid?.() === 0
		? false
		: 'needs root: builds real network namespaces (run the tests as root)';
