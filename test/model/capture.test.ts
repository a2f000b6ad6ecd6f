import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
	captureArgv,
	decoderArgv,
	defaultPcapPath,
	filterCheckArgv,
	filterFromText,
	PcapCounter,
	validateCaptureCount,
	validateCaptureFilter,
	validateCaptureInterface,
	validatePcapPath,
} from '../../source/model/capture.js';

test('the capture runs tcpdump inside the namespace, writing pcap to stdout, bounded by a count; the filter after --', () => {
	assert.deepEqual(captureArgv({name: 'web'}, 'eth0', 100, ['icmp', 'or', 'port', '53']), [
		'ip',
		'netns',
		'exec',
		'web',
		'tcpdump',
		'-i',
		'eth0',
		'-n',
		'-U',
		'--immediate-mode',
		'-w',
		'-',
		'-c',
		'100',
		'--',
		'icmp',
		'or',
		'port',
		'53',
	]);
	assert.deepEqual(captureArgv({path: '/proc/7/ns/net'}, '-x', 5, []).slice(0, 5), [
		'nsenter',
		'--net=/proc/7/ns/net',
		'tcpdump',
		'-i',
		'-x',
	]);
	assert.deepEqual(captureArgv('current', 'lo', 5, []), [
		'tcpdump',
		'-i',
		'lo',
		'-n',
		'-U',
		'--immediate-mode',
		'-w',
		'-',
		'-c',
		'5',
	]);
	assert.deepEqual(filterCheckArgv({name: 'web'}, 'eth0', ['-bad']), [
		'ip',
		'netns',
		'exec',
		'web',
		'tcpdump',
		'-d',
		'-i',
		'eth0',
		'--',
		'-bad',
	]);
	assert.deepEqual(decoderArgv, ['tcpdump', '-l', '-nn', '-r', '-']);
});

test('validation: counts, filters, interface names as the kernel allows them, file names', () => {
	assert.deepEqual(validateCaptureCount(' 300 '), {ok: true, value: 300});
	assert.equal(validateCaptureCount('0').ok, false);
	assert.equal(validateCaptureCount('1e3').ok, false);
	assert.equal(validateCaptureCount('99999999').ok, false);
	assert.deepEqual(filterFromText('  icmp   and host 1.2.3.4 '), [
		'icmp',
		'and',
		'host',
		'1.2.3.4',
	]);
	assert.deepEqual(filterFromText(''), []);
	assert.equal(validateCaptureFilter(['a\0b']).ok, false);
	assert.equal(validateCaptureFilter(['x'.repeat(5000)]).ok, false);
	assert.equal(validateCaptureInterface('e\u001b[2Jx').ok, true);
	assert.equal(validateCaptureInterface('-x').ok, false);
	assert.deepEqual(validatePcapPath(' /tmp/a.pcap '), {ok: true, value: '/tmp/a.pcap'});
	assert.equal(validatePcapPath('').ok, false);
	assert.equal(validatePcapPath('/tmp/').ok, false);
});

test('the default pcap path names the namespace and interface, safely', () => {
	const when = new Date(2026, 11, 2, 1, 45, 7);
	assert.equal(
		defaultPcapPath('/root/.local/state/nstui/', 'web', 'eth0', when),
		'/root/.local/state/nstui/nstui-web-eth0-20261202-014507.pcap',
	);
	assert.equal(
		defaultPcapPath('/tmp/x', '<unnamed> pid 4 x', 'e\u001b[2J/../x', when),
		'/tmp/x/nstui-_unnamed__pid_4_x-e__2J_.._x-20261202-014507.pcap',
	);
	assert.equal(defaultPcapPath('/d', '-n', '.', when), '/d/nstui-_n-_-20261202-014507.pcap');
});

/** A pcap stream: the file header, then each packet with its 16-byte header. */
function pcap(lengths: number[], littleEndian: boolean): Buffer {
	const header = Buffer.alloc(24);
	if (littleEndian) header.writeUInt32LE(0xa1b2c3d4, 0);
	else header.writeUInt32BE(0xa1b2c3d4, 0);
	const packets = lengths.map(length => {
		const record = Buffer.alloc(16 + length, 7);
		if (littleEndian) record.writeUInt32LE(length, 8);
		else record.writeUInt32BE(length, 8);
		return record;
	});
	return Buffer.concat([header, ...packets]);
}

test('PcapCounter counts packets however the stream is cut into chunks, in either byte order', () => {
	fc.assert(
		fc.property(
			fc.array(fc.integer({min: 0, max: 300}), {maxLength: 30}),
			fc.array(fc.integer({min: 1, max: 64}), {minLength: 1}),
			fc.boolean(),
			(lengths, cuts, littleEndian) => {
				const stream = pcap(lengths, littleEndian);
				const counter = new PcapCounter();
				let at = 0;
				for (let index = 0; at < stream.length; index++) {
					const size = cuts[index % cuts.length]!;
					counter.add(stream.subarray(at, at + size));
					at += size;
				}
				return (
					counter.packets === lengths.length &&
					counter.bytes === stream.length &&
					counter.wholeBytes === stream.length
				);
			},
		),
	);
});

test('wholeBytes ends before a packet that has not fully arrived', () => {
	const stream = pcap([10, 20], true);
	const counter = new PcapCounter();
	counter.add(stream.subarray(0, 24 + 16 + 10 + 5));
	assert.equal(counter.wholeBytes, 24 + 26);
	counter.add(stream.subarray(24 + 16 + 10 + 5, stream.length - 1));
	assert.equal(counter.wholeBytes, 24 + 26);
	counter.add(stream.subarray(stream.length - 1));
	assert.equal(counter.wholeBytes, stream.length);
	assert.equal(new PcapCounter().wholeBytes, 0);
});

test('a namespace on the command line: by name, inode, net:[inode], the host, or its owner; ambiguity named', async () => {
	const {resolveNamespace} = await import('../../source/model/namespace-match.js');
	const {namespace} = await import('../fixtures/synthetic-snapshots.js');
	const owner = (id: string, name: string) => ({
		engine: 'docker' as const,
		id,
		name,
		image: 'nginx',
		labels: {},
		containers: [{id, name, image: 'nginx', labels: {}}],
		cgroup: '',
		note: null,
	});
	const host = namespace(1, null, {root: true});
	const web = namespace(4026532386, 'web');
	const c1 = namespace(3, null, {owner: owner('abcdef0123456789', 'shop-1')});
	const c2 = namespace(4, null, {owner: owner('abcd99', 'shop-2')});
	const snapshot = {version: 1 as const, takenAt: '', namespaces: [host, web, c1, c2]};
	const inode = (term: string) => {
		const found = resolveNamespace(snapshot, term);
		return found.ok ? found.value.inode : found.reason;
	};
	assert.equal(inode('web'), 4026532386);
	assert.equal(inode('4026532386'), 4026532386);
	assert.equal(inode('net:[4026532386]'), 4026532386);
	assert.equal(inode('host'), 1);
	assert.equal(inode('shop-1'), 3);
	assert.equal(inode('docker shop-2'), 4);
	assert.equal(inode('abcdef01'), 3);
	assert.match(String(inode('abcd')), /names 2 namespaces/);
	assert.match(String(inode('nginx')), /names 2 namespaces/);
	assert.match(String(inode('x\u001b[2J')), /no namespace is named "x\\e\[2J"/);
});
