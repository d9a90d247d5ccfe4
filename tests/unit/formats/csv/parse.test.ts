import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectDelimiter, parseCsv } from '../../../../src/lib/formats/csv/parse.js';
import { guardCell, toCsv, unguardCell } from '../../../../src/lib/formats/csv/write.js';

describe('parseCsv', () => {
	const cases: [string, string, string[][]][] = [
		['empty text', '', []],
		['one cell', 'a', [['a']]],
		['simple rows, LF', 'a,b\nc,d\n', [['a', 'b'], ['c', 'd']]],
		['CRLF', 'a,b\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
		['lone CR', 'a,b\rc,d', [['a', 'b'], ['c', 'd']]],
		['no final newline', 'a,b\nc,d', [['a', 'b'], ['c', 'd']]],
		['empty cells', ',a,,\n', [['', 'a', '', '']]],
		['quoted comma', '"a,b",c', [['a,b', 'c']]],
		['quoted newline', '"line 1\nline 2",x', [['line 1\nline 2', 'x']]],
		['quoted CRLF kept', '"a\r\nb"', [['a\r\nb']]],
		['doubled quotes', '"say ""hi""",b', [['say "hi"', 'b']]],
		['empty quoted field', '"",a', [['', 'a']]],
		['lone empty quoted field', '""', [['']]],
		['BOM dropped', '\uFEFFName,x\n1,2', [['Name', 'x'], ['1', '2']]],
		['blank lines skipped', 'a\n\n\r\nb\n', [['a'], ['b']]],
		['spaces kept', ' a , b ', [[' a ', ' b ']]],
		['unicode', 'Café,Ω\n', [['Café', 'Ω']]],
		['ragged rows', 'a,b,c\nd\n', [['a', 'b', 'c'], ['d']]]
	];
	it.each(cases)('%s', (_, text, rows) => {
		const result = parseCsv(text);
		expect(result.rows).toEqual(rows);
		expect(result.errors).toEqual([]);
	});

	it('gives the start line of each record, counting quoted newlines', () => {
		const { rows, rowLines } = parseCsv('h1,h2\n"multi\nline",x\n\nlast,y\n');
		expect(rows).toHaveLength(3);
		expect(rowLines).toEqual([1, 2, 5]);
	});

	it('reports an unclosed quote with its line and keeps what it read', () => {
		const { rows, errors } = parseCsv('a,b\nc,"never closed\nmore');
		expect(rows).toEqual([['a', 'b'], ['c', 'never closed\nmore']]);
		expect(errors).toEqual([{ line: 2, message: 'quoted field is never closed' }]);
	});

	it('reports text after a closing quote and keeps it', () => {
		const { rows, errors } = parseCsv('"ab"cd,e');
		expect(rows).toEqual([['abcd', 'e']]);
		expect(errors[0].line).toBe(1);
	});

	it('reports a quote inside an unquoted field and keeps it', () => {
		const { rows, errors } = parseCsv('a"b,c');
		expect(rows).toEqual([['a"b', 'c']]);
		expect(errors).toHaveLength(1);
	});

	it('reads other delimiters', () => {
		expect(parseCsv('a\tb\n"c\td"\te', { delimiter: '\t' }).rows).toEqual([['a', 'b'], ['c\td', 'e']]);
		expect(parseCsv('a;b', { delimiter: ';' }).rows).toEqual([['a', 'b']]);
	});

	it.each([
		['a,b,c\n1,2,3', ','],
		['System\tSupplier\nX\tY', '\t'],
		['a;b;c\n1,5;2;3', ';'],
		['"a;b;c",d', ',']
	] as const)('detects the delimiter of %j', (text, delimiter) => {
		expect(detectDelimiter(text)).toBe(delimiter);
	});

	it('never throws on arbitrary text, and every row has at least one cell', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '\uFEFF', 'é') }), (text) => {
				const { rows, rowLines } = parseCsv(text);
				return rowLines.length === rows.length && rows.every((r) => r.length > 0);
			}),
			{ numRuns: 1000 }
		);
		fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => void parseCsv(text)), { numRuns: 500 });
	});
});

describe('toCsv', () => {
	it('quotes only when needed and ends every record with CRLF', () => {
		expect(toCsv([['a', 'b,c', 'say "hi"', 'x\ny'], ['']])).toBe('a,"b,c","say ""hi""","x\ny"\r\n""\r\n');
	});

	it.each([
		['=SUM(A1)', "'=SUM(A1)"],
		['+44 20', "'+44 20"],
		['-1', "'-1"],
		['@cmd', "'@cmd"],
		["'quoted", "''quoted"],
		['\tTab', "'\tTab"],
		['plain', 'plain'],
		['', '']
	])('guards %j against formula injection', (cell, guarded) => {
		expect(guardCell(cell)).toBe(guarded);
		expect(unguardCell(guardCell(cell))).toBe(cell);
	});

	it('writes a BOM when asked', () => {
		expect(toCsv([['a']], { bom: true })).toBe('\uFEFFa\r\n');
	});

	const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', '\n', '\r', ' ', '=', '-', "'", '\uFEFF', '£', ';', '\t') });
	const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 });

	it('round-trips: parseCsv(toCsv(rows)) gives rows back', () => {
		fc.assert(
			fc.property(rows, (rs) => {
				expect(parseCsv(toCsv(rs, { guardFormulas: false })).rows).toEqual(rs);
				const guarded = parseCsv(toCsv(rs));
				expect(guarded.errors).toEqual([]);
				expect(guarded.rows.map((r) => r.map(unguardCell))).toEqual(rs);
			}),
			{ numRuns: 2000 }
		);
	});

	it('round-trips with other delimiters', () => {
		fc.assert(
			fc.property(rows, fc.constantFrom(';', '\t'), (rs, delimiter) => {
				expect(parseCsv(toCsv(rs, { guardFormulas: false, delimiter }), { delimiter }).rows).toEqual(rs);
			}),
			{ numRuns: 500 }
		);
	});
});
