// Publishing levels on a real SQLite file: a private map never reaches a list, search, count,
// facet, aggregate or overlay; an unlisted one only its own address; withheld details reach
// nothing public. The index follows a published map's live document within seconds.
import { afterEach, describe, expect, it } from 'vitest';
import { addComponent, readSnapshot, renameComponent } from '../../src/lib/map/index.js';
import { NO_REDACTION, PRIVATE_CONTRACTS, parseSearchQuery } from '../../src/lib/catalogue/index.js';
import { createStackmap, publish } from '../../server/app.js';
import { applyTypes, untypedSuggestions } from '../../src/lib/server/catalogue/publish.js';
import { CatalogueError, type Catalogue } from '../../server/catalogue/catalogue.js';
import { connectClient, startCollab, tempDataDir, until, type TestServer } from '../helpers/collab.js';
import { canaryMap, storeMap } from '../fixtures/catalogue.js';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const open: { close(): unknown }[] = [];
afterEach(async () => {
	for (const thing of open.splice(0).reverse()) await thing.close();
});

async function server(): Promise<TestServer> {
	const s = await startCollab();
	open.push(s);
	return s;
}

const q = (text: string) => parseSearchQuery(new URLSearchParams(text));

/** Everything the public can reach through the catalogue object, as one JSON string. */
async function publicView(c: Catalogue): Promise<string> {
	const parts: unknown[] = [
		await c.search(q('')),
		await c.search(q('perPage=100')),
		c.index.facets.totals('type'),
		c.index.facets.totals('supplier'),
		c.index.facets.totals('product'),
		c.index.facets.totals('org'),
		await c.typeUsage('revs-bens'),
		await c.typeUsage('crm'),
		await c.typeUsage('payments-gateway'),
		await c.indexedMaps(c.index.mapIds())
	];
	for (const o of c.orgs.all()) parts.push(await c.organisationMaps(o.slug), await c.familyMaps(o.slug));
	for (const id of c.index.mapIds()) parts.push(await c.similarMaps(id, 20), await c.entry(id));
	return JSON.stringify(parts, (_k, v) => (v instanceof Map ? [...v.entries()] : v));
}

async function everyWordSearched(c: Catalogue, canary: string): Promise<number[]> {
	const queries = ['', `q=${canary}`, `q=${canary}Rev`, `q=${canary}Soft`, `q=${canary}CRM`, `q=${canary} Widget`, `supplier=${canary.toLowerCase()}soft`];
	const totals: number[] = [];
	for (const p of queries) totals.push((await c.search(q(p))).total);
	return totals;
}

describe('publishing levels', () => {
	it('never shows a private map, and takes a map out everywhere when it goes back to private', async () => {
		const s = await server();
		const c = s.app.catalogue;
		const { organisation, adminKey } = await c.orgs.create({ name: 'Testshire County Council', type: 'county', region: 'South West' });
		const priv = await storeMap(s.app, canaryMap('Privcanary'));
		await c.publish(priv.id, { organisation: organisation.slug, organisationKey: adminKey });
		expect((await c.publication(priv.id))?.visibility).toBe('private');
		expect(await everyWordSearched(c, 'Privcanary')).toEqual([0, 0, 0, 0, 0, 0, 0]);
		expect(await publicView(c)).not.toMatch(/privcanary/i);
		expect(await c.publicSnapshot(priv.id)).toBeUndefined();
		expect((await c.entry(priv.id))).toBeUndefined();

		// Published, then private again: gone from everything, counts back to zero.
		await c.publish(priv.id, { visibility: 'published' });
		expect((await c.search(q('q=Privcanary'))).total).toBe(1);
		expect(await publicView(c)).toMatch(/Privcanary/);
		await c.publish(priv.id, { visibility: 'private' });
		expect(await everyWordSearched(c, 'Privcanary')).toEqual([0, 0, 0, 0, 0, 0, 0]);
		expect(await publicView(c)).not.toMatch(/privcanary/i);
		expect((await c.typeUsage('crm')).mapCount).toBe(0);
		expect((await c.organisationMaps(organisation.slug))).toEqual([]);
		const rows = s.app.catalogue.index.mapIds();
		expect(rows).toEqual([]);
	});

	it('lets anyone open an unlisted map by its address but never lists, searches or counts it', async () => {
		const s = await server();
		const c = s.app.catalogue;
		const unl = await storeMap(s.app, canaryMap('Unlcanary'));
		await c.publish(unl.id, { visibility: 'unlisted', redaction: NO_REDACTION });
		expect(await everyWordSearched(c, 'Unlcanary')).toEqual([0, 0, 0, 0, 0, 0, 0]);
		expect(await publicView(c)).not.toMatch(/unlcanary/i);
		expect((await c.publicSnapshot(unl.id))?.title).toBe('Unlcanary map');
		const record = (await s.app.store.getMap(unl.id))!;
		expect(await c.publicRole(record)).toBe('viewer');
	});

	it('withholds products, suppliers and notes from everything public, but not from key holders', async () => {
		const s = await server();
		const c = s.app.catalogue;
		// Title and description are the publisher's own words and are shown as written.
		const red = await storeMap(s.app, { ...canaryMap('Redcanary', 'Withholding council map'), description: 'Our estate' });
		await c.publish(red.id, { visibility: 'published', redaction: { products: true, suppliers: true, notes: false, contracts: PRIVATE_CONTRACTS } });
		const view = await publicView(c);
		expect(view).toContain('Withholding council map');
		// Names of typed components become their type; the untyped one keeps its name, less withheld
		// names ('Redcanary Widget' is its product 'RedcanaryWidget').
		expect(view.replaceAll('Redcanary Widget', '')).not.toMatch(/redcanary/i);
		expect((await c.search(q('q=RedcanaryRev'))).total).toBe(0);
		expect((await c.search(q('q=revenues'))).total).toBe(1);
		const pub = (await c.publicSnapshot(red.id))!;
		expect(pub.components.map((x) => [x.name, x.product, x.supplier, x.notes])).toEqual([
			['Revenues & benefits', '', '', ''],
			['Corporate CRM / customer case management', '', '', ''],
			['Card payments gateway / PSP', '', '', ''],
			['[withheld]', '', '', '']
		]);
		expect(await c.publicRole((await s.app.store.getMap(red.id))!)).toBeNull();
		const full = await c.snapshot(red.id);
		expect(full.components[0]).toMatchObject({ product: 'RedcanaryRev Pro', supplier: 'RedcanarySoft', notes: 'Redcanary contract ends 2027' });
	});

	it('attaches a map to an organisation only with that organisation’s admin key', async () => {
		const s = await server();
		const c = s.app.catalogue;
		const { organisation, adminKey } = await c.orgs.create({ name: 'Keyborough Council', type: 'district' });
		const other = await c.orgs.create({ name: 'Other District Council', type: 'district' });
		const m = await storeMap(s.app, canaryMap('Keycanary'));
		await expect(c.publish(m.id, { organisation: organisation.slug })).rejects.toMatchObject({ status: 403 });
		await expect(c.publish(m.id, { organisation: organisation.slug, organisationKey: other.adminKey })).rejects.toBeInstanceOf(CatalogueError);
		await c.publish(m.id, { visibility: 'published', organisation: organisation.slug, organisationKey: adminKey });
		expect((await c.search(q(`org=${organisation.slug}`))).total).toBe(1);
		expect((await c.search(q('orgType=district'))).results[0].organisation?.name).toBe('Keyborough Council');
		// Changing other settings later needs no key; detaching needs none either.
		await c.publish(m.id, { description: 'Our stack in 2026' });
		expect((await c.entry(m.id))?.description).toBe('Our stack in 2026');
		await c.publish(m.id, { organisation: null });
		expect((await c.search(q(`org=${organisation.slug}`))).total).toBe(0);
	});
});

describe('the index follows the live document', () => {
	it('shows a published map’s workshop edits in search within seconds', async () => {
		const s = await server();
		const c = s.app.catalogue;
		const m = await storeMap(s.app, canaryMap('Livecanary'));
		await c.publish(m.id, { visibility: 'published' });
		const client = await connectClient(s.url, m.id, m.keys.participant);
		open.push({ close: () => client.destroy() });
		const crm = readSnapshot(client.doc).components.find((x) => x.componentType === 'crm')!;
		renameComponent(client.doc, crm.id, 'Quokkaflow case manager');
		addComponent(client.doc, { name: 'Wombatgate', componentType: 'ipaas', evolution: 0.7, visibility: 0.4 });
		await until(async () => (await c.search(q('q=quokkaflow'))).total === 1 && (await c.typeUsage('ipaas')).mapCount === 1, 5000, 'index to follow the edit');
		expect((await c.search(q('q=wombatgate'))).results[0].id).toBe(m.id);
	});

	it('does not index a private map’s live edits', async () => {
		const s = await server();
		const c = s.app.catalogue;
		const m = await storeMap(s.app, canaryMap('Quietcanary'));
		const client = await connectClient(s.url, m.id, m.keys.participant);
		open.push({ close: () => client.destroy() });
		addComponent(client.doc, { name: 'Echidnastack', componentType: 'ipaas' });
		await new Promise((r) => setTimeout(r, 1500));
		expect((await c.search(q('q=echidnastack'))).total).toBe(0);
		expect(c.index.mapIds()).toEqual([]);
	});

	it('keeps the index across a restart and catches up with a document that moved on', async () => {
		const dataDir = tempDataDir();
		const config = { dataDir, dbFile: join(dataDir, 'stackmap.db'), graceMs: 50 };
		const a = await createStackmap(config);
		const m = await storeMap(a, canaryMap('Restartcanary'));
		await a.catalogue.publish(m.id, { visibility: 'published' });
		// An edit stored while the index did not see it (a crash between store and re-index).
		const room = await a.rooms.open(m.id);
		a.catalogue.docChanged = async () => undefined;
		addComponent(room.doc, { name: 'Platypusdesk', componentType: 'itsm' });
		await room.whenStored();
		a.rooms.released(room);
		await a.close();
		const b = await createStackmap(config);
		open.push(b);
		expect((await b.catalogue.search(q('q=restartcanary'))).total).toBe(1);
		await until(async () => (await b.catalogue.search(q('q=platypusdesk'))).total === 1, 3000, 'reconcile');
	});
});

describe('an index written before publication was an allow-list', () => {
	it('is rebuilt at start, so what it held beyond the public snapshot stops being searchable', async () => {
		const dataDir = tempDataDir();
		const config = { dataDir, dbFile: join(dataDir, 'stackmap.db'), graceMs: 50 };
		const a = await createStackmap(config);
		const m = await storeMap(a, { ...canaryMap('Oldcanary'), title: 'Oldcanary map' });
		await a.catalogue.publish(m.id, { visibility: 'published', redaction: { products: false, suppliers: true, notes: false, contracts: PRIVATE_CONTRACTS } });
		await a.close();
		// As an older version indexed it: a withheld supplier typed into a component's name, kept.
		const db = new Database(config.dbFile);
		db.prepare(`UPDATE catalogue_meta SET value = '2' WHERE key = 'index_version'`).run();
		db.prepare(`UPDATE catalogue_fts SET components = 'Zebracorp payroll'`).run();
		// …and up to date with the document, so only the index version can make it rebuild.
		db.prepare('UPDATE catalogue_entries SET indexed_seq = 1000000').run();
		db.close();
		const b = await createStackmap(config);
		open.push(b);
		await b.catalogue.settled();
		expect((await b.catalogue.search(q('q=Oldcanary'))).total).toBe(1);
		expect((await b.catalogue.search(q('q=Zebracorp'))).total).toBe(0);
	});
});

describe('typing components before publishing', () => {
	it('suggests types for untyped components and sets the chosen ones on the live map', async () => {
		const s = await server();
		publish(s.app);
		const m = await storeMap(s.app, canaryMap('Typecanary'));
		const client = await connectClient(s.url, m.id, m.keys.participant);
		open.push({ close: () => client.destroy() });
		addComponent(client.doc, { name: 'Revenues system', product: 'Civica OpenRevenues', supplier: 'Civica' });
		let snapshot = await s.app.catalogue.snapshot(m.id);
		for (let i = 0; i < 200 && snapshot.components.length < 5; i++) {
			await new Promise((r) => setTimeout(r, 10));
			snapshot = await s.app.catalogue.snapshot(m.id);
		}
		const suggestions = untypedSuggestions(snapshot);
		expect(suggestions.map((x) => x.name).sort()).toEqual(['Revenues system', 'Typecanary Widget']);
		const revs = suggestions.find((x) => x.name === 'Revenues system')!;
		expect(revs.options[0]).toMatchObject({ typeId: 'revs-bens' });
		expect(revs.options[0].confidence).toBeGreaterThan(0.5);
		expect(await applyTypes(m.id, new Map([[revs.componentId, 'revs-bens'], ['no-such-component', 'crm'], [revs.componentId + 'x', 'nonsense']]))).toBe(1);
		await until(() => readSnapshot(client.doc).components.find((c) => c.name === 'Revenues system')?.componentType === 'revs-bens', 3000, 'type reaches the editor');
	});
});
