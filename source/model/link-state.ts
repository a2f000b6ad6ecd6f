// The state column of an interface, as a person reads it. The kernel's
// operstate says DOWN for a link that was set up but has no carrier (a veth
// whose peer is down, a NIC without cable), so after `ip link set up` it seems
// nothing happened; `ip link` shows that as NO-CARRIER with UP in the flags.
import type {Interface} from './snapshot.js';

export function linkStateText(link: Pick<Interface, 'state' | 'flags'>): string {
	const administrativelyUp = link.flags.includes('UP');
	const noCarrier = link.flags.includes('NO-CARRIER') || !link.flags.includes('LOWER_UP');
	if (administrativelyUp && noCarrier && (link.state === 'DOWN' || link.state === 'LOWERLAYERDOWN'))
		return 'UP no-carrier';
	return link.state;
}
