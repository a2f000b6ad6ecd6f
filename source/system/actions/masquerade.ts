// NAT out of a namespace: a MASQUERADE rule. The rule always names an outgoing
// interface: with `! -o BRIDGE` the namespaces on the bridge still talk to each
// other unrewritten (a bare `-s PREFIX` rule breaks that once br_netfilter is loaded).
import {masqueradeArgv, type MasqueradeRule} from '../../model/commands.js';
import {
	validateInterfaceName,
	validateNamespaceTarget,
	validatePrefix,
	type Validation,
} from '../../model/validate.js';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import {firstProblem, perform, refused, type ActionContext, type ActionResult} from './perform.js';

export type MasqueradeRequest = {
	namespace: NamespaceTarget;
	/** The prefix to rewrite, e.g. 192.168.15.0/24; empty or absent: any source. */
	source?: string;
	/** Rewrite traffic leaving through any interface but this one (the form offers the namespace's bridge). */
	exceptOutInterface?: string;
	/** Rewrite only traffic leaving through this one (seed 000 §5.1: `-o eth0`). */
	outInterface?: string;
};

function check(
	request: MasqueradeRequest,
): {target: NamespaceTarget; rule: MasqueradeRule} | {problem: string} {
	const target = validateNamespaceTarget(request.namespace);
	const sourceText = request.source ?? '';
	const source: Validation<MasqueradeRule['source']> =
		sourceText === '' ? {ok: true, value: null} : validatePrefix(sourceText, 'A source prefix');
	const except = request.exceptOutInterface ?? '';
	const only = request.outInterface ?? '';
	if ((except === '') === (only === '')) {
		return {
			problem:
				'Name one outgoing interface: the bridge to leave alone ("! -o"), or the way out ("-o")',
		};
	}
	const out = validateInterfaceName(except || only, 'existing');
	if (!target.ok || !source.ok || !out.ok) return {problem: firstProblem(target, source, out)!};
	return {
		target: target.value,
		rule: {source: source.value, out: {interface: out.value, match: except ? 'except' : 'only'}},
	};
}

function describeRule(rule: MasqueradeRule): string {
	const from = rule.source ? ` for ${rule.source.text}` : '';
	const out =
		rule.out.match === 'except' ? `not out ${rule.out.interface}` : `out ${rule.out.interface}`;
	return `Masquerade${from} (${out})`;
}

async function change(
	operation: 'add' | 'remove',
	request: MasqueradeRequest,
	context?: ActionContext,
): Promise<ActionResult> {
	const checked = check(request);
	if ('problem' in checked) return refused(checked.problem);
	const {target, rule} = checked;
	const argv = masqueradeArgv(target, operation, rule);
	return perform(
		argv,
		{
			success: `${describeRule(rule)} ${operation === 'add' ? 'added' : 'removed'}`,
			innerProgram: argv.includes('ip6tables') ? 'ip6tables' : 'iptables',
			timeoutMs: 10_000,
			explainFailure: result =>
				operation === 'remove' && /does a matching rule exist|Bad rule/i.test(result.stderr)
					? 'There is no such masquerade rule to remove'
					: null,
		},
		context,
	);
}

export const addMasquerade = (request: MasqueradeRequest, context?: ActionContext) =>
	change('add', request, context);
export const removeMasquerade = (request: MasqueradeRequest, context?: ActionContext) =>
	change('remove', request, context);
