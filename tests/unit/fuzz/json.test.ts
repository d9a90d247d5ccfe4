// Stackmap JSON import fuzzed (parseMapJson): random text, the corpus as JSON mutated, deep nesting,
// 1 MB of pathological shapes; and format detection over every kind of input (readMapText).
import * as vitest from 'vitest';
import fc from 'fast-check';
import { parseMapJson, readMapText } from '../../../src/lib/formats/index.js';
import { CSV_CORPUS, JSON_CORPUS, MERMAID_CORPUS, OWM_CORPUS, expectLines, fuzzSuite, garbage, grow, mutated, RUNS } from './corpus.js';

const one = JSON.parse(JSON_CORPUS[0]) as { components: unknown[] };
const element = JSON.stringify(one.components[0] ?? { id: 'a', name: 'A' });

vitest.describe('parseMapJson', () => {
	fuzzSuite(parseMapJson, JSON_CORPUS, [
		['many components', (n) => `{"schemaVersion":1,"title":"x","components":[${grow(element + ',', n).slice(0, -1)}]}`],
		['deep arrays', (n) => '['.repeat(n / 2) + ']'.repeat(n / 2)],
		['deep objects', (n) => '{"a":'.repeat(n / 10) + '1' + '}'.repeat(n / 10)],
		['deep components', (n) => `{"components":[${'{"name":'.repeat(n / 10)}1${'}'.repeat(n / 10)}]}`],
		['unclosed arrays', (n) => '{"components":' + '['.repeat(n)],
		['unclosed braces', (n) => '{'.repeat(n)],
		['one unterminated string', (n) => '{"title":"' + 'x'.repeat(n)],
		['one huge string', (n) => `{"title":"${'x'.repeat(n)}"}`],
		['whitespace lines', (n) => '{' + '\n'.repeat(n) + '"components":[1]}'],
		['bad elements on many lines', (n) => `{"components":[\n${grow('{"id":7},\n', n)}{}]}`]
	], ['deep arrays', 'deep objects', 'unclosed arrays', 'one unterminated string', 'one huge string'], vitest);
});

vitest.describe('regressions', () => {
	vitest.it('reads no JSON nested past 64 levels (V8 took ~2 s on 1 MB of [[[…]]]), naming the line', () => {
		const r = parseMapJson('{\n"components": [\n' + '['.repeat(70) + ']'.repeat(70) + ']}');
		vitest.expect(r.errors).toEqual([{ line: 3, message: 'Not a Stackmap map: nested more than 64 levels deep' }]);
		const ok = parseMapJson(JSON_CORPUS[0].replace('"components":', `"deep": ${'['.repeat(40)}"[[[[{{{{"${']'.repeat(40)}, "components":`));
		vitest.expect(ok.errors).toEqual([]);
		const t = performance.now();
		parseMapJson('['.repeat(1 << 19) + ']'.repeat(1 << 19));
		vitest.expect(performance.now() - t).toBeLessThan(500);
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
