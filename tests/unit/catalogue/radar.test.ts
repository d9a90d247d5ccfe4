import { describe, expect, it } from 'vitest';
import { actByDate, radarWindow, renewalRadar, type RadarRow } from '../../../src/lib/catalogue/radar.js';

const TODAY = '2026-12-07';

function org(slug: string) {
	return { slug, name: slug.toUpperCase(), type: 'district', region: 'South West', fictional: true };
}

function row(over: Partial<RadarRow> & { council: string }): RadarRow {
	const { council, ...rest } = over;
	return {
		mapId: `m-${council}`,
		key: '0-k1',
		mapTitle: `${council} map`,
		organisation: org(council),
		fictional: true,
		typeId: 'revs-bens',
		component: 'Revenues',
		product: 'OpenRevenues',
		supplier: 'Civica',
		evolution: 0.6,
		reference: `${council}-1`,
		start: '2020-01-01',
		end: '2029-03-31',
		noticeMonths: 12,
		route: 'G-Cloud 14',
		...rest
	};
}

describe('radarWindow', () => {
	it('defaults to 6 to 36 months from today, across the year end', () => {
		expect(radarWindow(TODAY)).toEqual({ from: '2027-06-07', to: '2029-12-07', basis: 'notice' });
		expect(radarWindow('2026-08-31').from).toBe('2027-02-28');
	});
	it('keeps given dates, swaps a reversed window and ignores malformed ones', () => {
		expect(radarWindow(TODAY, '2028-01-01', '2027-01-01', 'end')).toEqual({ from: '2027-01-01', to: '2028-01-01', basis: 'end' });
		expect(radarWindow(TODAY, 'soon', '<script>').from).toBe('2027-06-07');
	});
});

describe('renewalRadar', () => {
	const window = radarWindow(TODAY);

	it('tests the act-by date: the notice date, or the end when no notice period is recorded', () => {
		expect(actByDate({ end: '2029-03-31', noticeMonths: 12 })).toBe('2028-03-31');
		expect(actByDate({ end: '2029-03-31', noticeMonths: null })).toBe('2029-03-31');
		const r = renewalRadar([row({ council: 'a', end: '2030-03-31', noticeMonths: 12 }), row({ council: 'b', end: '2030-03-31', noticeMonths: null })], window, TODAY);
		expect(r.hits.map((h) => [h.mapId, h.due, h.notice])).toEqual([['m-a', '2029-03-31', '2029-03-31']]);
	});

	it('tests the end date when asked', () => {
		const r = renewalRadar([row({ council: 'a', end: '2030-03-31' })], { ...window, basis: 'end' }, TODAY);
		expect(r.hits).toHaveLength(0);
		const wide = renewalRadar([row({ council: 'a', end: '2029-12-07' })], { ...window, basis: 'end' }, TODAY);
		expect(wide.hits.map((h) => h.due)).toEqual(['2029-12-07']);
	});

	it('counts, but never lists, contracts without an end date or already ended', () => {
		const rows = [row({ council: 'a', end: '' }), row({ council: 'b', end: '2026-12-06', noticeMonths: 0 }), row({ council: 'c' })];
		const r = renewalRadar(rows, { from: '2000-01-01', to: '2100-01-01', basis: 'notice' }, TODAY);
		expect(r.hits.map((h) => h.mapId)).toEqual(['m-c']);
		expect([r.undated, r.ended]).toEqual([1, 1]);
	});

	it('includes both ends of the window and a window across a year end', () => {
		const q = radarWindow(TODAY, '2027-12-15', '2028-01-15');
		const rows = [
			row({ council: 'a', end: '2028-12-15' }),
			row({ council: 'b', end: '2029-01-15' }),
			row({ council: 'c', end: '2029-01-16' }),
			row({ council: 'd', end: '2028-12-14' })
		];
		expect(renewalRadar(rows, q, TODAY).hits.map((h) => h.due)).toEqual(['2027-12-15', '2028-01-15']);
	});

	it('groups councils of one type whose dates are within 12 months into opportunities', () => {
		const rows = [
			row({ council: 'a', end: '2028-09-30' }), // notice 2027-09-30
			row({ council: 'b', end: '2029-03-31' }), // 2028-03-31
			row({ council: 'c', end: '2029-09-30' }), // 2028-09-30: exactly 12 months after a
			row({ council: 'd', end: '2030-09-30' }), // 2029-09-30: alone, no opportunity
			row({ council: 'e', typeId: 'crm', end: '2029-03-31' })
		];
		const r = renewalRadar(rows, window, TODAY);
		expect(r.opportunities).toHaveLength(1);
		const [o] = r.opportunities;
		expect(o.typeId).toBe('revs-bens');
		expect([o.first, o.last]).toEqual(['2027-09-30', '2028-09-30']);
		expect(o.members.map((m) => m.name)).toEqual(['A', 'B', 'C']);
		expect(o.members[0].hits[0]).toMatchObject({ supplier: 'Civica', product: 'OpenRevenues', evolution: 0.6 });
	});

	it('lists each contract of a component, and counts a council once with two components of the type', () => {
		const rows = [
			row({ council: 'a', reference: 'a-1', end: '2028-09-30' }),
			row({ council: 'a', reference: 'a-2', end: '2029-01-31', component: 'Benefits' }),
			row({ council: 'a', reference: 'a-3', end: '2029-02-28' })
		];
		const alone = renewalRadar(rows, window, TODAY);
		expect(alone.hits).toHaveLength(3);
		expect(alone.opportunities).toHaveLength(0);
		const r = renewalRadar([...rows, row({ council: 'b', end: '2029-06-30' })], window, TODAY);
		expect(r.opportunities).toHaveLength(1);
		expect(r.opportunities[0].members.map((m) => [m.key, m.hits.map((h) => h.reference)])).toEqual([
			['a', ['a-1', 'a-2', 'a-3']],
			['b', ['b-1']]
		]);
	});

	it('tells maps without an organisation apart by map', () => {
		const rows = [row({ council: 'x', organisation: null, mapId: 'm1' }), row({ council: 'x', organisation: null, mapId: 'm2' })];
		const r = renewalRadar(rows, window, TODAY);
		expect(r.opportunities[0].members.map((m) => m.key)).toEqual(['map:m1', 'map:m2']);
	});
});

describe('parseRadarParams', () => {
	it('reads filters and window and writes them back', async () => {
		const { parseRadarParams, radarParamsOf } = await import('../../../src/lib/catalogue/radar.js');
		const p = parseRadarParams(new URLSearchParams('type=revs-bens&supplier=Bad Slug&from=2027-01-01&to=2028-12-31&basis=end'), TODAY);
		expect(p.filter).toMatchObject({ type: 'revs-bens', supplier: '', product: '' });
		expect(p.query).toEqual({ from: '2027-01-01', to: '2028-12-31', basis: 'end' });
		expect(radarParamsOf(p.filter, p.query).toString()).toBe('type=revs-bens&from=2027-01-01&to=2028-12-31&basis=end');
	});
});
