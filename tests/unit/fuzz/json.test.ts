// Stackmap JSON import fuzzed (parseMapJson): random text, the corpus as JSON mutated, deep nesting,
// 1 MB of pathological shapes; and format detection over every kind of input (readMapText).
import * as vitest from 'vitest';
import fc from 'fast-check';
import { parseMapJson, readMapText } from '../../../src/lib/formats/index.js';
import { CSV_CORPUS, JSON_CORPUS, MERMAID_CORPUS, OWM_CORPUS, expectLines, fuzzSuite, garbage, mutated, RUNS } from './corpus.js';
import { JSON_SHAPES } from './shapes.js';
import { countCalls } from '../../helpers/count-calls.js';

vitest.describe('parseMapJson', () => {
	fuzzSuite(parseMapJson, JSON_CORPUS, JSON_SHAPES, vitest);
});

vitest.describe('regressions', () => {
	vitest.it('reads no JSON nested past 64 levels (V8 took ~2 s on 1 MB of [[[…]]]), naming the line', () => {
		const r = parseMapJson('{\n"components": [\n' + '['.repeat(70) + ']'.repeat(70) + ']}');
		vitest.expect(r.errors).toEqual([{ line: 3, message: 'Not a Stackmap map: nested more than 64 levels deep' }]);
		const ok = parseMapJson(JSON_CORPUS[0].replace('"components":', `"deep": ${'['.repeat(40)}"[[[[{{{{"${']'.repeat(40)}, "components":`));
		vitest.expect(ok.errors).toEqual([]);
		// Refused before JSON.parse, which was the slow part.
		let deep: ReturnType<typeof parseMapJson> | undefined;
		vitest.expect(countCalls(() => (deep = parseMapJson('['.repeat(1 << 19) + ']'.repeat(1 << 19))), [[JSON, 'parse']])).toBe(0);
		vitest.expect(deep!.errors).toEqual([{ line: 1, message: 'Not a Stackmap map: nested more than 64 levels deep' }]);
	});
	vitest.it('does not throw on a value that is not text (threw a TypeError)', () => {
		vitest.expect(parseMapJson(undefined as unknown as string).errors[0].line).toBe(1);
	});
});

vitest.describe('readMapText (detected format)', () => {
	const all = [...OWM_CORPUS, ...MERMAID_CORPUS, ...JSON_CORPUS, ...CSV_CORPUS];
	vitest.it('never throws and names real lines, whatever it detects', () => {
		fc.assert(
			fc.property(fc.oneof(garbage, mutated(all)), (text) => {
				const r = readMapText(text);
				expectLines(text, r.errors);
				expectLines(text, r.warnings);
			}),
			RUNS
		);
	}, 60_000);
});
