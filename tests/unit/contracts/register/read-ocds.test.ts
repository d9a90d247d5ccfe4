// Reading OCDS release and record packages: releases of one ocid merged (latest wins), awards and
// contracts as rows, notices without an award and broken releases listed by release id.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOcds } from '../../../../src/lib/contracts/register/index.js';

const FIXTURE = readFileSync('tests/fixtures/contracts/ocds-releases.json', 'utf8');

describe('readOcds on the release package fixture', () => {
	const r = readOcds(FIXTURE);

	it('merges the releases of one ocid: the amendment extends the end and raises the value', () => {
		expect(r.error).toBe('');
		expect(r.processes).toBe(5);
		const revs = r.rows.find((row) => row.reference === 'ocds-b5fd17-1a2b3c4d-0001')!;
		expect(revs).toMatchObject({
			source: { release: 'ocds-b5fd17-1a2b3c4d-0001-amendment-1' },
			title: 'Revenues and Benefits software support',
			supplier: 'CAPITA BUSINESS SERVICES LIMITED',
			buyer: 'Northbury Borough Council',
			wholeLifeValue: { exact: 1_015_000, band: '' },
			start: '2026-07-01',
			end: '2030-06-30',
			route: 'Call-off from a framework agreement (CCS RM6259)',
			cpv: ['48000000', '72222300']
		});
	});

	it('finds a supplier named only by its party id', () => {
		const netcall = r.rows.find((row) => row.reference === 'ocds-b5fd17-9f8e7d6c-0002')!;
		expect(netcall).toMatchObject({ supplier: 'Netcall Systems Ltd', start: '2026-09-01', end: '2029-08-31', wholeLifeValue: { exact: 310_000, band: '' }, route: 'G-Cloud 14' });
	});

	it('lists a tender without an award and an award ending before it starts, by release id', () => {
		expect(r.bad).toEqual([
			{ source: { release: 'ocds-b5fd17-7a7a7a7a-0004-tender-1' }, reason: 'ocds-b5fd17-7a7a7a7a-0004 has no award or contract yet (a tender or planning notice)' },
			{ source: { release: 'ocds-b5fd17-3c3c3c3c-0005-award-1' }, reason: 'award A9 ends (2026-12-31) before it starts (2027-01-01)' }
		]);
		expect(r.rows).toHaveLength(3);
	});
});

describe('readOcds on other shapes', () => {
	it('reads a record package through its compiled release', () => {
		const pkg = {
			records: [
				{
					ocid: 'ocds-x-1',
					releases: [{ url: 'https://example.org/r1', date: '2025-01-01', tag: ['tender'] }],
					compiledRelease: {
						ocid: 'ocds-x-1',
						id: 'ocds-x-1-compiled',
						date: '2025-03-01',
						tender: { title: 'Library management system' },
						awards: [{ id: 'a1', suppliers: [{ name: 'Civica UK Ltd' }], value: { amount: 150000, currency: 'GBP' }, contractPeriod: { startDate: '2025-04-01', endDate: '2029-03-31' } }]
					}
				}
			]
		};
		const r = readOcds(JSON.stringify(pkg));
		expect(r.rows).toEqual([expect.objectContaining({ source: { release: 'ocds-x-1-compiled' }, title: 'Library management system', supplier: 'Civica UK Ltd', end: '2029-03-31' })]);
	});

	it('keeps a value in another currency as a band', () => {
		const pkg = { releases: [{ ocid: 'o', id: 'r', date: '2025-01-01', awards: [{ id: 'a', suppliers: [{ name: 'S' }], value: { amount: 1000, currency: 'EUR' } }] }] };
		expect(readOcds(JSON.stringify(pkg)).rows[0].wholeLifeValue).toEqual({ exact: null, band: 'EUR 1000' });
	});

	it('lists a release without an ocid', () => {
		const r = readOcds(JSON.stringify({ releases: [{ id: 'lost-1', date: '2025-01-01' }] }));
		expect(r.bad).toEqual([{ source: { release: 'lost-1' }, reason: 'has no ocid' }]);
	});

	it.each([
		['not json', /^not JSON/],
		['{"hello": 1}', /not an OCDS package/],
		['42', /not an OCDS package/]
	])('refuses %s as a whole', (text, message) => {
		const r = readOcds(text);
		expect(r.error).toMatch(message);
		expect(r.rows).toEqual([]);
	});
});
