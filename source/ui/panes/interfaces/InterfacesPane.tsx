import {Text} from 'ink';
import type {InterfaceRow} from '../../../model/pane-rows.js';
import {shown} from '../../../model/shown-text.js';
import {cell, textWidth} from '../../../model/text-cells.js';
import {bytesPerSecondText, problemsText, type LinkRate} from '../../../model/link-rates.js';
import {Pane} from '../Pane.js';
import {noteRateRoom} from './rate-room.js';
import type {PaneRenderProps} from '../pane-spec.js';
import {Shown} from '../../app/Shown.js';
import {useTone, type Tone} from '../../app/theme.js';

const stateTone = (state: string): Tone | undefined =>
	state === 'UP'
		? 'up'
		: state === 'DOWN' || state === 'LOWERLAYERDOWN'
			? 'down'
			: state === 'UNKNOWN'
				? 'muted'
				: state === 'UP no-carrier'
					? 'warning'
					: undefined;

/** 192.168.100.100/24 */
const minAddressWidth = 18;

/** The widest of `texts` as shown, within min and max. */
const widest = (texts: readonly string[], min: number, max: number) =>
	Math.min(Math.max(min, ...texts.map(text => textWidth(shown(text)))), max);

/**
 * Columns as wide as what they hold, each under its heading: the peer (what
 * matters most on a veth) before the master and the addresses, which take the
 * rest. PEER and MASTER only when a row has one.
 */
export function InterfacesPane(props: PaneRenderProps<InterfaceRow>) {
	const showLinkLocal = props.state.showLinkLocal;
	const error = props.selectedNamespace?.error ?? null;
	const pending = props.selectedNamespace?.pending === true;
	const tone = useTone();
	const width = props.box.width - 1;
	const rows = props.view.rows;
	const nameWidth = widest(
		rows.map(row => row.link.name),
		4,
		15,
	);
	const stateWidth = widest(
		rows.map(row => row.state),
		7,
		14,
	);
	const masterWidth = rows.some(row => row.link.master)
		? widest(
				rows.map(row => row.link.master ?? ''),
				6,
				15,
			)
		: 0;
	// Rates once two readings of this namespace's counters were taken, and only where the peer
	// (what matters most) and one address still fit beside them; errors and drops only where not zero.
	const rates = props.selectedNamespace
		? props.state.traffic?.rates.get(props.selectedNamespace.inode)
		: undefined;
	const rateOf = (row: InterfaceRow): LinkRate | undefined => rates?.get(row.link.ifindex);
	const named = nameWidth + 1 + 8 + 1 + stateWidth + 1 + (masterWidth && masterWidth + 1);
	const peerWanted = rows.some(row => row.peer)
		? widest(
				rows.map(row => row.peer ?? ''),
				4,
				40,
			)
		: 0;
	// The MTU comes after the peer and one address, and before the rates, when there is room (or with z).
	const roomAfterPeer = width - named - (peerWanted && peerWanted + 1) - minAddressWidth;
	const mtuWidth = roomAfterPeer >= 6 ? 5 : 0;
	const fixed = named + (mtuWidth && mtuWidth + 1);
	const spare = roomAfterPeer - (mtuWidth && mtuWidth + 1);
	const rateRoom = spare >= 2 * (9 + 1);
	noteRateRoom(rateRoom);
	const rateWidth = rates && rateRoom ? 9 : 0;
	const problems = new Map(
		rateWidth
			? rows.map(row => [row.id, rateOf(row) ? problemsText(rateOf(row)!).trim() : ''])
			: [],
	);
	const problemWanted = [...problems.values()].some(Boolean)
		? widest([...problems.values()], 8, 24)
		: 0;
	const problemWidth =
		problemWanted && spare - 2 * (rateWidth + 1) >= problemWanted + 1 ? problemWanted : 0;
	// What is left after the fixed columns goes to the peer, whole when it can, and the addresses,
	// which keep room for one IPv4 address with its prefix when the pane is narrow.
	const left =
		width - fixed - (rateWidth && 2 * (rateWidth + 1)) - (problemWidth && problemWidth + 1);
	const peerWidth = peerWanted ? Math.min(peerWanted, Math.max(16, left - 1 - minAddressWidth)) : 0;
	const optional = (text: string, columnWidth: number) =>
		columnWidth > 0 ? (
			<>
				<Shown text={text} width={columnWidth} />{' '}
			</>
		) : null;
	const addressWidth = Math.max(left - (peerWidth && peerWidth + 1), 0);
	const folded = !showLinkLocal && rows.some(row => row.linkLocal);
	const heading = (text: string, columnWidth: number) =>
		columnWidth > 0 ? `${cell(text, columnWidth)} ` : '';
	const columns = `${cell('NAME', nameWidth)} ${cell('KIND', 8)} ${cell('STATE', stateWidth)} ${mtuWidth ? `${cell('MTU', mtuWidth, 'right')} ` : ''}${heading('RX/s', rateWidth)}${heading('TX/s', rateWidth)}${heading('ERR/DROP', problemWidth)}${heading('PEER', peerWidth)}${heading('MASTER', masterWidth)}ADDRESSES${folded ? '  (A: link-local too)' : ''}`;
	return (
		<Pane
			{...props}
			columns={columns}
			emptyText={
				error
					? `! could not read: ${error}`
					: pending
						? 'reading…'
						: 'no interfaces (select a namespace)'
			}
			renderRow={row => {
				const {link} = row;
				const rate = rateOf(row);
				const rateCell = (value: number | undefined) =>
					rateWidth
						? `${cell(value === undefined ? '-' : bytesPerSecondText(value), rateWidth, 'right')} `
						: '';
				const problem = problems.get(row.id) ?? '';
				const addresses =
					showLinkLocal && row.linkLocal
						? [row.addresses, row.linkLocal].filter(Boolean).join(' ')
						: row.addresses;
				const state = stateTone(row.state);
				return (
					<>
						<Shown text={link.name} width={nameWidth} /> <Shown text={link.kind} width={8} />{' '}
						<Text {...(state ? tone(state) : {})}>
							<Shown text={row.state} width={stateWidth} />
						</Text>{' '}
						{mtuWidth ? `${cell(link.mtu ? String(link.mtu) : '-', mtuWidth, 'right')} ` : null}
						{rateCell(rate?.rxBytesPerSecond)}
						{rateCell(rate?.txBytesPerSecond)}
						{problemWidth ? (
							<Text {...(problem ? tone('warning') : {})}>{`${cell(problem, problemWidth)} `}</Text>
						) : null}
						{optional(row.peer ?? '', peerWidth)}
						{optional(link.master ?? '', masterWidth)}
						<Shown text={addresses} width={addressWidth} />
					</>
				);
			}}
		/>
	);
}
