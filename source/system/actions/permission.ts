// Changing namespaces needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN): the UI greys the keys out otherwise.
export function actionsAvailable(
	options: {readOnly?: boolean} = {},
): {ok: true} | {ok: false; reason: string} {
	if (options.readOnly) return {ok: false, reason: 'read-only session (--read-only)'};
	if (process.getuid?.() !== 0)
		return {ok: false, reason: 'actions need root: run nstui with sudo'};
	return {ok: true};
}
