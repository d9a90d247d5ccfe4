// Read limits: every import format stops at the first line past a limit (components, all
// elements, lines), says which limit and where, and counts the components a text has.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMapText, writeMapText, type InputFormat } from '../../../src/lib/formats/index.js';
import { NO_READ_LIMITS, readLimitsFor, type ReadLimits } from '../../../src/lib/map/index.js';
import { CSV_CORPUS, JSON_CORPUS, MERMAID_CORPUS, OWM_CORPUS, RUNS, expectLines, lineCount, mutated } from '../fuzz/corpus.js';

const LIMITS: ReadLimits = { maxComponents: 3, maxElements: 6, maxLines: 40 };

/** OWM text of `n` components and `links` distinct links between them (each to the next, then the one after). */
function owm(n: number, links = 0): string {
	const lines = ['title Limits'];
	for (let i = 1; i <= n; i++) lines.push(`component C${i} [0.${i % 10}, 0.5]`);
	for (let k = 0; k < links; k++) lines.push(`C${(k % n) + 1}->C${((k % n) + 1 + Math.floor(k / n)) % n + 1}`);
	return lines.join('\n');
}

/** The same map in `format` (read without limits, written out). */
function inFormat(format: InputFormat, text: string): string {
	return format === 'owm' ? text : writeMapText(readMapText(text).map, format);
}

/** The 1-based line on which the `k`-th (1-based) line matching `pattern` is. */
function lineOf(text: string, pattern: RegExp, k: number): number {
	const lines = text.split('\n');
	let seen = 0;
	for (let i = 0; i < lines.length; i++) if (pattern.test(lines[i]) && ++seen === k) return i + 1;
	throw new Error(`no ${k}th line matching ${pattern}`);
}

/** Where the k-th component starts, as each format writes it. */
const COMPONENT_LINE: Record<InputFormat, (text: string, k: number) => number> = {
	owm: (t, k) => lineOf(t, /^component /, k),
	mermaid: (t, k) => lineOf(t, /^component /, k),
	csv: (t, k) => k + 1,
	// The component's object opens on the line before its id.
	json: (t, k) => lineOf(t, /^ {6}"id": /, k) - 1
};

describe('read limits', () => {
	it.each(['owm', 'mermaid', 'csv', 'json'] as const)('%s: a map at every limit is read whole', (format) => {
		const text = inFormat(format, owm(3, 3));
		const r = readMapText(text, { format, limits: LIMITS });
		expect(r.overLimit).toBeUndefined();
		expect(r.map.components).toHaveLength(3);
		expect(r.map.links).toHaveLength(3);
	});

	it.each(['owm', 'mermaid', 'csv', 'json'] as const)('%s: one component too many stops at its line, and says how many the text has', (format) => {
		const text = inFormat(format, owm(5));
		const r = readMapText(text, { format, limits: LIMITS });
		expect(r.overLimit).toEqual({
			limit: 'components',
			line: COMPONENT_LINE[format](text, 4),
			count: 5,
			message: 'This map has 5 components: a map holds at most 3. Split it into several maps.'
		});
		expect(r.map.components).toEqual([]);
	});

	it.each(['owm', 'mermaid', 'csv', 'json'] as const)('%s: one element too many (a link) stops there', (format) => {
		const text = inFormat(format, owm(3, 4));
		const r = readMapText(text, { format, limits: LIMITS });
		expect(r.overLimit?.limit).toBe('elements');
		expect(r.overLimit?.count).toBe(7);
		expect(r.overLimit?.message).toBe(
			'This map has more than 6 elements (components, links, notes and the like): a map holds at most 6. Split it into several maps.'
		);
		if (format === 'owm') expect(r.overLimit?.line).toBe(lineOf(text, /->/, 4));
		expect(r.map.links).toEqual([]);
	});

	it.each(['owm', 'mermaid', 'csv'] as const)('%s: a text of more lines than allowed is not read at all', (format) => {
		const text = inFormat(format, owm(2)) + '\n'.repeat(60);
		const lines = text.split('\n').length;
		const r = readMapText(text, { format, limits: LIMITS });
		expect(r.overLimit).toEqual({ limit: 'lines', line: 41, count: lines, message: `This text has ${lines} lines: an import reads at most 40. Split it into several maps.` });
	});

	it('CSV counts a lone CR as a line end; OWM does not', () => {
		const text = 'Name\rA\r'.repeat(30);
		expect(readMapText(text, { format: 'csv', limits: LIMITS }).overLimit?.limit).toBe('lines');
		expect(readMapText(text, { format: 'owm', limits: LIMITS }).overLimit).toBeUndefined();
	});

	it('JSON has no line limit: a pretty-printed map is many lines per element', () => {
		const text = inFormat('json', owm(3, 3));
		expect(text.split('\n').length).toBeGreaterThan(LIMITS.maxLines);
		expect(readMapText(text, { limits: LIMITS }).overLimit).toBeUndefined();
	});

	it('counts components written past the limit anywhere: pipeline children, legacy keywords, after comments', () => {
		const text = [owm(4), 'pipeline C1', '{', '  component P1 [0.2]', '  component P2 [0.3]', '}', '/* component Hidden [0.5, 0.5] */', 'market M [0.5, 0.5]', 'C1->C2'].join('\n');
		const r = readMapText(text, { limits: LIMITS });
		expect(r.overLimit?.count).toBe(7);
		expect(r.overLimit?.message).toBe('This map has 7 components: a map holds at most 3. Split it into several maps.');
	});

	it('stops a million-line text (5 MB of A->B) at its line count, reading none of it', () => {
		const text = 'A->B\n'.repeat(1_000_000);
		const r = readMapText(text, { limits: readLimitsFor({ maxComponents: 5000, maxDocBytes: 2 * 1024 * 1024 }) });
		expect(r.format).toBe('owm');
		expect(r.overLimit).toEqual({
			limit: 'lines',
			line: 100_001,
			count: 1_000_001,
			message: 'This text has 1,000,001 lines: an import reads at most 100,000. Split it into several maps.'
		});
		expect(r.warnings).toEqual([]);
	});

	it('reads JSON nested past its depth as JSON without parsing it', () => {
		const r = readMapText('['.repeat(100_000));
		expect(r.format).toBe('json');
		expect(r.errors).toEqual([{ line: 1, message: 'Not a Stackmap map: nested more than 64 levels deep' }]);
	});

	it('without limits reads everything (the CLI)', () => {
		const r = readMapText(owm(10, 20), { limits: NO_READ_LIMITS });
		expect(r.overLimit).toBeUndefined();
		expect(r.map.components).toHaveLength(10);
	});
});

describe('read limits, fuzzed', () => {
	const corpora = { owm: OWM_CORPUS, mermaid: MERMAID_CORPUS, json: JSON_CORPUS, csv: CSV_CORPUS };
	const limits = fc.record({ maxComponents: fc.nat(40), maxElements: fc.nat(80), maxLines: fc.integer({ min: 1, max: 400 }) });
	it.each(Object.keys(corpora) as InputFormat[])('%s: never throws; a stop names a real line and leaves nothing read', (format) => {
		fc.assert(
			fc.property(mutated(corpora[format]), limits, fc.boolean(), (text, l, detect) => {
				const r = readMapText(text, { format: detect ? undefined : format, limits: l });
				expectLines(text, r.errors);
				expectLines(text, r.warnings);
				if (!r.overLimit) return;
				expect(r.map.components).toEqual([]);
				expect(r.overLimit.line).toBeLessThanOrEqual(lineCount(text));
				expect(r.overLimit.count).toBeGreaterThan(r.overLimit.limit === 'components' ? l.maxComponents : r.overLimit.limit === 'lines' ? l.maxLines : l.maxElements);
			}),
			{ ...RUNS, numRuns: 200 }
		);
	}, 60_000);
});

describe('readLimitsFor', () => {
	it.each([
		[{ maxComponents: 5000, maxDocBytes: 2 * 1024 * 1024 }, { maxComponents: 5000, maxElements: 50_000, maxLines: 100_000 }],
		// A larger document allows more elements than could fit in it at 50 bytes each.
		[{ maxComponents: 5000, maxDocBytes: 10 * 1024 * 1024 }, { maxComponents: 5000, maxElements: 209_716, maxLines: 419_432 }],
		[{ maxComponents: 80_000, maxDocBytes: 2 * 1024 * 1024 }, { maxComponents: 80_000, maxElements: 80_000, maxLines: 160_000 }]
	])('%o → %o', (limits, expected) => expect(readLimitsFor(limits)).toEqual(expected));
});
