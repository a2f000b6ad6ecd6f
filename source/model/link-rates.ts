// Traffic rates of interfaces: two readings of `ip -s -j link` (stats64
// counters) taken some time apart give bytes and packets per second; errors
// and drops are shown where they are not zero. Pure.

export type LinkCounters = {
	ifindex: number;
	name: string;
	rxBytes: number;
	rxPackets: number;
	rxErrors: number;
	rxDropped: number;
	txBytes: number;
	txPackets: number;
	txErrors: number;
	txDropped: number;
};

/** One reading of a namespace's counters, and when it was taken (ms, a monotonic clock). */
export type LinkStats = {at: number; links: LinkCounters[]};

export type LinkRate = {
	ifindex: number;
	name: string;
	rxBytesPerSecond: number;
	txBytesPerSecond: number;
	rxPacketsPerSecond: number;
	txPacketsPerSecond: number;
	/** The counters since the link came up: errors and drops are shown as totals where not zero. */
	rxErrors: number;
	txErrors: number;
	rxDropped: number;
	txDropped: number;
};

const count = (value: unknown): number =>
	typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;

/** `ip -s -j link` (parsed JSON): the stats64 counters of each link; links without them are left out. */
export function parseLinkStats(json: unknown): LinkCounters[] {
	if (!Array.isArray(json)) return [];
	const links: LinkCounters[] = [];
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ip -s -j output, each field checked below
	for (const raw of json as Array<Record<string, any>>) {
		const stats = raw?.stats64 ?? raw?.stats;
		if (
			typeof raw?.ifindex !== 'number' ||
			typeof raw.ifname !== 'string' ||
			!stats?.rx ||
			!stats?.tx
		)
			continue;
		links.push({
			ifindex: raw.ifindex,
			name: raw.ifname,
			rxBytes: count(stats.rx.bytes),
			rxPackets: count(stats.rx.packets),
			rxErrors: count(stats.rx.errors),
			rxDropped: count(stats.rx.dropped),
			txBytes: count(stats.tx.bytes),
			txPackets: count(stats.tx.packets),
			txErrors: count(stats.tx.errors),
			txDropped: count(stats.tx.dropped),
		});
	}
	return links;
}

/**
 * /proc/net/dev of a namespace: the same counters without starting ip. It names
 * links but has no ifindex, so `ifindexByName` (from the snapshot) supplies it;
 * a link the snapshot does not know yet is left out until the next reading.
 * The kernel refuses ':' and white space in a link name, so the first ':' ends it.
 */
export function parseProcNetDev(
	text: string,
	ifindexByName: ReadonlyMap<string, number>,
): LinkCounters[] {
	const links: LinkCounters[] = [];
	for (const line of text.split('\n').slice(2)) {
		const colon = line.indexOf(':');
		if (colon < 0) continue;
		const ifindex = ifindexByName.get(line.slice(0, colon).trim());
		const fields = line
			.slice(colon + 1)
			.trim()
			.split(/\s+/)
			.map(Number);
		if (ifindex === undefined || fields.length < 16 || fields.some(Number.isNaN)) continue;
		const [
			rxBytes,
			rxPackets,
			rxErrors,
			rxDropped,
			,
			,
			,
			,
			txBytes,
			txPackets,
			txErrors,
			txDropped,
		] = fields;
		links.push({
			ifindex,
			name: line.slice(0, colon).trim(),
			rxBytes: rxBytes!,
			rxPackets: rxPackets!,
			rxErrors: rxErrors!,
			rxDropped: rxDropped!,
			txBytes: txBytes!,
			txPackets: txPackets!,
			txErrors: txErrors!,
			txDropped: txDropped!,
		});
	}
	return links;
}

/**
 * Per second between two readings, by ifindex. A link whose counters went
 * down (deleted and made again with the same index) or that is in only one
 * reading has no rate this time.
 */
export function linkRates(before: LinkStats, after: LinkStats): Map<number, LinkRate> {
	const rates = new Map<number, LinkRate>();
	const seconds = (after.at - before.at) / 1000;
	if (!(seconds > 0)) return rates;
	const earlier = new Map(before.links.map(link => [link.ifindex, link]));
	for (const link of after.links) {
		const old = earlier.get(link.ifindex);
		if (!old || old.name !== link.name) continue;
		const deltas = [
			link.rxBytes - old.rxBytes,
			link.txBytes - old.txBytes,
			link.rxPackets - old.rxPackets,
			link.txPackets - old.txPackets,
		];
		if (deltas.some(delta => delta < 0)) continue;
		const [rxBytes, txBytes, rxPackets, txPackets] = deltas.map(delta => delta / seconds) as [
			number,
			number,
			number,
			number,
		];
		rates.set(link.ifindex, {
			ifindex: link.ifindex,
			name: link.name,
			rxBytesPerSecond: rxBytes,
			txBytesPerSecond: txBytes,
			rxPacketsPerSecond: rxPackets,
			txPacketsPerSecond: txPackets,
			rxErrors: link.rxErrors,
			txErrors: link.txErrors,
			rxDropped: link.rxDropped,
			txDropped: link.txDropped,
		});
	}
	return rates;
}

/** 0 B/s, 950 B/s, 1.2 kB/s, 12 kB/s, 3.4 MB/s, 1.0 GB/s (powers of 1000, as link speeds are given). */
export function bytesPerSecondText(value: number): string {
	const {digits, unit} = scaled(value, ['B', 'kB', 'MB', 'GB', 'TB']);
	return `${digits} ${unit}/s`;
}

/** 0 p/s, 120 p/s, 1.5k p/s. */
export function packetsPerSecondText(value: number): string {
	const {digits, unit} = scaled(value, ['', 'k', 'M', 'G']);
	return `${digits}${unit} p/s`;
}

function scaled(value: number, units: readonly string[]): {digits: string; unit: string} {
	let unit = 0;
	let rest = Math.max(0, value);
	while (rest >= 999.5 && unit < units.length - 1) {
		rest /= 1000;
		unit++;
	}
	return {
		digits: unit === 0 || rest >= 9.95 ? Math.round(rest).toString() : rest.toFixed(1),
		unit: units[unit]!,
	};
}

/** `rx 1.2 kB/s 10 p/s  tx 0 B/s 0 p/s`, plus `err 3/0 drop 1/0` (rx/tx totals) when any is not zero. */
export function rateText(rate: LinkRate): string {
	const base = `rx ${bytesPerSecondText(rate.rxBytesPerSecond)} ${packetsPerSecondText(rate.rxPacketsPerSecond)}  tx ${bytesPerSecondText(rate.txBytesPerSecond)} ${packetsPerSecondText(rate.txPacketsPerSecond)}`;
	return `${base}${problemsText(rate)}`;
}

/** `  err 3/0 drop 1/0` (rx/tx), only the parts that are not zero; '' when all are. */
export function problemsText(
	rate: Pick<LinkRate, 'rxErrors' | 'txErrors' | 'rxDropped' | 'txDropped'>,
): string {
	const parts: string[] = [];
	if (rate.rxErrors + rate.txErrors > 0) parts.push(`err ${rate.rxErrors}/${rate.txErrors}`);
	if (rate.rxDropped + rate.txDropped > 0) parts.push(`drop ${rate.rxDropped}/${rate.txDropped}`);
	return parts.length === 0 ? '' : `  ${parts.join(' ')}`;
}

export const totalBytesPerSecond = (rate: LinkRate) =>
	rate.rxBytesPerSecond + rate.txBytesPerSecond;

const blocks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * The last `width` values as block characters, scaled to the largest of them;
 * a zero is a space (nothing flowed), any traffic at least the lowest block.
 */
export function sparkline(values: readonly number[], width = values.length): string {
	const shownValues = values.slice(-width);
	const max = Math.max(0, ...shownValues);
	const line = shownValues
		.map(value =>
			value <= 0 || max === 0
				? ' '
				: blocks[Math.min(7, Math.max(0, Math.ceil((value / max) * 8) - 1))]!,
		)
		.join('');
	return line.padStart(width, ' ');
}

/** A bounded history of rates per key (namespace and interface), for the sparklines. */
export class RateHistory {
	private readonly samples = new Map<string, number[]>();

	constructor(private readonly length = 30) {}

	add(key: string, value: number) {
		const list = this.samples.get(key) ?? [];
		list.push(value);
		if (list.length > this.length) list.splice(0, list.length - this.length);
		this.samples.set(key, list);
	}

	get(key: string): readonly number[] {
		return this.samples.get(key) ?? [];
	}

	/** A copy of every key's values, for a store that compares by identity. */
	copy(): Map<string, readonly number[]> {
		return new Map([...this.samples].map(([key, values]) => [key, [...values]]));
	}

	/** Forgets keys not in `keep` (interfaces gone, namespaces no longer looked at). */
	retain(keep: ReadonlySet<string>) {
		for (const key of this.samples.keys()) if (!keep.has(key)) this.samples.delete(key);
	}
}
