// The renewal radar's table on SQLite and PostgreSQL: catalogue rows written with SQL (as the index
// writes them) come back as the radar's rows, filters, contract holders and concentration, a map
// shared with an organisation reads as shared, and a change told to the table shows at once.
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { radarWindow, renewalRadar, VOCABULARY, type RadarFilter } from '../../src/lib/catalogue/index.js';
import { addComponent, readSnapshot } from '../../src/lib/map/index.js';
import { addContract } from '../../src/lib/map/contract-commands.js';
import type { Organisation } from '../../server/catalogue/organisations.js';
import { contractHolders, radar, radarRows, typeConcentration, type RadarOrganisations } from '../../server/catalogue/radar.js';
import { LiveRadarTable } from '../../server/catalogue/radar-table.js';
import { createCatalogueTables } from '../../server/catalogue/schema.js';
import { sharedRadarRows } from '../../server/catalogue/shared-radar.js';
import type { Sql } from '../../server/db/sql.js';
import { sqlDialects, type OpenedDatabase } from '../helpers/dialects.js';

const TODAY = '2026-12-07';
const WINDOW = radarWindow(TODAY, '2027-01-01', '2029-12-31');
const HASH = new Uint8Array([0]);

interface ContractSpec {
	readonly type: string;
	readonly suppliers: readonly [slug: string, name: string][];
	readonly end: string;
	readonly notice?: number;
	/** As the index computes it: the notice date, else the end. */
	readonly due?: string;
	readonly reference?: string;
}

/** The organisations as the catalogue holds them in memory, read from the table. */
class OrgTable implements RadarOrganisations {
	private list: Organisation[] = [];
	constructor(private readonly sql: Sql) {}
	async read(): Promise<void> {
		const rows = await this.sql.all<{ id: number; slug: string; name: string; type: string; region: string; fictional: number }>(
			'SELECT id, slug, name, type, region, fictional FROM organisations ORDER BY name'
		);
		this.list = rows.map((r) => ({ ...r, type: r.type as Organisation['type'], fictional: r.fictional === 1, parentId: null, pendingParentId: null, website: '', description: '', createdAt: 0 }));
	}
	all(): Organisation[] {
		return this.list;
	}
	get(id: number | null | undefined): Organisation | undefined {
		return this.list.find((o) => o.id === id);
	}
}

async function addOrg(sql: Sql, slug: string, name: string, type: string, region: string): Promise<number> {
	const row = await sql.get<{ id: number }>(
		'INSERT INTO organisations (slug, name, type, region, fictional, admin_hash, created_at) VALUES (?, ?, ?, ?, 0, ?, 0) RETURNING id',
		[slug, name, type, region, HASH]
	);
	return row!.id;
}

/** A map with its record, publication row and index rows (one component per contract); returns its index row id. */
async function addMap(sql: Sql, id: string, opts: { orgId?: number | null; visibility?: string; fictional?: boolean; contracts: readonly ContractSpec[] }): Promise<number> {
	const orgId = opts.orgId ?? null;
	await sql.run('INSERT INTO maps (id, title, created_at, updated_at, visibility, facilitator_hash, participant_hash, viewer_hash) VALUES (?, ?, 0, 0, ?, ?, ?, ?)', [
		id,
		`Map ${id}`,
		opts.visibility ?? 'published',
		HASH,
		HASH,
		HASH
	]);
	await sql.run('INSERT INTO map_meta (map_id, org_id, fictional) VALUES (?, ?, ?)', [id, orgId, opts.fictional ?? false]);
	const { rid } = (await sql.get<{ rid: number }>(
		`INSERT INTO catalogue_entries (map_id, title, description, org_id, component_count, type_count, untyped_count, updated_at, published_at, indexed_seq, facets)
		 VALUES (?, ?, '', ?, ?, 0, 0, 0, 0, 0, '{}') RETURNING rid`,
		[id, `Map ${id}`, orgId, opts.contracts.length]
	))!;
	for (const [ord, k] of opts.contracts.entries()) {
		const [supplierSlug, supplierName] = k.suppliers[0] ?? ['', ''];
		await sql.run(
			`INSERT INTO catalogue_components (rid, ord, type_id, layer, node, name, product, product_slug, supplier, evolution, visibility, sourcing, lifecycle)
			 VALUES (?, ?, ?, '', '', ?, ?, ?, ?, 0.5, 0.5, '', '')`,
			[rid, ord, k.type, `${k.type} ${ord}`, `${supplierName} product`, supplierSlug ? `${supplierSlug}-product` : '', supplierName]
		);
		for (const [slug, name] of k.suppliers) {
			await sql.run('INSERT INTO catalogue_suppliers (slug, rid, ord, name, type_id, product_slug, product, evolution) VALUES (?, ?, ?, ?, ?, ?, ?, 0.5)', [
				slug,
				rid,
				ord,
				name,
				k.type,
				`${slug}-product`,
				`${name} product`
			]);
		}
		await sql.run(
			'INSERT INTO catalogue_contracts (rid, ord, k, contract_id, reference, start_date, end_date, notice_months, due_date, route) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?)',
			[rid, ord, `k${ord}`, k.reference ?? `${id}-${ord}`, '2022-01-01', k.end, k.notice ?? null, k.due ?? k.end, 'G-Cloud']
		);
	}
	return rid;
}

const CIVICA: [string, string] = ['civica', 'Civica'];
const CAPITA: [string, string] = ['capita', 'Capita'];
const IDOX: [string, string] = ['idox', 'Idox'];

describe.each(sqlDialects())('the renewal radar on $dialect', ({ open }) => {
	let db: OpenedDatabase;
	let sql: Sql;
	let orgs: OrgTable;
	let live: LiveRadarTable;
	let county: number;
	let district: number;
	const rids = new Map<string, number>();

	beforeEach(async () => {
		db = await open();
		sql = db.sql;
		// The index tables, as Catalogue.open makes them (PostgreSQL's migrations have them already).
		await createCatalogueTables(sql);
		county = await addOrg(sql, 'wessmoor', 'Wessmoor Council', 'county', 'South West');
		district = await addOrg(sql, 'calderbrook', 'Calderbrook District Council', 'district', 'North East');
		orgs = new OrgTable(sql);
		await orgs.read();
		rids.set('w1', await addMap(sql, 'w1', { orgId: county, contracts: [{ type: 'hr-payroll', suppliers: [CIVICA], end: '2027-09-30', notice: 6, due: '2027-03-30' }] }));
		rids.set(
			'c1',
			await addMap(sql, 'c1', {
				orgId: district,
				contracts: [
					{ type: 'hr-payroll', suppliers: [CAPITA], end: '2028-01-31' },
					{ type: 'finance', suppliers: [CIVICA, IDOX], end: '2029-05-31' }
				]
			})
		);
		// Private: its index rows are left from before it was unpublished and must not show.
		rids.set('p1', await addMap(sql, 'p1', { orgId: county, visibility: 'private', contracts: [{ type: 'hr-payroll', suppliers: [CIVICA], end: '2027-10-31' }] }));
		rids.set(
			'f1',
			await addMap(sql, 'f1', {
				fictional: true,
				contracts: [
					{ type: 'hr-payroll', suppliers: [IDOX], end: '2028-06-30' },
					{ type: 'hr-payroll', suppliers: [IDOX], end: '' },
					{ type: 'hr-payroll', suppliers: [CIVICA], end: '2025-03-31' }
				]
			})
		);
		live = new LiveRadarTable(sql);
		return () => db.close();
	});

	const ask = (filter: RadarFilter, query = WINDOW) => radar(live, orgs, filter, query, TODAY);
	const hits = async (filter: RadarFilter, query = WINDOW) => (await ask(filter, query)).hits.map((h) => [h.mapId, h.due]);

	it('lists published contracts due in the window by date to act by, and counts the rest', async () => {
		const r = await ask({ type: 'hr-payroll' });
		expect(r.hits.map((h) => [h.mapId, h.due, h.organisation?.slug ?? null, h.fictional])).toEqual([
			['w1', '2027-03-30', 'wessmoor', false],
			['c1', '2028-01-31', 'calderbrook', false],
			['f1', '2028-06-30', null, true]
		]);
		expect([r.undated, r.ended]).toEqual([1, 1]);
		expect(r.hits[0]).toMatchObject({ supplier: 'Civica', reference: 'w1-0', route: 'G-Cloud', start: '2022-01-01', end: '2027-09-30' });
		expect(await hits({ type: 'hr-payroll' }, radarWindow(TODAY, '2027-06-01', '2027-12-31', 'end'))).toEqual([['w1', '2027-09-30']]);
	});

	it('narrows by organisation type, region, supplier and product', async () => {
		expect(await hits({ orgType: 'district' })).toEqual([
			['c1', '2028-01-31'],
			['c1', '2029-05-31']
		]);
		expect(await hits({ region: 'South West' })).toEqual([['w1', '2027-03-30']]);
		expect(await hits({ supplier: 'idox' })).toEqual([
			['f1', '2028-06-30'],
			['c1', '2029-05-31']
		]);
		expect(await hits({ product: 'capita-product' })).toEqual([['c1', '2028-01-31']]);
		expect(await hits({ type: 'finance', supplier: 'capita' })).toEqual([]);
	});

	it('counts the suppliers holding the most published contracts, on how many maps', async () => {
		expect(await contractHolders(live, 10)).toEqual([
			{ slug: 'civica', name: 'Civica', contracts: 3, maps: 3 },
			{ slug: 'idox', name: 'Idox', contracts: 3, maps: 2 },
			{ slug: 'capita', name: 'Capita', contracts: 1, maps: 1 }
		]);
		expect((await contractHolders(live, 1)).map((h) => h.slug)).toEqual(['civica']);
	});

	it('gives each supplier its share of the councils naming one for a type', async () => {
		const c = await typeConcentration(live, 'hr-payroll');
		expect(c.councils).toBe(3);
		expect(c.shares.map((s) => [s.supplier, s.councils])).toEqual([
			['civica', 2],
			['capita', 1],
			['idox', 1]
		]);
		expect(c.shares.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(100);
	});

	it('reads a map shared with an organisation as shared, in place of its published rows', async () => {
		// Shared with the district: its members see the contract as the live map holds it now.
		await sql.run('INSERT INTO map_shares (map_id, org_id) VALUES (?, ?)', ['w1', district]);
		const doc = new Y.Doc();
		const payroll = addComponent(doc, { name: 'Payroll', componentType: 'hr-payroll', supplier: 'Civica', evolution: 0.6, visibility: 0.5 });
		addContract(doc, payroll, { reference: 'W-PAY-2', start: '2023-04-01', end: '2028-03-31', noticeMonths: 3 });
		const shared = (await sql.all<{ map_id: string }>('SELECT map_id FROM map_shares WHERE org_id = ?', [district])).map((r) => r.map_id);
		expect(shared).toEqual(['w1']);
		const filter: RadarFilter = { type: 'hr-payroll' };
		const own = sharedRadarRows(readSnapshot(doc), 'w1', orgs.get(county), false, filter, VOCABULARY);
		expect(own.map((r) => [r.mapId, r.reference, r.end, r.organisation?.slug])).toEqual([['w1', 'W-PAY-2', '2028-03-31', 'wessmoor']]);
		const { rows } = await radarRows(live, orgs, filter, WINDOW, TODAY, new Set(shared));
		const r = renewalRadar([...rows, ...own], WINDOW, TODAY);
		expect(r.hits.map((h) => [h.mapId, h.reference, h.due])).toEqual([
			['w1', 'W-PAY-2', '2027-12-31'],
			['c1', 'c1-0', '2028-01-31'],
			['f1', 'f1-0', '2028-06-30']
		]);
		// Filed under another organisation's type, the shared map's rows are left out.
		expect(sharedRadarRows(readSnapshot(doc), 'w1', orgs.get(county), false, { orgType: 'district' }, VOCABULARY)).toEqual([]);
	});

	it('shows a change at once when the table is told which map changed', async () => {
		expect(await hits({ type: 'hr-payroll' })).toHaveLength(3);
		await sql.run('UPDATE catalogue_contracts SET end_date = ?, due_date = ?, notice_months = NULL WHERE rid = ?', ['2029-01-31', '2029-01-31', rids.get('w1')!]);
		live.changed([rids.get('w1')!]);
		expect(await hits({ type: 'hr-payroll' })).toEqual([
			['c1', '2028-01-31'],
			['f1', '2028-06-30'],
			['w1', '2029-01-31']
		]);
		// A map taken out of the index.
		for (const table of ['catalogue_contracts', 'catalogue_suppliers', 'catalogue_components', 'catalogue_entries']) await sql.run(`DELETE FROM ${table} WHERE rid = ?`, [rids.get('c1')!]);
		live.changed([rids.get('c1')!]);
		expect(await hits({ type: 'hr-payroll' })).toEqual([
			['f1', '2028-06-30'],
			['w1', '2029-01-31']
		]);
		expect((await contractHolders(live)).map((h) => h.slug)).not.toContain('capita');
		expect((await typeConcentration(live, 'hr-payroll')).shares.map((s) => s.supplier)).not.toContain('capita');
	});

	it('reads everything again when told so (a publication changed), and drops answers when organisations change', async () => {
		expect(await hits({ type: 'hr-payroll' })).toHaveLength(3);
		await sql.run(`UPDATE maps SET visibility = 'unlisted' WHERE id = ?`, ['f1']);
		await sql.run(`UPDATE maps SET visibility = 'published' WHERE id = ?`, ['p1']);
		live.changed(null);
		expect((await hits({ type: 'hr-payroll' })).map(([id]) => id)).toEqual(['w1', 'p1', 'c1']);
		await sql.run('UPDATE organisations SET name = ?, type = ? WHERE id = ?', ['Calderbrook and Dene Council', 'unitary', district]);
		await orgs.read();
		live.changed([]);
		const r = await ask({ type: 'hr-payroll' });
		expect(r.hits.find((h) => h.mapId === 'c1')?.organisation?.name).toBe('Calderbrook and Dene Council');
		expect(await hits({ orgType: 'district' })).toEqual([]);
	});

	it('follows another instance’s write once told of it, as Catalogue.changedElsewhere tells it', async () => {
		const other = new LiveRadarTable(sql);
		expect((await radar(other, orgs, { type: 'hr-payroll' }, WINDOW, TODAY)).hits).toHaveLength(3);
		// This instance re-indexes w1 and tells its own table; the other hears of it over Redis.
		await sql.run('DELETE FROM catalogue_contracts WHERE rid = ?', [rids.get('w1')!]);
		live.changed([rids.get('w1')!]);
		expect((await hits({ type: 'hr-payroll' })).map(([id]) => id)).toEqual(['c1', 'f1']);
		other.changed([rids.get('w1')!]);
		expect((await radar(other, orgs, { type: 'hr-payroll' }, WINDOW, TODAY)).hits.map((h) => h.mapId)).toEqual(['c1', 'f1']);
	});

	it('includes a change told while the table is being read', async () => {
		const first = live.current();
		await sql.run('UPDATE catalogue_contracts SET end_date = ?, due_date = ? WHERE rid = ? AND ord = 0', ['2029-02-28', '2029-02-28', rids.get('f1')!]);
		live.changed([rids.get('f1')!]);
		await first;
		expect((await hits({ supplier: 'idox', type: 'hr-payroll' })).map(([, due]) => due)).toEqual(['2029-02-28']);
	});

	it('reads a catalogue larger than one page in the same order', async () => {
		// Later maps end earlier: every page's rows interleave with the others'.
		const n = 1_100;
		await sql.tx(async (t) => {
			for (let i = 0; i < n; i++) {
				const end = `${2037 - Math.floor(i / 100)}-${String(12 - (i % 12)).padStart(2, '0')}-01`;
				await addMap(t, `big${i}`, { contracts: [{ type: 'it-service', suppliers: [CIVICA], end }] });
			}
		});
		const table = await live.current();
		const big = (rows: readonly { mapId: string; due: string; end: string }[]) => rows.filter((r) => r.mapId.startsWith('big'));
		expect(big(table.byDue)).toHaveLength(n);
		const dues = big(table.byDue).map((r) => r.due);
		expect(dues).toEqual([...dues].sort());
		const ends = big(table.byEnd).map((r) => r.end);
		expect(ends).toEqual([...ends].sort());
		expect((await ask({ type: 'it-service' }, radarWindow(TODAY, '2010-01-01', '2040-12-31'))).hits).toHaveLength(n);
	});
});
