// `stackmap convert` gives the same bytes for the same input (issue 21, item 21): run in-process
// through the CLI's own convert(), twice, for each text output and each input format that makes ids.
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../cli/args.js';
import { convert } from '../../../cli/convert.js';

const OWM = 'tests/fixtures/owm-golden/golden-master.owm';

async function convertOnce(argv: string[]): Promise<string> {
	let out = '';
	const stdout = new Writable({
		write(chunk, _enc, done) {
			out += String(chunk);
			done();
		}
	});
	const stderr = new Writable({ write: (_c, _e, done) => done() });
	const code = await convert(parseCliArgs(['convert', ...argv, '-q']), { stdin: new PassThrough(), stdout, stderr });
	expect(code).toBe(0);
	return out;
}

describe('convert', () => {
	it.each(['svg', 'json', 'owm', 'mermaid'])('writes the same %s twice from the same OWM file', async (to) => {
		const first = await convertOnce([OWM, '--to', to]);
		const second = await convertOnce([OWM, '--to', to]);
		expect(first.length).toBeGreaterThan(100);
		expect(second).toBe(first);
	});
});
