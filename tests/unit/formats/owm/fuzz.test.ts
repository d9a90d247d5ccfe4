// Hostile input: the parsers never throw, and what they read prints and parses back. How long the
// pathological lines take is timed in bench/formats.bench.ts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectFormat, parseOwm, printOwm } from '../../../../src/lib/formats/owm/index.js';
import { parseMermaid } from '../../../../src/lib/formats/mermaid/index.js';
import { canon, printedOrder } from './helpers.js';
import { expectLines } from '../../fuzz/corpus.js';
import { OWM_LINES } from '../../fuzz/shapes.js';

const FRAGMENTS = [
	'component ', 'anchor ', 'submap ', 'evolve ', 'pipeline ', 'note ', 'annotation ', 'annotations ', 'pioneers ', 'url ',
	'title ', 'style ', 'size ', 'evolution ', 'valuechain --hide', 'market ', 'build ', 'accelerator ', 'y-axis ',
	'[', ']', '[0.5, 0.5]', '[[0.1,0.2],[0.3,0.4]]', '[0.3]', '(', ')', '(build)', '(market, inertia)', 'inertia', 'label [1, 2]',
	'url(x)', '->', '+>', '+<', '+<>', "+'", "'>", ';', '"', '\\"', '\\n', '//', '/*', '*/', '{', '}', '\n', ' ', 'A', 'Kettle', '0.7', '-', '%%', 'wardley-beta'
];
const owmish = fc.oneof(
	fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join('')),
	// Line by line: a keyword (or a name, for links) followed by a few fragments.
	fc
		.array(fc.tuple(fc.constantFrom(...FRAGMENTS.filter((f) => f.endsWith(' ')), 'A', 'B', '"A"', 'Kettle'), fc.array(fc.constantFrom(...FRAGMENTS.filter((f) => f !== '\n')), { maxLength: 6 })), { maxLength: 12 })
		.map((lines) => lines.map(([head, rest]) => head + rest.join('')).join('\n'))
);

// Structured lines over a small pool of names, so links, evolves and pipelines resolve.
const NAMES = ['A', 'Kettle', 'Hot Water', '"Q->x"', 'building', 'x (UN)', 'Windows 10', 'kettle', '"a\\nb"', '"E"'];
const name = fc.constantFrom(...NAMES);
const num = fc.constantFrom('0.5', '.25', '1', '-0.1', '0.7', 'x');
const mods = fc.array(fc.constantFrom(' label [1, -2]', ' inertia', ' (buy)', ' (market, build)', ' (inertia)', ' url(r)', ' evolve 0.9', ' junk'), { maxLength: 2 }).map((m) => m.join(''));
const line = fc.oneof(
	fc.tuple(fc.constantFrom('component', 'anchor', 'submap', 'market'), name, num, num, mods).map(([k, n, v, m, x]) => `${k} ${n} [${v}, ${m}]${x}`),
	fc.tuple(fc.constantFrom('component', '  component'), name, num, mods).map(([k, n, m, x]) => `${k} ${n} [${m}]${x}`),
	fc.tuple(name, fc.constantFrom('->', '+>', '+<', '+<>', "+'£5'>", ' -> '), name, fc.constantFrom('', '; limited by', ';x')).map((p) => p.join('')),
	fc.tuple(name, fc.option(name), num, mods).map(([n, to, m, x]) => `evolve ${n}${to ? '->' + to : ''} ${m}${x}`),
	fc.tuple(name, fc.constantFrom('', ' [0.2, 0.8]', ' {', ' {}')).map(([n, x]) => `pipeline ${n}${x}`),
	// Comments the map keeps: blocks opened and closed on lines with code, trailing comments.
	fc.tuple(fc.constantFrom('component', 'anchor', 'note', 'evolve'), name, fc.constantFrom(' // t', ' /* t */', ' /* t', '')).map(([k, n, c]) => `${k} ${n} [0.5, 0.5]${c}`),
	fc.constantFrom('/* open', 'close */', 'x */ component Z [0.1, 0.2]', 'y */ note W [0.2, 0.2] /* o', '/*', '*/', '// stackmap: {"component":"A","product":"P"}'),
	fc.constantFrom('{', '}', '', '// c', '/* c */', 'url r [https://x.org/a]', 'build A', 'buy Kettle', 'note n [0.1, 0.2]', 'annotation 1 [[0.1,0.2],[0.3,0.4]] t', 'pioneers [0.9, 0.1, 0.8, 0.2]', 'evolution a->b->c->d', 'title T')
);
const structured = fc.array(line, { maxLength: 25 }).map((lines) => lines.join('\n'));

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
			{ numRuns: 2000 }
		);
	});

	it('printOwm(parseOwm(x).map) re-parses to the same map as x, for OWM-shaped text x', () => {
		fc.assert(
			fc.property(fc.oneof(owmish, structured), (s) => {
				const first = parseOwm(s).map;
				const text = printOwm(first);
				expect(canon(parseOwm(text).map), `${JSON.stringify(s)}\n---\n${text}`).toEqual(canon(printedOrder(first)));
			}),
			{ numRuns: 2000 }
		);
	});

	it('on non-string input', () => {
		expect(parseOwm(undefined as unknown as string).map.components).toEqual([]);
		expect(parseMermaid(null as unknown as string).map.components).toEqual([]);
	});
});

describe('pathological lines (100k characters each)', () => {
	it.each(OWM_LINES)('%s: read without throwing, every diagnostic on a real line', (_, text) => {
		for (const parse of [parseOwm, parseMermaid]) {
			const r = parse(text);
			expect(Array.isArray(r.map.components)).toBe(true);
			expectLines(text, r.errors);
			expectLines(text, r.warnings);
		}
	});
});
