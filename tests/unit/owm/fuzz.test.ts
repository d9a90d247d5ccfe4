// Hostile input: the parsers never throw and stay fast (no quadratic scans, no regex blow-ups).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectFormat, parseMermaid, parseOwm, printOwm } from '../../../src/lib/owm/index.js';

const FRAGMENTS = [
	'component ', 'anchor ', 'submap ', 'evolve ', 'pipeline ', 'note ', 'annotation ', 'annotations ', 'pioneers ', 'url ',
	'title ', 'style ', 'size ', 'evolution ', 'valuechain --hide', 'market ', 'build ', 'accelerator ', 'y-axis ',
	'[', ']', '[0.5, 0.5]', '[[0.1,0.2],[0.3,0.4]]', '[0.3]', '(', ')', '(build)', '(market, inertia)', 'inertia', 'label [1, 2]',
	'url(x)', '->', '+>', '+<', '+<>', "+'", "'>", ';', '"', '\\"', '\\n', '//', '/*', '*/', '{', '}', '\n', ' ', 'A', 'Kettle', '0.7', '-', '%%', 'wardley-beta'
];
const owmish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));

function timed(fn: () => void): number {
	const t = performance.now();
	fn();
	return performance.now() - t;
}

describe('never throws', () => {
	it('on arbitrary strings', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
				for (const parse of [parseOwm, parseMermaid]) {
					const r = parse(s);
					expect(Array.isArray(r.errors)).toBe(true);
					parseOwm(printOwm(r.map));
				}
				detectFormat(s);
			}),
			{ numRuns: 500 }
		);
	});

	it('on OWM-shaped garbage, and what it prints parses without errors', () => {
		fc.assert(
			fc.property(owmish, (s) => {
				const r = parseOwm(s);
				for (const d of [...r.errors, ...r.warnings]) expect(d.line).toBeGreaterThanOrEqual(1);
				const again = parseOwm(printOwm(r.map));
				expect(again.errors, printOwm(r.map)).toEqual([]);
				parseMermaid(s);
			}),
			{ numRuns: 1000 }
		);
	});

	it('on non-string input', () => {
		expect(parseOwm(undefined as unknown as string).map.components).toEqual([]);
		expect(parseMermaid(null as unknown as string).map.components).toEqual([]);
	});
});

describe('bounded time on pathological lines (100k characters each)', () => {
	const n = 100_000;
	it.each([
		['spaces', 'component A' + ' '.repeat(n) + 'x'],
		['open brackets', 'component ' + '['.repeat(n)],
		['bracket runs', 'component ' + '[1,'.repeat(n / 3)],
		['parens', 'component ' + '(build'.repeat(n / 6)],
		['flow quotes', "A+'".repeat(n / 3)],
		['quotes', ' "'.repeat(n / 2)],
		['evolve numbers', 'evolve A ' + '1 '.repeat(n / 2)],
		['evolve inertia', 'evolve A ' + '1 inertia '.repeat(n / 10)],
		['comment starts', '/*'.repeat(n / 2)],
		['arrows', '-'.repeat(n) + '>'],
		['many lines', 'component A [0.5, 0.5]\n'.repeat(n / 20)]
	])('%s', (_, text) => {
		expect(timed(() => parseOwm(text))).toBeLessThan(1500);
		expect(timed(() => parseMermaid(text))).toBeLessThan(1500);
	});
});
