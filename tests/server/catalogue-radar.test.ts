// The renewal radar and supplier concentration over the five fictional seed councils on a real
// SQLite file: contracts are indexed as published, and dropped when a map starts withholding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_REDACTION, parseSearchQuery, PRIVATE_CONTRACTS, radarWindow } from '../../src/lib/catalogue/index.js';
import { publish, type StackmapApp } from '../../server/app.js';
import { seedIfEmpty } from '../../server/seed.js';
import { startCollab, type TestServer } from '../helpers/collab.js';

let s: TestServer;
let app: StackmapApp;
const TODAY = '2026-12-07';

beforeAll(async () => {
	s = await startCollab({ seed: true });
	app = s.app;
	publish(app);
	expect(await seedIfEmpty(app)).toBe(5);
});

afterAll(async () => {
	await s.close();
});

const names = (members: readonly { name: string }[]) => members.map((m) => m.name);

describe('renewal radar', () => {
	it('finds payroll renewals of three councils within 12 months as one opportunity', async () => {
		const r = await app.catalogue.radar({ type: 'hr-payroll' }, radarWindow(TODAY, '2027-01-01', '2029-12-31'), TODAY);
		expect(r.hits.map((h) => [h.organisation?.slug, h.due])).toEqual([
			['calderbrook-district-council', '2027-09-30'],
			['wessmoor-council', '2027-09-30'],
			['greystone-borough-council', '2027-11-30'],
			['port-alder-city-council', '2029-03-31']
		]);
		expect(r.opportunities).toHaveLength(1);
		expect(names(r.opportunities[0].members)).toEqual(['Calderbrook District Council', 'Wessmoor Council', 'Greystone Borough Council']);
		expect(r.opportunities[0].members[0].hits[0]).toMatchObject({ reference: 'CDC/SLA/KCC-PAY', noticeMonths: 6, fictional: true });
		expect(r.opportunities[0].members[0].hits[0].supplier).not.toBe('');
	});

	it('counts, without listing, contracts already ended or without an end date', async () => {
		const later = '2030-01-01';
		const r = await app.catalogue.radar({ type: 'hr-payroll' }, radarWindow(later, '2030-01-01', '2031-12-31', 'end'), later);
		expect(r.hits.map((h) => h.organisation?.slug)).toEqual(['port-alder-city-council']);
		expect([r.ended, r.undated]).toEqual([4, 0]);
		const districts = await app.catalogue.radar({ type: 'hr-payroll', orgType: 'district' }, radarWindow(later, '2030-01-01', '2031-12-31', 'end'), later);
		expect([districts.hits.length, districts.ended]).toEqual([0, 1]);
	});

	it('narrows by organisation type and by supplier', async () => {
		const window = radarWindow(TODAY, '2027-01-01', '2029-12-31');
		const all = await app.catalogue.radar({}, window, TODAY);
		const districts = await app.catalogue.radar({ orgType: 'district' }, window, TODAY);
		expect(districts.hits.length).toBeGreaterThan(0);
		expect(districts.hits.every((h) => h.organisation?.type === 'district')).toBe(true);
		expect(districts.hits.length).toBeLessThan(all.hits.length);
		const supplier = all.hits.find((h) => h.supplier)!.supplier;
		const slug = supplier.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
		const bySupplier = await app.catalogue.radar({ supplier: slug }, window, TODAY);
		expect(bySupplier.hits.length).toBeGreaterThan(0);
		expect(bySupplier.hits.every((h) => h.supplier.toLowerCase().includes(supplier.toLowerCase().split(' ')[0]))).toBe(true);
	});

	it('uses only maps whose contract dates are published', async () => {
		const window = radarWindow(TODAY, '2027-01-01', '2029-12-31');
		const entry = (await app.catalogue.search(parseSearchQuery(new URLSearchParams('q=Wessmoor')))).results[0];
		const held = async () => (await app.catalogue.contractHolders()).reduce((n, h) => n + h.contracts, 0);
		const before = await held();
		// Costs and references published, dates private: off the radar and out of the counts.
		await app.catalogue.publish(entry.id, { redaction: { ...NO_REDACTION, contracts: { dates: 'private', costs: 'published', references: 'published' } } });
		const hidden = await app.catalogue.radar({ type: 'hr-payroll' }, window, TODAY);
		expect(hidden.hits.map((h) => h.mapId)).not.toContain(entry.id);
		expect(names(hidden.opportunities[0].members)).toEqual(['Calderbrook District Council', 'Greystone Borough Council']);
		expect(await held()).toBeLessThan(before);
		// Dates alone: back on the radar, with no reference or route.
		await app.catalogue.publish(entry.id, { redaction: { ...NO_REDACTION, contracts: { ...PRIVATE_CONTRACTS, dates: 'published' } } });
		const shown = (await app.catalogue.radar({ type: 'hr-payroll' }, window, TODAY)).hits.filter((h) => h.mapId === entry.id);
		expect(shown.map((h) => [h.due, h.reference, h.route])).toEqual([['2027-09-30', '', '']]);
		expect(await held()).toBe(before);
		await app.catalogue.publish(entry.id, { redaction: NO_REDACTION });
	});

	it('leaves out a map once it withholds anything', async () => {
		const window = radarWindow(TODAY, '2027-01-01', '2029-12-31');
		const entry = (await app.catalogue.search(parseSearchQuery(new URLSearchParams('q=Calderbrook')))).results[0];
		await app.catalogue.publish(entry.id, { redaction: { products: false, suppliers: false, notes: true, contracts: PRIVATE_CONTRACTS } });
		const r = await app.catalogue.radar({ type: 'hr-payroll' }, window, TODAY);
		expect(r.hits.map((h) => h.mapId)).not.toContain(entry.id);
		expect((await app.catalogue.contractHolders()).length).toBeGreaterThan(0);
	});
});

describe('concentration', () => {
	it('gives supplier shares summing to 100% and an HHI within 0–10,000', async () => {
		const c = await app.catalogue.concentration('m365');
		expect(c.councils).toBe(5);
		expect(c.shares[0].name).toMatch(/Microsoft/);
		expect(c.shares.reduce((sum, x) => sum + x.share, 0)).toBeCloseTo(100);
		expect(c.hhi).toBeGreaterThan(0);
		expect(c.hhi).toBeLessThanOrEqual(10_000);
	});

	it('lists the suppliers holding the most contracts', async () => {
		const top = await app.catalogue.contractHolders(5);
		expect(top.length).toBeGreaterThan(0);
		expect(top[0].contracts).toBeGreaterThanOrEqual(top[top.length - 1].contracts);
	});
});
