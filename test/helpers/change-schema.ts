// Checks a line of `nstui watch --json` against the documented schema
// (docs/timeline-change.schema.json) with Ajv, the reference validator: a
// validator of our own could share our misreading of the schema.
import {Ajv} from 'ajv';
import {readFileSync} from 'node:fs';

const schema = JSON.parse(
	readFileSync(new URL('../../docs/timeline-change.schema.json', import.meta.url), 'utf8'),
) as object;
const validate = new Ajv({allErrors: true, strict: true}).compile(schema);

/** What is wrong with the line (empty when it is valid). */
export function validateChangeLine(line: string): string[] {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch (error) {
		return [`not JSON: ${(error as Error).message}`];
	}
	if (validate(value)) return [];
	return (validate.errors ?? []).map(error => `${error.instancePath} ${error.message ?? ''}`);
}
