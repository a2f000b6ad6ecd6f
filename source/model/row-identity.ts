// Selections follow a row by what it is (a namespace's inode, an interface's
// ifindex and name, a pid), not by where it is, so rows appearing or vanishing
// above it do not move the selection to something else.

export type RowIdentity = {
	/** The exact identity, e.g. `ns:4026532315`. */
	id: string;
	/** Weaker identities tried when the exact one is gone (an interface renamed, or re-created with the same name). */
	aliases: readonly string[];
};

export type Selection = RowIdentity & {
	/** Where the row was last seen: the selection stays at this position when the row itself disappears. */
	index: number;
};

export function selectionOf(row: RowIdentity, index: number): Selection {
	return {id: row.id, aliases: row.aliases, index};
}

/** The index of the selected row in `rows`; 0 without a selection, -1 for an empty list. */
export function resolveSelection(
	rows: readonly RowIdentity[],
	selection: Selection | null,
): number {
	if (rows.length === 0) return -1;
	if (!selection) return 0;
	const exact = rows.findIndex(row => row.id === selection.id);
	if (exact !== -1) return exact;
	for (const alias of selection.aliases) {
		const index = rows.findIndex(row => row.aliases.includes(alias));
		if (index !== -1) return index;
	}
	return Math.min(Math.max(selection.index, 0), rows.length - 1);
}
