// issue 26: published ports, traced as real hosts run them. A dockerd of the
// test's own runs inside a test namespace that stands in for the host (its
// docker0, iptables and ip_forward there only), with `-p 8080:80` to busybox
// httpd; a client namespace beside it asks over HTTP each time, and the trace
// must agree with it: through, dropped by DOCKER-USER, nothing listening. The
// same for a hostPort of CNI's bridge + host-local + portmap plugins.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {spawn, spawnSync} from 'node:child_process';
import {discover} from '../../source/system/discovery/discoverer.js';
import {traceBetween} from '../../source/system/trace/run-trace.js';
import type {Trace} from '../../source/model/trace/types.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {findAnything} from '../../source/model/find.js';
import {publishedText} from '../../source/model/published-ports.js';
import {readFirewall} from '../../source/system/namespace-details.js';
import {addPublishedPorts} from '../../source/system/published-ports.js';
import {busybox, needsEngine, PrivateDocker} from '../helpers/engines.js';
import {CniNetwork, needsCni} from '../helpers/cni.js';
import {ip, Lab, sh} from '../helpers/lab.js';

const ipForward = () => readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim();

/** A real HTTP client in `ns` (node itself): the status, or why it failed (refused, timeout). */
export function httpFrom(ns: string, url: string): string {
	const script = `require('http').get(${JSON.stringify(url)},{timeout:3000},r=>{console.log(r.statusCode);process.exit(0)}).on('timeout',()=>{console.log('timeout');process.exit(0)}).on('error',e=>{console.log(e.code);process.exit(0)})`;
	const result = spawnSync('ip', ['netns', 'exec', ns, process.execPath, '-e', script], {
		encoding: 'utf8',
		timeout: 10_000,
	});
	return result.stdout.trim() || `no answer (${result.stderr.trim()})`;
}

/** A namespace for the host and one for a client, joined by a veth: 198.51.100.1 and .2. */
export function hostAndClient(lab: Lab) {
	const host = lab.ns('host');
	const client = lab.ns('client');
	ip(
		'-n',
		host,
		'link',
		'add',
		'eth-host',
		'type',
		'veth',
		'peer',
		'name',
		'eth-cli',
		'netns',
		client,
	);
	ip('-n', host, 'addr', 'add', '198.51.100.1/24', 'dev', 'eth-host');
	ip('-n', client, 'addr', 'add', '198.51.100.2/24', 'dev', 'eth-cli');
	ip('-n', host, 'link', 'set', 'eth-host', 'up');
	ip('-n', client, 'link', 'set', 'eth-cli', 'up');
	return {host, client};
}

async function traced(from: string, to: string): Promise<Trace> {
	const {snapshot} = await discover({owners: false});
	const outcome = await traceBetween(snapshot, from, to);
	assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason);
	return outcome.trace;
}

const failed = (trace: Trace) =>
	[...trace.forward, ...trace.return].flatMap(hop => hop.checks).find(check => check.ok === false);

describe(
	'published ports of a dockerd inside a test namespace',
	{skip: needsEngine('dockerd', 'docker', 'nsenter', 'iptables')},
	() => {
		const lab = new Lab('tpub');
		const forwardBefore = ipForward();
		let docker: PrivateDocker;
		let host = '';
		let client = '';
		const image = `nstui-tpub-${process.pid}:1`;
		const url = 'http://198.51.100.1:8080/';

		before(async () => {
			({host, client} = hostAndClient(lab));
			docker = new PrivateDocker(host);
			await docker.start();
			await docker.importImage(image);
			await docker.docker(
				'run',
				'-d',
				'--name',
				'web',
				'-p',
				'8080:80',
				image,
				'/bin/sh',
				'-c',
				'mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 80 -h /www',
			);
			// The server is up once it answers the real client.
			for (let tries = 0; tries < 50 && httpFrom(client, url) !== '200'; tries++)
				await new Promise(resolve => setTimeout(resolve, 100));
		});
		after(async () => {
			await docker?.stop();
			await lab.teardown();
		});

		test("dockerd changed the test namespace, not the host's", () => {
			assert.equal(ipForward(), forwardBefore, "the host's ip_forward is as it was");
			assert.equal(
				sh('ip', 'netns', 'exec', host, 'sysctl', '-n', 'net.ipv4.ip_forward').trim(),
				'1',
			);
			assert.match(
				sh('ip', 'netns', 'exec', host, 'iptables-save', '-t', 'nat'),
				/-j DNAT --to-destination 172\.17\.0\.2:80/,
			);
		});

		test('the server up: ✓ through the DNAT to the container, as the client sees', async () => {
			assert.equal(httpFrom(client, url), '200');
			const trace = await traced(client, '198.51.100.1:8080');
			assert.equal(trace.broken, null, trace.broken?.sentence);
			const destination = trace.forward.at(-1)!;
			assert.equal(destination.role, 'destination');
			assert.equal(destination.packet.dst, '172.17.0.2');
			assert.equal(destination.packet.dport, 80);
			assert.ok(
				trace.forward.some(hop =>
					hop.checks.some(check => /DNAT --to-destination 172\.17\.0\.2:80/.test(check.text)),
				),
				'the DNAT rule is named',
			);
			assert.ok(
				!trace.forward.some(hop => hop.checks.some(check => /docker-proxy/.test(check.text))),
				'docker-proxy is not what answers from outside',
			);
		});

		test('the published ports: snapshot --json --ports, find :8080 and the details reading', async () => {
			// What `snapshot --json --ports` adds, for this test's namespaces (the host may hold hundreds of others).
			process.env['DOCKER_HOST'] = docker.host;
			const {snapshot: whole} = await discover({}).finally(() => delete process.env['DOCKER_HOST']);
			const ours = new Set(
				whole.namespaces
					.filter(ns => ns.name === host || ns.name === client || ns.owner?.engine === 'docker')
					.map(ns => ns.inode),
			);
			const snapshot: Snapshot = {
				...whole,
				namespaces: whole.namespaces.filter(ns => ours.has(ns.inode)),
			};
			await addPublishedPorts(snapshot);
			const hostNs = snapshot.namespaces.find(ns => ns.name === host)!;
			const container = snapshot.namespaces.find(ns => ns.owner?.name === 'web')!;
			assert.ok(container, 'the container is named by its owner');
			const byRule = hostNs.ports!.find(port => port.source === 'docker')!;
			assert.deepEqual(
				[byRule.address, byRule.port, byRule.protocol, byRule.to.address, byRule.to.port],
				['*', 8080, 'tcp', '172.17.0.2', 80],
			);
			assert.equal(byRule.to.namespace, container.inode, 'it leads to the container');
			assert.match(
				byRule.rule,
				/^PREROUTING → DOCKER: -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT/,
			);
			assert.ok(
				hostNs.ports!.some(
					port =>
						port.source === 'docker-proxy' &&
						port.port === 8080 &&
						port.to.namespace === container.inode,
				),
				'docker-proxy is listed too',
			);
			assert.match(
				publishedText(byRule),
				/^\*:8080\/tcp → docker web 172\.17\.0\.2:80 \(docker\)$/,
			);
			const found = findAnything(snapshot, ':8080').filter(result => result.match === 'published');
			assert.ok(
				found.some(result => result.namespace === hostNs.inode),
				'find :8080 finds it where it is published',
			);
			const details = await readFirewall({name: host});
			assert.ok(
				details.value?.published?.some(
					port => port.port === 8080 && port.to.address === '172.17.0.2',
				),
			);
		});

		test('a DROP in DOCKER-USER: the trace names that rule, the client times out', async () => {
			const rule = [
				'DOCKER-USER',
				'-s',
				'198.51.100.2',
				'-p',
				'tcp',
				'--dport',
				'80',
				'-j',
				'DROP',
			];
			sh('ip', 'netns', 'exec', host, 'iptables', '-I', ...rule);
			try {
				assert.equal(httpFrom(client, url), 'timeout');
				const trace = await traced(client, '198.51.100.1:8080');
				assert.match(
					trace.broken?.sentence ?? '',
					/drops it in filter FORWARD by `-A DOCKER-USER -s 198\.51\.100\.2\/32 -p tcp -m tcp --dport 80 -j DROP`/,
				);
			} finally {
				sh('ip', 'netns', 'exec', host, 'iptables', '-D', ...rule);
			}
		});

		test('the server stopped: nothing listens in the container, the client is refused', async () => {
			// The same container name and published port, with no server in it.
			await docker.docker('rm', '-f', 'web');
			await docker.docker(
				'run',
				'-d',
				'--name',
				'web',
				'-p',
				'8080:80',
				image,
				'/bin/sleep',
				'600',
			);
			assert.equal(httpFrom(client, url), 'ECONNREFUSED');
			const trace = await traced(client, '198.51.100.1:8080');
			assert.match(
				trace.broken?.sentence ?? '',
				/^nothing in .+ listens on 172\.17\.0\.\d+:80\/tcp/,
			);
			assert.match(failed(trace)?.text ?? '', /nothing listens on 172\.17\.0\.\d+:80\/tcp/);
		});

		test("from the host's own loopback, docker-proxy is what listens", async () => {
			const trace = await traced(host, '127.0.0.1:8080');
			assert.equal(trace.broken, null, trace.broken?.sentence);
			assert.ok(
				trace.forward.at(-1)!.checks.some(check => /docker-proxy .* listens on/.test(check.text)),
			);
		});
	},
);

describe(
	"a hostPort of CNI's portmap, as a Kubernetes node wires a pod",
	{skip: needsCni() || needsEngine('nsenter', 'iptables')},
	() => {
		const lab = new Lab('tcni');
		const forwardBefore = ipForward();
		const www = mkdtempSync('/tmp/nstui-tcni-www-');
		let cni: CniNetwork;
		let host = '';
		let client = '';
		let pod = '';
		let podAddress = '';
		const url = 'http://198.51.100.1:30080/';

		before(async () => {
			({host, client} = hostAndClient(lab));
			pod = lab.ns('pod');
			cni = new CniNetwork(host, pod, '10.244.0.0/24', [
				{hostPort: 30080, containerPort: 80, protocol: 'tcp'},
			]);
			podAddress = cni.add().split('/')[0]!;
			writeFileSync(`${www}/index.html`, 'ok\n');
			const server = spawn(
				'ip',
				['netns', 'exec', pod, busybox!, 'httpd', '-f', '-p', '80', '-h', www],
				{
					stdio: 'ignore',
				},
			);
			lab.processes.push(server);
			for (let tries = 0; tries < 50 && httpFrom(client, url) !== '200'; tries++)
				await new Promise(resolve => setTimeout(resolve, 100));
		});
		after(async () => {
			try {
				cni?.del();
			} finally {
				await lab.teardown();
				rmSync(www, {recursive: true, force: true});
			}
		});

		test("the hostPort: ✓ through CNI-DN-…'s DNAT to the pod, as a real client sees; the host untouched", async () => {
			assert.equal(podAddress, '10.244.0.2');
			assert.equal(httpFrom(client, url), '200');
			const trace = await traced(client, '198.51.100.1:30080');
			assert.equal(trace.broken, null, trace.broken?.sentence);
			assert.equal(trace.forward.at(-1)!.packet.dst, podAddress);
			assert.ok(
				trace.forward.some(hop =>
					hop.checks.some(check =>
						/CNI-DN-\S+ .*-j DNAT --to-destination 10\.244\.0\.2:80/.test(check.text),
					),
				),
				'the DNAT rule is named',
			);
			// The masquerade mark is set only for hairpin and loopback traffic: not "may apply" on this path.
			assert.ok(
				!trace.forward.some(hop =>
					hop.checks.some(check => /--mark 0x2000.*may apply/.test(check.text)),
				),
				'no MASQUERADE-by-mark noise',
			);
			assert.equal(ipForward(), forwardBefore, "the host's ip_forward is as it was");
		});

		test('the server stopped: nothing listens in the pod, the client is refused', async () => {
			for (const child of lab.processes.splice(0)) child.kill('SIGKILL');
			for (let tries = 0; tries < 50 && httpFrom(client, url) !== 'ECONNREFUSED'; tries++)
				await new Promise(resolve => setTimeout(resolve, 100));
			assert.equal(httpFrom(client, url), 'ECONNREFUSED');
			const trace = await traced(client, '198.51.100.1:30080');
			assert.match(trace.broken?.sentence ?? '', /^nothing in .+ listens on 10\.244\.0\.2:80\/tcp/);
		});
	},
);
