// The catalogue's search index on SQLite (FTS5) and PostgreSQL (tsvector): the same published maps
// are found by the same words — title, component, stemmed, with or without accents, a prefix,
// several words — ranked title first, counted by facet, and gone once unpublished or rebuilt.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSnapshot, makeComponent, parseSearchQuery, VOCABULARY } from '../../src/lib/catalogue/index.js';
import type { ComponentId, MapSnapshot } from '../../src/lib/map/index.js';
import { typeUsage } from '../../server/catalogue/aggregates.js';
import { entryByMapId } from '../../server/catalogue/entries.js';
import { rankedMatching, textQuery, titleMatching } from '../../server/catalogue/fulltext.js';
import { CatalogueIndex, type EntryMeta } from '../../server/catalogue/index-store.js';
import type { Organisation } from '../../server/catalogue/organisations.js';
import { createCatalogueTables, INDEX_VERSION } from '../../server/catalogue/schema.js';
import { searchCatalogue } from '../../server/catalogue/search.js';
import type { Sql } from '../../server/db/sql.js';
import { sqlDialects, type OpenedDatabase } from '../helpers/dialects.js';

const ORGS = new Map<number, Organisation>(
	[
		{ id: 1, slug: 'ynys-mon', name: 'Cyngor Sir Ynys Môn', type: 'unitary', region: 'Wales' },
		{ id: 2, slug: 'kestrelford', name: 'Kestrelford County Council', type: 'county', region: 'South West' }
	].map((o) => [o.id, { ...o, parentId: null, pendingParentId: null, website: '', description: '', fictional: true, createdAt: 0 } as Organisation])
);
/** Organisations by id, as the catalogue's Organisations answers the index. */
const orgs = { get: (id: number | null | undefined) => (id == null ? undefined : ORGS.get(id)) };

interface Part {
	name: string;
	type?: string;
	product?: string;
	supplier?: string;
}

function map(title: string, parts: readonly Part[], description = ''): MapSnapshot {
	const components = parts.map((p, i) =>
		makeComponent({ id: `c${i}` as ComponentId, name: p.name, componentType: p.type ?? '', product: p.product ?? '', supplier: p.supplier ?? '', evolution: 0.2 + i / 100 }, i + 1)
	);
	return buildSnapshot({ title, description }, { components });
}

const q = (text: string) => parseSearchQuery(new URLSearchParams(text));

describe.each(sqlDialects())('catalogue index on $dialect', ({ open }) => {
	let db: OpenedDatabase;
	let sql: Sql;
	let index: CatalogueIndex;
	let at = Date.UTC(2026, 11, 7);

	/** A published map record (the index's reads re-check `maps.visibility`) indexed from `snapshot`. */
	async function publish(id: string, snapshot: MapSnapshot, orgId: number | null = null, meta: Partial<EntryMeta> = {}): Promise<void> {
		at += 1000;
		if (!(await db.store.getMap(id))) {
			const key = new Uint8Array(32);
			await db.store.createMap({ id, title: snapshot.title, createdAt: at, updatedAt: at, visibility: 'private', keyHashes: { facilitator: key, participant: key, viewer: key } });
			await sql.run(`UPDATE maps SET visibility = 'published' WHERE id = ?`, [id]);
		}
		await index.put(id, snapshot, { orgId, description: '', updatedAt: at, publishedAt: at, seq: 0, ...meta });
	}

	async function found(text: string): Promise<string[]> {
		const result = await searchCatalogue(sql, index, orgs, VOCABULARY, q(text));
		return result.results.map((e) => e.id);
	}

	beforeEach(async () => {
		db = await open();
		sql = db.sql;
		await createCatalogueTables(sql);
		index = new CatalogueIndex(sql, orgs, VOCABULARY);
		await index.load();
		await publish(
			'rev',
			map('Council revenues stack', [
				{ name: 'Council tax billing', type: 'revs-bens', product: 'OpenRevenues', supplier: 'Civica' },
				{ name: 'Payments', type: 'payments-gateway', product: 'Civica Pay', supplier: 'Civica' }
			]),
			1
		);
		await publish(
			'crm',
			map('Customer services', [
				{ name: 'Contact centre CRM', type: 'crm', product: 'Dynamics 365', supplier: 'Microsoft' },
				{ name: 'Café booking', product: 'Résumé Desk' }
			]),
			2
		);
		await publish('planning', map('Planning and building control', [{ name: 'Planning portal', type: 'planning', supplier: 'Idox' }]));
	});
	afterEach(() => db.close());

	it('finds a map by a word of its title, of a component, and of its organisation', async () => {
		expect(await found('q=revenues')).toEqual(['rev']);
		expect(await found('q=Dynamics')).toEqual(['crm']);
		expect(await found('q=Idox')).toEqual(['planning']);
		expect(await found('q=Kestrelford')).toEqual(['crm']);
		expect(await found('q=zebracorn')).toEqual([]);
	});

	it('stems words, ignores accents either way, and takes the last word as a prefix', async () => {
		// "Kestrelford County Council" is the organisation of the other map.
		expect(await found('q=councils&sort=title')).toEqual(['rev', 'crm']);
		expect(await found('q=billed')).toEqual(['rev']);
		expect(await found('q=cafe')).toEqual(['crm']);
		expect(await found('q=Café')).toEqual(['crm']);
		expect(await found('q=resume')).toEqual(['crm']);
		expect(await found('q=Mon')).toEqual(['rev']);
		expect(await found('q=Môn')).toEqual(['rev']);
		expect(await found('q=Dynam')).toEqual(['crm']);
		expect(await found('q=OpenRev')).toEqual(['rev']);
	});

	it('needs every word, in any field, and refuses query syntax harmlessly', async () => {
		expect(await found('q=civica council')).toEqual(['rev']);
		expect(await found('q=civica planning')).toEqual([]);
		expect(await found('q=planning building&sort=title')).toEqual(['planning']);
		expect(await found('q=%22%29%28*')).toEqual([]);
		expect(await found('q=NEAR(planning) OR : *')).toEqual([]);
		expect(await found('q=planning:* | crm')).toEqual([]);
	});

	it('ranks a title match before a component match', async () => {
		await publish('portal', map('Portal replacement', [{ name: 'Web content' }]));
		expect(await found('q=portal')).toEqual(['portal', 'planning']);
		const portal = textQuery(sql, 'portal');
		expect(await rankedMatching(sql, portal, 2)).toEqual({ rids: [index.rid('portal'), index.rid('planning')], ranked: true });
		const many = await rankedMatching(sql, portal, 1);
		expect(many.ranked).toBe(false);
		expect(many.rids.sort()).toEqual([index.rid('portal'), index.rid('planning')].sort());
		// Above RANK_LIMIT matches, title matches alone are looked up, and put first.
		expect(await titleMatching(sql, 'portal')).toEqual([index.rid('portal')]);
		expect(await titleMatching(sql, 'plan build c')).toEqual([]);
		expect(await titleMatching(sql, 'plan build')).toEqual([index.rid('planning')]);
	});

	it('counts facets with the text applied', async () => {
		const all = await searchCatalogue(sql, index, orgs, VOCABULARY, q(''));
		expect(all.total).toBe(3);
		expect(all.facets.supplier.find((o) => o.value === 'civica')).toMatchObject({ count: 1 });
		const civica = await searchCatalogue(sql, index, orgs, VOCABULARY, q('supplier=civica&supplier=idox'));
		expect(civica.results.map((e) => e.id).sort()).toEqual(['planning', 'rev']);
		const text = await searchCatalogue(sql, index, orgs, VOCABULARY, q('q=planning'));
		expect(text.facets.supplier.map((o) => [o.value, o.count])).toEqual([['idox', 1]]);
		expect(text.reasons.planning).toMatchObject({ component: 'Planning portal' });
		expect((await typeUsage(sql, orgs, index, 'crm')).mapCount).toBe(1);
	});

	it('takes an unpublished map out of search, entries and aggregates', async () => {
		await index.remove('crm');
		expect(await found('q=Dynamics')).toEqual([]);
		expect(await entryByMapId(sql, orgs, 'crm')).toBeUndefined();
		expect((await typeUsage(sql, orgs, index, 'crm')).mapCount).toBe(0);
		expect((await searchCatalogue(sql, index, orgs, VOCABULARY, q(''))).total).toBe(2);
		// Indexed again: found again.
		await publish('crm', map('Customer services', [{ name: 'Contact centre CRM', type: 'crm', product: 'Dynamics 365' }]), 2);
		expect(await found('q=Dynamics')).toEqual(['crm']);
	});

	it('follows an edit: the old words go, the new ones come, the row id stays', async () => {
		const rid = index.rid('planning');
		await publish('planning', map('Planning and building control', [{ name: 'Land charges', supplier: 'Tascomi' }]));
		expect(index.rid('planning')).toBe(rid);
		expect(await found('q=Idox')).toEqual([]);
		expect(await found('q=Tascomi')).toEqual(['planning']);
		expect((await entryByMapId(sql, orgs, 'planning'))?.componentCount).toBe(1);
	});

	it('keeps two writes of one map whole when they are not awaited one by one', async () => {
		const a = map('Planning and building control', [{ name: 'Land charges', supplier: 'Tascomi' }]);
		const b = map('Planning and building control', [{ name: 'Land charges', supplier: 'Arcus' }]);
		await Promise.all([index.put('planning', a, { orgId: null, description: '', updatedAt: at, publishedAt: at, seq: 1 }), index.put('planning', b, { orgId: null, description: '', updatedAt: at, publishedAt: at, seq: 2 })]);
		const suppliers = await sql.all<{ supplier: string }>('SELECT supplier FROM catalogue_components c JOIN catalogue_entries e ON e.rid = c.rid WHERE e.map_id = ?', ['planning']);
		expect(suppliers.map((s) => s.supplier)).toEqual(['Arcus']);
		expect(await found('q=Tascomi')).toEqual([]);
	});

	it('loads the facets back from the tables, as another process would', async () => {
		const again = new CatalogueIndex(sql, orgs, VOCABULARY);
		await again.load();
		expect(again.mapIds().sort()).toEqual(['crm', 'planning', 'rev']);
		expect((await searchCatalogue(sql, again, orgs, VOCABULARY, q('q=OpenRevenues'))).results.map((e) => e.id)).toEqual(['rev']);
	});

	it('refiles maps under an organisation’s new name', async () => {
		ORGS.set(2, { ...ORGS.get(2)!, name: 'Harrowmere Council' });
		try {
			await index.refreshOrganisation(2);
			expect(await found('q=Harrowmere')).toEqual(['crm']);
			expect(await found('q=Kestrelford')).toEqual([]);
		} finally {
			ORGS.set(2, { ...ORGS.get(2)!, name: 'Kestrelford County Council' });
		}
	});

	it('empties the index when its version changes, and not otherwise', async () => {
		expect(await createCatalogueTables(sql)).toBe(false);
		expect(await found('q=revenues')).toEqual(['rev']);
		await sql.run(`UPDATE catalogue_meta SET value = ? WHERE key = 'index_version'`, [String(INDEX_VERSION - 1)]);
		expect(await createCatalogueTables(sql)).toBe(true);
		const fresh = new CatalogueIndex(sql, orgs, VOCABULARY);
		await fresh.load();
		expect(fresh.mapIds()).toEqual([]);
		expect((await sql.get<{ n: number }>('SELECT count(*) AS n FROM catalogue_components'))!.n).toBe(0);
		expect((await searchCatalogue(sql, fresh, orgs, VOCABULARY, q('q=revenues'))).total).toBe(0);
		// Re-indexed, as reconcile() does after a rebuild.
		index = fresh;
		await publish('rev', map('Council revenues stack', [{ name: 'Council tax billing', product: 'OpenRevenues' }]), 1);
		expect(await found('q=OpenRevenues')).toEqual(['rev']);
		expect(await createCatalogueTables(sql)).toBe(false);
	});
});
