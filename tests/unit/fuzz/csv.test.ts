// CSV import fuzzed (readMapText as CSV: parseCsv, the column guess, csvToMap): random text, the
// domain CSVs and the corpus as registers mutated, 1 MB of pathological shapes.
import * as vitest from 'vitest';
import { readMapText } from '../../../src/lib/formats/index.js';
import { parseCsv } from '../../../src/lib/formats/csv/index.js';
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
		// Rows of register size: a megabyte of 4-byte rows is 260,000 components, bound by the per-row
		// cost (linear, about 25 µs a row; see the regression below), not by the line ends.
		['lone CRs', (n) => HEAD + grow('Kettle,Acme,"Boil 2","Water; Power",0.5,0.5\r', n)],
		['blank lines', (n) => HEAD + '\n'.repeat(n)],
		['one name on every row', (n) => HEAD + grow('Kettle,Acme,"Boil 2","Water; Power",0.5,0.5\r\n', n)],
		['a dependency cell of many parts', (n) => HEAD + 'A,,,"' + 'x;'.repeat(n / 2) + '",0.5,0.5\n']
	], ['one name on every row', 'a dependency cell of many parts', 'one unterminated quote', 'quotes everywhere', 'doubled quotes', 'one huge cell', 'one very wide row'], vitest);

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
	vitest.it('places 300,000 unplaced rows (Math.max over every depth overflowed the stack and threw)', () => {
		const r = readCsv(HEAD + 'A,B\r'.repeat(300_000));
		vitest.expect(r.map.components.length).toBe(300_000);
	}, 60_000);
	vitest.it('renames n copies of one name in linear time (each copy rescanned the suffixes: 1 MB took minutes)', () => {
		const text = HEAD + 'Kettle,,,,0.5,0.5\n'.repeat(20_000);
		const t = performance.now();
		const r = readCsv(text);
		vitest.expect(performance.now() - t).toBeLessThan(3000);
		vitest.expect(r.map.components.map((c) => c.name).slice(0, 3)).toEqual(['Kettle', 'Kettle (2)', 'Kettle (3)']);
		vitest.expect(r.map.components.at(-1)!.name).toBe('Kettle (20000)');
		const explicit = readCsv(HEAD + 'K,,,,0.5,0.5\nK (3),,,,0.5,0.5\nK,,,,0.5,0.5\nK,,,,0.5,0.5\nK,,,,0.5,0.5\n');
		vitest.expect(explicit.map.components.map((c) => c.name)).toEqual(['K', 'K (3)', 'K (2)', 'K (4)', 'K (5)']);
	}, 30_000);
	vitest.it('matches a long "Depends on" cell in linear time (every run of parts was tried: quadratic)', () => {
		const text = HEAD + 'A; B,,,,0.5,0.5\nC,,,"' + 'x;'.repeat(20_000) + 'A; B",0.5,0.5\n';
		const t = performance.now();
		const r = readCsv(text);
		vitest.expect(performance.now() - t).toBeLessThan(3000);
		vitest.expect(r.map.links).toHaveLength(1);
	}, 30_000);

	vitest.it('readMapText does not throw on a value that is not text (detectDelimiter threw a TypeError)', () => {
		vitest.expect(readMapText(undefined as unknown as string, { format: 'csv' }).errors[0].line).toBe(1);
	});
});
