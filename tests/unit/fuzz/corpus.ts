// Shared inputs for the parser fuzz tests: the corpus of real documents (OWM examples, the golden
// master, the spec example, the shared domain CSVs) in every import format, hostile mutations of
// them, and checks every parse result must pass. Test-only.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { parseOwm, type Diagnostic } from '../../../src/lib/formats/owm/index.js';
import { printMermaid } from '../../../src/lib/formats/mermaid/index.js';
import { writeMapText } from '../../../src/lib/formats/index.js';

const root = join(import.meta.dirname, '..', '..', '..');

function filesIn(dir: string, ext: RegExp): string[] {
	try {
		return readdirSync(dir)
			.filter((f) => ext.test(f))
			.sort()
			.map((f) => readFileSync(join(dir, f), 'utf8'));
	} catch {
		return [];
	}
}

/** Every OWM document we have: the fixtures and the shared corpus (duplicates removed). */
export const OWM_CORPUS: readonly string[] = [
	...new Set([
		...filesIn(join(root, 'tests/fixtures/owm-examples'), /\.wm$/),
		...filesIn(join(root, 'tests/fixtures/owm-golden'), /\.owm$/),
		...filesIn(join(root, 'tests/fixtures/owm-spec'), /\.owm$/),
		...filesIn(join(root, '../shared/corpus/owm-examples'), /\.wm$/),
		...filesIn(join(root, '../shared/corpus/owm-golden'), /\.owm$/)
	])
];

const maps = OWM_CORPUS.map((t) => parseOwm(t).map);
/** The same maps as Mermaid wardley-beta. */
export const MERMAID_CORPUS: readonly string[] = maps.map((m) => printMermaid(m));
/** The same maps as Stackmap JSON. */
export const JSON_CORPUS: readonly string[] = maps.map((m) => writeMapText(m, 'json'));
/** The shared domain CSVs and the maps as component registers. */
export const CSV_CORPUS: readonly string[] = [...filesIn(join(root, '../shared/domain'), /\.csv$/), ...maps.map((m) => writeMapText(m, 'csv'))];

/** Pieces that break parsers: quotes, brackets, separators, line ends, odd code points. */
const SHARDS = [
	'"', "'", '""', '\\', '\\"', '[', ']', '{', '}', '(', ')', ',', ';', '\t', ':', '->', '+<>', '//', '/*', '*/', '%%',
	'\n', '\r', '\r\n', '\u2028', '\u0000', '\ufeff', '\ud800', '\udfff', '😀', 'é', '1e999', '-0', 'NaN', '0.5', 'null',
	'true', '"components":', '"id":', 'component ', 'evolve ', 'wardley-beta', '=cmd|', ' '.repeat(50)
];

export type Mutation = { at: number; cut: number; insert: string };

/** A hostile edit at a relative position: cut some characters, insert shards or a repeat of the text. */
export const mutation: fc.Arbitrary<Mutation> = fc.record({
	at: fc.double({ min: 0, max: 1, noNaN: true }),
	cut: fc.oneof(fc.constant(0), fc.nat(20), fc.nat(2000)),
	insert: fc.oneof(
		fc.constant(''),
		fc.array(fc.constantFrom(...SHARDS), { maxLength: 8 }).map((a) => a.join('')),
		fc.tuple(fc.constantFrom(...SHARDS), fc.integer({ min: 2, max: 400 })).map(([s, n]) => s.repeat(n)),
		fc.string({ unit: 'binary', maxLength: 20 })
	)
});

export function applyMutations(text: string, edits: readonly Mutation[]): string {
	let out = text;
	for (const { at, cut, insert } of edits) {
		const i = Math.floor(at * out.length);
		out = out.slice(0, i) + insert + out.slice(i + cut);
	}
	return out;
}

/** A corpus document with 1–6 hostile edits, or cut off anywhere. */
export function mutated(corpus: readonly string[]): fc.Arbitrary<string> {
	return fc.oneof(
		fc.tuple(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([t, m]) => applyMutations(t, m)),
		fc.tuple(fc.constantFrom(...corpus), fc.double({ min: 0, max: 1, noNaN: true })).map(([t, f]) => t.slice(0, Math.floor(t.length * f)))
	);
}

/** Random text: any code units, or a soup of shards. */
export const garbage: fc.Arbitrary<string> = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 400 }),
	fc.string({ unit: 'grapheme', maxLength: 200 }),
	fc.array(fc.constantFrom(...SHARDS), { maxLength: 80 }).map((a) => a.join(''))
);

/** The most lines any reading of `text` could find (CRLF, lone CR and LF each end a line). */
export function lineCount(text: string): number {
	return text.split(/\r\n|\r|\n/).length;
}

/** Every diagnostic names a real line of `text`: a positive integer, at most its line count. */
export function expectLines(text: string, diagnostics: readonly Diagnostic[]): void {
	const lines = lineCount(text);
	for (const d of diagnostics) {
		expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines, `line ${d.line} of ${lines}: ${d.message}`).toBe(true);
		expect(typeof d.message).toBe('string');
		expect(d.message.length).toBeGreaterThan(0);
	}
}

/** `unit` repeated to at least `bytes` characters. */
export function grow(unit: string, bytes: number): string {
	return unit.repeat(Math.ceil(bytes / Math.max(1, unit.length)));
}

/** Run settings: fixed seeds, so a failure is the same failure on every machine. */
export const RUNS = { seed: 20260707, numRuns: 400 } as const;

export interface Parsed {
	readonly errors: readonly Diagnostic[];
	readonly warnings: readonly Diagnostic[];
	readonly map: { readonly components: readonly unknown[] };
}

/** What a parser must survive at 1 MB, as text builders of a given size. */
export type Pathological = readonly [name: string, build: (bytes: number) => string][];

/**
 * The shared fuzz suite for one import parser: never throws on random or mutated text, and every
 * diagnostic names a real line, for the corpus, random text and 1 MB of each pathological shape.
 * How long the shapes take, and how that grows with their size, is bench/formats.bench.ts's part.
 */
export function fuzzSuite(
	parse: (text: string) => Parsed,
	corpus: readonly string[],
	pathological: Pathological,
	{ describe, it }: typeof import('vitest')
): void {
	const check = (text: string) => {
		const r = parse(text);
		expect(Array.isArray(r.map.components)).toBe(true);
		expectLines(text, r.errors);
		expectLines(text, r.warnings);
	};
	describe('never throws, and every diagnostic names a real line', () => {
		it('the corpus itself', () => {
			expect(corpus.length).toBeGreaterThan(3);
			for (const text of corpus) check(text);
		});
		it('random text', () => fc.assert(fc.property(garbage, check), RUNS), 60_000);
		it('mutated corpus documents', () => fc.assert(fc.property(mutated(corpus), check), RUNS), 60_000);
		it('non-strings', () => {
			for (const v of [undefined, null, 42, {}, []]) expect(() => parse(v as unknown as string)).not.toThrow();
		});
		it.each(pathological)('1 MB of %s', { timeout: 60_000 }, (_, build) => check(build(1 << 20)));
	});
}
