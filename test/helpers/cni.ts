// CNI plugins (containernetworking-plugins in /usr/lib/cni) run as a
// Kubernetes node runs them: bridge with host-local, then portmap with a
// hostPort, executed inside a test namespace that stands in for the node, with
// host-local's state in a directory of the test's own. del() runs the chain
// backwards (portmap removes its rules, bridge its veth), so nothing is left.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';

export const cniDir = '/usr/lib/cni';

/** For `{skip}`: false when the plugins are there, else why not. */
export function needsCni(): string | false {
	const missing = ['bridge', 'host-local', 'portmap'].filter(
		plugin => !existsSync(`${cniDir}/${plugin}`),
	);
	return missing.length === 0
		? false
		: `needs the CNI plugins ${missing.join(', ')} in ${cniDir} (Debian: containernetworking-plugins)`;
}

type PortMapping = {hostPort: number; containerPort: number; protocol: 'tcp' | 'udp'};

export class CniNetwork {
	private readonly dir = mkdtempSync('/tmp/nstui-cni-');
	private added = false;

	constructor(
		private readonly node: string,
		private readonly pod: string,
		private readonly subnet: string,
		private readonly ports: PortMapping[],
		private readonly name = 'rw',
		private readonly bridge = 'cni0',
	) {}

	private plugins() {
		return [
			{
				type: 'bridge',
				bridge: this.bridge,
				isGateway: true,
				ipMasq: true,
				ipam: {
					type: 'host-local',
					subnet: this.subnet,
					dataDir: `${this.dir}/ipam`,
					routes: [{dst: '0.0.0.0/0'}],
				},
			},
			{type: 'portmap', capabilities: {portMappings: true}},
		];
	}

	private call(command: 'ADD' | 'DEL', plugin: Record<string, unknown>, previous: unknown) {
		const config = {
			...plugin,
			cniVersion: '1.0.0',
			name: this.name,
			...(plugin['type'] === 'portmap' ? {runtimeConfig: {portMappings: this.ports}} : {}),
			...(previous ? {prevResult: previous} : {}),
		};
		const result = spawnSync(
			'nsenter',
			[`--net=/run/netns/${this.node}`, `${cniDir}/${String(plugin['type'])}`],
			{
				input: JSON.stringify(config),
				encoding: 'utf8',
				timeout: 30_000,
				env: {
					...process.env,
					CNI_COMMAND: command,
					CNI_CONTAINERID: `nstui-${this.pod}`,
					CNI_NETNS: `/run/netns/${this.pod}`,
					CNI_IFNAME: 'eth0',
					CNI_PATH: cniDir,
				},
			},
		);
		if (result.status !== 0)
			throw new Error(`CNI ${command} ${String(plugin['type'])}: ${result.stdout}${result.stderr}`);
		return result.stdout ? (JSON.parse(result.stdout) as unknown) : previous;
	}

	/** The pod's address (CIDR) as host-local gave it. */
	add(): string {
		let previous: unknown = null;
		this.added = true;
		for (const plugin of this.plugins()) previous = this.call('ADD', plugin, previous);
		const ips = (previous as {ips?: Array<{address: string}>}).ips ?? [];
		return ips[0]?.address ?? '';
	}

	del() {
		try {
			if (this.added) for (const plugin of this.plugins().reverse()) this.call('DEL', plugin, null);
		} finally {
			rmSync(this.dir, {recursive: true, force: true});
		}
	}
}
