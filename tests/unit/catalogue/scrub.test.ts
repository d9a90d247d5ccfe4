import { describe, expect, it } from 'vitest';
import { scrubber } from '../../../src/lib/catalogue/index.js';

describe('scrubber', () => {
	it.each([
		[['Capita One'], 'Capita One contract £1.2m/yr', '[withheld] contract £1.2m/yr'],
		[['Capita One'], 'CAPITA-ONE, capitaone and Capita  One', '[withheld], [withheld] and [withheld]'],
		// Whole words only, and the whole name.
		[['Capita One'], 'Capital One; Capita alone', 'Capital One; Capita alone'],
		[['Capita'], 'Capita’s payroll (capita)', '[withheld]’s payroll ([withheld])'],
		// The longest name found goes whole.
		[['Capita', 'Capita One'], 'Capita One payroll', '[withheld] payroll'],
		[['Café Systems'], 'by CAFE-systems and cafe\u0301 systems, not cafés', 'by [withheld] and [withheld], not cafés'],
		// A one-letter name would blank out half of every text.
		[['X', ''], 'X marks the spot', 'X marks the spot'],
		[[], 'Anything', 'Anything']
	])('%j in %j', (names, text, expected) => {
		expect(scrubber(names)(text)).toBe(expected);
	});
});
