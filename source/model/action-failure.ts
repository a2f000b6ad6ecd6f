// A failed action's message in the operator's words, from what the action was
// about, what is true now and ip's own text (kept after ours, for the details).

export type FailureFacts = {
	/** ip's text, already on one line. */
	ipText: string;
	/** Namespaces (by name) the action involves that are no longer there now. */
	vanished: readonly string[];
	/** What the action makes, named as the operator typed it. */
	creates?: {kind: 'namespace' | 'interface' | 'address' | 'route'; name: string};
	/** The interface the action works on (Cannot find device ...). */
	device?: string;
};

const alreadyThere = /File exists|already assigned/i;

/** Our words, then ip's text; null when ip's text says it best. */
export function operatorFailure(facts: FailureFacts): string | null {
	const {ipText, vanished, creates, device} = facts;
	const then = (words: string) => (ipText === '' ? words : `${words}: ${ipText}`);
	if (vanished.length > 0)
		return then(
			vanished.length === 1
				? `${vanished[0]} no longer exists`
				: `${vanished.join(' and ')} no longer exist`,
		);
	if (creates && alreadyThere.test(ipText)) return then(alreadyExists(creates));
	if (device && ipText.includes(`Cannot find device "${device}"`))
		return then(`${device} no longer exists in this namespace`);
	return null;
}

function alreadyExists(creates: NonNullable<FailureFacts['creates']>): string {
	switch (creates.kind) {
		case 'namespace':
			return `Namespace ${creates.name} already exists`;
		case 'interface':
			return `An interface named ${creates.name} already exists there`;
		case 'address':
			return `${creates.name} is already assigned there`;
		case 'route':
			return `A route to ${creates.name} already exists`;
	}
}
