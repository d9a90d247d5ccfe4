// CSV import fuzzed (readMapText as CSV: parseCsv, the column guess, csvToMap): random text, the
// domain CSVs and the corpus as registers mutated, 1 MB of pathological shapes.
import * as vitest from 'vitest';
import { readMapText } from '../../../src/lib/convert/index.js';
import { parseCsv } from '../../../src/lib/csv/index.js';
import { CSV_CORPUS, expectLines, fuzzSuite, grow, mutated, RUNS } from './corpus.js';
import fc from 'fast-check';

const HEAD = 'Name,Supplier,Product,Depends on,Evolution,Visibility\n';
const readCsv = (text: string) => readMapText(text, { format: 'csv' });

vitest.describe('CSV import', () => {
	fuzzSuite(readCsv, CSV_CORPUS, [
		['the corpus, repeated', (n) => HEAD + grow(CSV_CORPUS.map((t) => t.split('\n').slice(1).join('\n')).join('\n'), n)],
		['rows', (n) => HEAD + grow('Kettle,Acme,"Boil 2","Water; Power",0.5,0.5\r\n', n)],
		['one unterminated quote', (n) => HEAD + '"' + 'x,'.repeat(n / 2)],
		['quotes everywhere', (n) => HEAD + '"'.repeat(n)],
		['doubled quotes', (n) => HEAD + '"' + '""'.repeat(n / 2) + '"'],
		['one huge cell', (n) => HEAD + 'A'.repeat(n)],
		['one very wide row', (n) => HEAD + ','.repeat(n)],
		['text after quotes', (n) => HEAD + grow('"a"b,', n)],
		['everyone depends on everyone', (n) => HEAD + Array.from({ length: n / 40 }, (_, i) => `C${i},,,"${'C' + (i + 1)};C0",0.5,0.5`).join('\n')],
		['lone CRs', (n) => HEAD + grow('A,B\r', n)],
		['blank lines', (n) => HEAD + '\n'.repeat(n)]
	], vitest);

	vitest.it('parseCsv keeps its rows on real lines, with any delimiter', () => {
		fc.assert(
			fc.property(mutated(CSV_CORPUS), fc.constantFrom(',', ';', '\t', '|'), (text, delimiter) => {
				const r = parseCsv(text, { delimiter });
				expectLines(text, r.errors);
				vitest.expect(r.rowLines).toHaveLength(r.rows.length);
				for (const line of r.rowLines) expectLines(text, [{ line, message: 'row' }]);
			}),
			RUNS
		);
	}, 60_000);
});

vitest.describe('regressions', () => {
	vitest.it('readMapText does not throw on a value that is not text (detectDelimiter threw a TypeError)', () => {
		vitest.expect(readMapText(undefined as unknown as string, { format: 'csv' }).errors[0].line).toBe(1);
	});
});
