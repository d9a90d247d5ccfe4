// merge3: the text view's line merge of the user's edit with the map's fresh print.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, merge3 } from '../../../src/lib/editor/text-merge.js';

const L = (s: string) => (s === '' ? [] : s.split(' '));

describe('diffLines', () => {
	it.each([
		['a b c', 'a b c', []],
		['a b c', 'a x c', [{ start: 1, end: 2, lines: ['x'] }]],
		['a b c', 'a b c d', [{ start: 3, end: 3, lines: ['d'] }]],
		['a b c', 'b c', [{ start: 0, end: 1, lines: [] }]],
		['a b c d e', 'a X c d Y e', [{ start: 1, end: 2, lines: ['X'] }, { start: 4, end: 4, lines: ['Y'] }]]
	])('%s → %s', (base, other, hunks) => {
		expect(diffLines(L(base), L(other)).map(({ start, end, lines }) => ({ start, end, lines }))).toEqual(hunks);
	});

	it('rebuilds the other text from its hunks (property)', () => {
		const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 12 });
		fc.assert(
			fc.property(lines, lines, (base, other) => {
				const out: string[] = [];
				let k = 0;
				for (const h of diffLines(base, other)) {
					out.push(...base.slice(k, h.start), ...h.lines);
					k = h.end;
				}
				out.push(...base.slice(k));
				expect(out).toEqual(other);
			})
		);
	});
});

describe('merge3', () => {
	it.each([
		// [base, user, map, merged, conflicts]
		['a b c d', 'a B c d', 'a b c D', 'a B c D', 0],
		['a b c d', 'a B c d', 'a b c d', 'a B c d', 0],
		['a b c d', 'a b c d', 'x b c d', 'x b c d', 0],
		['a b c', 'a U c', 'a M c', 'a U c', 1],
		['a b', 'a b u', 'a b m', 'a b u m', 0],
		['a b c', 'a b', 'a b c m', 'a b m', 0],
		['a b c', 'a u b c', 'a M c', 'a u M c', 0]
	])('base %j, user %j, map %j → %j', (base, a, b, merged, conflicts) => {
		const m = merge3(L(base), L(a), L(b));
		expect(m.lines.join(' ')).toBe(merged);
		expect(m.conflicts).toBe(conflicts);
	});

	it('maps every user line to a merged line with the same text where it survived (property)', () => {
		const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 10 });
		fc.assert(
			fc.property(lines, lines, lines, (base, a, b) => {
				const m = merge3(base, a, b);
				expect(m.aLineMap).toHaveLength(a.length);
				for (let i = 1; i < m.aLineMap.length; i++) expect(m.aLineMap[i]).toBeGreaterThanOrEqual(m.aLineMap[i - 1]);
				// With no change on the map's side the merge is the user's text.
				expect(merge3(base, a, base).lines).toEqual(a);
				expect(merge3(base, base, b).lines).toEqual(b);
			})
		);
	});
});
