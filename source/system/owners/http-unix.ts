// GET over a unix socket with node's own http client, cut off at a deadline:
// the Docker Engine API and podman's compatible one.
import {request} from 'node:http';

export class EngineTimeoutError extends Error {}

export function getUnix(socketPath: string, path: string, timeoutMs: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const req = request(
			{socketPath, path, method: 'GET', headers: {host: 'localhost'}, agent: false},
			response => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					clearTimeout(timer);
					const body = Buffer.concat(chunks).toString('utf8');
					if (response.statusCode === 200) resolve(body);
					else reject(new Error(`${path}: HTTP ${response.statusCode}`));
				});
				response.on('error', fail);
			},
		);
		function fail(error: Error) {
			clearTimeout(timer);
			reject(error);
		}
		const timer = setTimeout(() => {
			req.destroy();
			reject(new EngineTimeoutError(`no answer within ${timeoutMs} ms`));
		}, timeoutMs);
		req.on('error', fail);
		req.end();
	});
}
