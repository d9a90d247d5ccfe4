// The renewal radar's CSV: one row per contract with its opportunity number, and names that
// look like spreadsheet formulas guarded as in the catalogue's other CSVs.
import { describe, expect, it } from 'vitest';
import { radarWindow, renewalRadar, type RadarRow } from '../../src/lib/catalogue/index.js';
import { radarCsv } from '../../src/lib/server/catalogue/radar.js';

const TODAY = '2026-12-07';
const row = (council: string, component: string, end: string): RadarRow => ({
	mapId: `m-${council}`,
	key: '0-k1',
	mapTitle: `${council} map`,
	organisation: { slug: council, name: council, type: 'district', region: '', fictional: true },
	fictional: true,
	typeId: 'crm',
	component,
	product: '+Product',
	supplier: '@Supplier',
	evolution: 0.5,
	reference: 'R-1',
	start: '',
	end,
	noticeMonths: 6,
	route: ''
});

describe('radarCsv', () => {
	it('writes one guarded row per contract with its opportunity number', async () => {
		const result = renewalRadar([row('a', '=HYPERLINK("http://x")', '2028-06-30'), row('b', 'CRM', '2028-09-30'), row('c', 'CRM', '2029-07-31')], radarWindow(TODAY), TODAY);
		const text = (await radarCsv({ today: TODAY, filter: {}, result }, 'https://example.org').text()).replace(/^\uFEFF/, '');
		const lines = text.trim().split('\r\n');
		expect(lines).toHaveLength(4);
		expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
		expect(lines[1]).toContain("'+Product");
		expect(lines[1]).toContain("'@Supplier");
		expect(lines[1].split(',').at(-2)).toBe('1');
		expect(lines[3].split(',').at(-2)).toBe('');
	});
});
