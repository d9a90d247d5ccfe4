// CSV import fuzzed (readMapText as CSV: parseCsv, the column guess, csvToMap): random text, the
// domain CSVs and the corpus as registers mutated, 1 MB of pathological shapes.
import * as vitest from 'vitest';
import { readMapText } from '../../../src/lib/formats/index.js';
import { parseCsv } from '../../../src/lib/formats/csv/index.js';
import { CSV_CORPUS, expectLines, fuzzSuite, mutated, RUNS } from './corpus.js';
import { CSV_HEAD, CSV_SHAPES, csvLongDependsOn, csvRepeatedName } from './shapes.js';
import { LOOKUPS, countCalls } from '../../helpers/count-calls.js';
import fc from 'fast-check';

const readCsv = (text: string) => readMapText(text, { format: 'csv' });

/** Map and Set lookups of reading `text` (a count of work: linear code doubles it for twice the input). */
function lookups(text: string): number {
	return countCalls(() => readCsv(text), LOOKUPS);
}

vitest.describe('CSV import', () => {
	fuzzSuite(readCsv, CSV_CORPUS, CSV_SHAPES, vitest);

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
		const r = readCsv(CSV_HEAD + 'A,B\r'.repeat(300_000));
		vitest.expect(r.map.components.length).toBe(300_000);
	}, 60_000);
	vitest.it('renames n copies of one name with work linear in n (each copy rescanned the suffixes: 1 MB took minutes)', () => {
		const r = readCsv(csvRepeatedName(20_000));
		vitest.expect(r.map.components.map((c) => c.name).slice(0, 3)).toEqual(['Kettle', 'Kettle (2)', 'Kettle (3)']);
		vitest.expect(r.map.components.at(-1)!.name).toBe('Kettle (20000)');
		// Linear work doubles for twice the copies; the rescan made it four times as much.
		vitest.expect(lookups(csvRepeatedName(4_000)) / lookups(csvRepeatedName(2_000))).toBeLessThan(2.5);
		const explicit = readCsv(CSV_HEAD + 'K,,,,0.5,0.5\nK (3),,,,0.5,0.5\nK,,,,0.5,0.5\nK,,,,0.5,0.5\nK,,,,0.5,0.5\n');
		vitest.expect(explicit.map.components.map((c) => c.name)).toEqual(['K', 'K (3)', 'K (2)', 'K (4)', 'K (5)']);
	}, 30_000);
	vitest.it('matches a long "Depends on" cell with work linear in its parts (every run of parts was tried: quadratic)', () => {
		const r = readCsv(csvLongDependsOn(20_000));
		vitest.expect(r.map.links).toHaveLength(1);
		vitest.expect(lookups(csvLongDependsOn(1_000)) / lookups(csvLongDependsOn(500))).toBeLessThan(2.5);
	}, 30_000);

	vitest.it('readMapText does not throw on a value that is not text (detectDelimiter threw a TypeError)', () => {
		vitest.expect(readMapText(undefined as unknown as string, { format: 'csv' }).errors[0].line).toBe(1);
	});
});
