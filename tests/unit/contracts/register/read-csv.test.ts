// Reading Transparency Code contract registers: the untidy fixture, header variants, dates and
// values as councils write them, and bad rows listed by their line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guessRegisterMapping, readDate, readMoney, readRegisterCsv } from '../../../../src/lib/contracts/register/index.js';

const FIXTURE = readFileSync('tests/fixtures/contracts/northbury-register.csv', 'utf8');

describe('readRegisterCsv on the untidy fixture', () => {
	const r = readRegisterCsv(FIXTURE);

	it('finds the header below the title lines and the merged header row', () => {
		expect(r.headerLine).toBe(5);
		expect(r.headers[4]).toBe('Supplier Name');
		expect(r.sample[4]).toBe('Capita Business Services Ltd');
		expect(r.mapping).toMatchObject({ reference: 0, title: 1, department: 2, description: 3, supplier: 4, wholeLifeValue: 6, annualValue: 7, start: 9, end: 10, review: 11, extension: 12, route: 13 });
	});

	it('lists bad rows by line number with a reason', () => {
		expect(r.bad).toEqual([
			{ source: { line: 34 }, reason: 'start date “31/02/2025” is not a real date' },
			{ source: { line: 35 }, reason: 'ends (2024-03-31) before it starts (2025-10-01)' },
			{ source: { line: 36 }, reason: 'names neither a supplier nor a title' },
			{ source: { line: 38 }, reason: 'a totals row, not a contract' }
		]);
	});

	it('reads every other record, with its physical line (a quoted line break spans two)', () => {
		expect(r.records).toBe(r.rows.length + r.bad.length);
		expect(r.rows).toHaveLength(26);
		const lines = r.rows.map((row) => ('line' in row.source ? row.source.line : 0));
		expect(lines.slice(0, 8)).toEqual([6, 7, 8, 9, 10, 11, 13, 14]);
		expect(r.rows[5].description).toBe('Netcall Liberty Contact cloud contact centre, including call recording');
	});

	it('reads values, dates and notes as written', () => {
		const [revs, finance, planning, payroll] = r.rows;
		expect(revs).toMatchObject({
			reference: 'NBC-IT-0012',
			supplier: 'Capita Business Services Ltd',
			wholeLifeValue: { exact: 1234567, band: '' },
			annualValue: { exact: 246913.4, band: '' },
			start: '2022-04-01',
			end: '2027-03-31',
			review: '2026-10-01',
			extension: '+1+1 years',
			route: 'CCS RM6259 Vertical Application Solutions'
		});
		expect(finance).toMatchObject({ wholeLifeValue: { exact: 1_200_000, band: '' }, start: '2023-04-01', end: '2028-03-31' });
		// "Mar-2027" as an end date is the month's last day.
		expect(planning).toMatchObject({ end: '2027-03-31', annualValue: { exact: 96_000, band: '' } });
		expect(payroll).toMatchObject({ start: '2024-04-01', end: '2029-03-31', notes: ['end: 31/03/2029 (option to extend to 31/03/2031)'] });
		const legal = r.rows.find((row) => row.reference === 'NBC-LG-0011')!;
		expect(legal.wholeLifeValue).toBeNull();
		const youth = r.rows.find((row) => row.reference === 'NBC-CM-0031')!;
		expect(youth.end).toBe('');
		const lights = r.rows.find((row) => row.reference === 'NBC-EN-0115')!;
		expect(lights.wholeLifeValue).toEqual({ exact: 1_750_000, band: '' });
	});

	it('uses a mapping the person changed', () => {
		const changed = readRegisterCsv(FIXTURE, { ...r.mapping, title: 3, description: undefined });
		expect(changed.rows[0].title).toBe('Capita One Revenues & Benefits licences, support and hosting');
		expect(changed.rows[0].description).toBe('');
	});
});

describe('readRegisterCsv on other shapes', () => {
	it('reads semicolons, LF endings and no title lines', () => {
		const r = readRegisterCsv('Contract ID;Supplier;Contract Value;Contract Start Date;Contract End Date\nA1;Idox;£10,000;2024-01-01;31.12.26\n');
		expect(r.rows).toEqual([expect.objectContaining({ reference: 'A1', supplier: 'Idox', wholeLifeValue: { exact: 10000, band: '' }, start: '2024-01-01', end: '2026-12-31', source: { line: 2 } })]);
	});

	it('takes the first row as the header when no row names register facts, for the person to map', () => {
		const text = 'Firm,Amount,Finishes\nIdox,£5k,31/3/27\n';
		const guessed = readRegisterCsv(text);
		expect(guessed).toMatchObject({ headerLine: 1, headers: ['Firm', 'Amount', 'Finishes'], rows: [], bad: [{ source: { line: 2 }, reason: 'names neither a supplier nor a title' }] });
		const mapped = readRegisterCsv(text, { supplier: 0, wholeLifeValue: 1, end: 2 });
		expect(mapped.rows).toEqual([expect.objectContaining({ supplier: 'Idox', wholeLifeValue: { exact: 5000, band: '' }, end: '2027-03-31' })]);
	});

	it('reads nothing from an empty file', () => {
		expect(readRegisterCsv('\r\n\r\n')).toMatchObject({ headerLine: 0, rows: [], bad: [], records: 0 });
	});

	it.each([['Total'], ['Grand Total:'], ['Sub-total'], ['Total value']])('takes a row with %s as a total', (label) => {
		expect(readRegisterCsv(`Reference,Supplier,Value\n,${label},"£9,999"\n`).bad).toEqual([{ source: { line: 2 }, reason: 'a totals row, not a contract' }]);
	});

	it('keeps a supplier whose name starts with Total', () => {
		expect(readRegisterCsv('Reference,Supplier,Value\nE1,Total Gas & Power Ltd,£40k\n').rows[0].supplier).toBe('Total Gas & Power Ltd');
	});
});

describe('guessRegisterMapping', () => {
	it.each([
		[['Reference', 'Title', 'Department', 'Description', 'Supplier', 'Value', 'Start Date', 'End Date', 'Review Date'], { reference: 0, title: 1, department: 2, description: 3, supplier: 4, wholeLifeValue: 5, start: 6, end: 7, review: 8 }],
		[['Contract ID', 'Contract Title', 'Service Area', 'Contractor', 'Annual Value', 'Contract Value (£)', 'Framework'], { reference: 0, title: 1, department: 2, supplier: 3, annualValue: 4, wholeLifeValue: 5, route: 6 }],
		[['\uFEFFContract Ref', 'Supplier Name', 'Company No.', 'Irrecoverable VAT', 'SME (Y/N)', 'VCSE (Y/N)'], { reference: 0, supplier: 1, companyNumber: 2, sme: 4, vcse: 5 }]
	])('%j', (headers, mapping) => {
		expect(guessRegisterMapping(headers)).toEqual(mapping);
	});
});

describe('readDate', () => {
	it.each([
		['31/03/2027', false, '2027-03-31'],
		['1/4/24', false, '2024-04-01'],
		['31.12.2026', false, '2026-12-31'],
		['2027-03-31', false, '2027-03-31'],
		['2029-06-30T23:59:59+01:00', false, '2029-06-30'],
		['1 April 2024', false, '2024-04-01'],
		['01-Apr-2025', false, '2025-04-01'],
		['Mar-2027', false, '2027-03-01'],
		['Feb 2028', true, '2028-02-29'],
		['45382', false, '2024-03-31'],
		['TBC', false, ''],
		['', false, '']
	])('%s → %s', (cell, end, date) => {
		expect(readDate(cell, end)).toEqual({ date });
	});

	it.each(['31/02/2027', 'soon', '13/13/2020'])('refuses %s', (cell) => {
		expect(readDate(cell)).toHaveProperty('error');
	});
});

describe('readMoney', () => {
	it.each([
		['£1,234,567.00', { exact: 1234567, band: '' }],
		['1.2m', { exact: 1_200_000, band: '' }],
		['£1.75 million', { exact: 1_750_000, band: '' }],
		['GBP 250k', { exact: 250_000, band: '' }],
		['£120,000 per annum', { exact: 120_000, band: '' }],
		['£50,000 (ex VAT)', { exact: 50_000, band: '' }],
		['£100k-£250k', { exact: null, band: '£100k-£250k' }],
		['n/a', null],
		['', null]
	])('%s', (cell, money) => {
		expect(readMoney(cell)).toEqual(money);
	});
});
