// Is a program installed? For the tools nstui runs inside a namespace through
// `ip netns exec` / `nsenter`, whose own "not found" would hide which one is missing.
import {accessSync, constants, statSync} from 'node:fs';
import path from 'node:path';

/** The Debian package that provides each program nstui may run. */
export const debianPackageOf: Record<string, string> = {
	ip: 'iproute2',
	xargs: 'findutils',
	nsenter: 'util-linux',
	sysctl: 'procps',
	iptables: 'iptables',
	ip6tables: 'iptables',
	'iptables-save': 'iptables',
	'ip6tables-save': 'iptables',
	nft: 'nftables',
	ping: 'iputils-ping',
	tcpdump: 'tcpdump',
	termshark: 'termshark',
	perl: 'perl-base',
};

export function isExecutableFile(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

/** The full path of `program` on PATH, or null. */
export function findProgram(program: string, searchPath = process.env.PATH ?? ''): string | null {
	for (const dir of searchPath.split(':')) {
		if (dir === '') continue;
		const candidate = path.join(dir, program);
		if (isExecutableFile(candidate)) return candidate;
	}
	return null;
}

export function missingProgramMessage(program: string): string {
	const pkg = debianPackageOf[program];
	const hint = pkg ? `: install the Debian package ${pkg} (apt-get install ${pkg})` : '';
	return `${program} is not installed${hint}`;
}
