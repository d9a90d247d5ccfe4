// The catalogue over the five fictional seed councils on a real SQLite file, table-driven:
// seeding, matching (search and facets), who-uses-what, compare, overlay and merge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	compareMaps,
	matchReasonText,
	overlayMaps,
	parseSearchQuery,
	SEED_COUNCILS,
	seedCouncilMaps,
	summarise,
	VOCABULARY
} from '../../src/lib/catalogue/index.js';
import { readSnapshot } from '../../src/lib/map/index.js';
import { publish, type StackmapApp } from '../../server/app.js';
import { seedIfEmpty } from '../../server/seed.js';
import { compareRefs } from '../../src/lib/server/catalogue/compare.js';
import { chooseMaps, overlayOf } from '../../src/lib/server/catalogue/overlay.js';
import { forkMap, mergeToDraft } from '../../src/lib/server/catalogue/create.js';
import { resolveMap } from '../../src/lib/server/catalogue/resolve.js';
import { startCollab, type TestServer } from '../helpers/collab.js';

let s: TestServer;
let app: StackmapApp;
/** Seed council id → published map id. */
const mapOf = new Map<string, string>();
const seeded = seedCouncilMaps(SEED_COUNCILS);
const councils = SEED_COUNCILS.councils;
const q = (text: string) => parseSearchQuery(new URLSearchParams(text));

beforeAll(async () => {
	s = await startCollab({ seed: true });
	app = s.app;
	publish(app);
	expect(await seedIfEmpty(app)).toBe(5);
	for (const entry of (await app.catalogue.search(q('perPage=100'))).results) {
		const council = councils.find((c) => entry.title.startsWith(c.name))!;
		mapOf.set(council.id, entry.id);
	}
});

afterAll(async () => {
	await s.close();
});

describe('seeding', () => {
	it('publishes the five councils once, as fictional organisations with OGL maps', async () => {
		expect(mapOf.size).toBe(5);
		expect(await seedIfEmpty(app)).toBe(0);
		const orgs = app.catalogue.orgs.all();
		expect(orgs).toHaveLength(5);
		expect(orgs.every((o) => o.fictional && o.description.startsWith('Fictional council'))).toBe(true);
		for (const id of mapOf.values()) {
			const e = (await app.catalogue.entry(id))!;
			expect(e).toMatchObject({ fictional: true, licence: 'OGL-UK-3.0', visibility: 'published' });
		}
		const calderbrook = app.catalogue.orgs.bySlug('calderbrook-district-council')!;
		expect(app.catalogue.orgs.get(calderbrook.parentId)?.name).toBe('Kestrelford County Council');
	});

	it('does not seed when disabled', async () => {
		const off = await startCollab({ seed: false });
		expect(await seedIfEmpty(off.app)).toBe(0);
		expect(off.app.catalogue.index.mapIds()).toEqual([]);
		await off.close();
	});
});

describe('matching', () => {
	it.each(councils.map((c) => [c.id, c] as const))('%s: found by each of its products and suppliers', async (id, council) => {
		for (const c of council.components.slice(0, 12)) {
			const found = (await app.catalogue.search(q(`q=${encodeURIComponent(c.label)}`))).results.map((r) => r.id);
			expect(found, c.label).toContain(mapOf.get(id));
		}
	});

	it.each(VOCABULARY.types.filter((t) => councils.some((c) => c.components.some((x) => x.componentType === t.id))).map((t) => [t.id]))(
		'type %s: facet count and who-uses-what match the seed data',
		async (typeId) => {
			const having = councils.filter((c) => c.components.some((x) => x.componentType === typeId));
			expect((await app.catalogue.search(q(`type=${typeId}`))).total).toBe(having.length);
			const usage = await app.catalogue.typeUsage(typeId);
			expect(usage.mapCount).toBe(having.length);
			expect(usage.componentCount).toBe(councils.flatMap((c) => c.components).filter((x) => x.componentType === typeId).length);
			expect(usage.positions.slice().sort()).toEqual(councils.flatMap((c) => c.components).filter((x) => x.componentType === typeId).map((x) => x.x).sort());
		}
	);

	it('combines facets: AND across facets, OR within one, counts each facet without its own filter', async () => {
		const r = await app.catalogue.search(q('orgType=district&orgType=county&type=crm'));
		expect(r.total).toBe(2);
		expect(r.facets.orgType.find((o) => o.value === 'unitary')).toMatchObject({ count: 2, selected: false });
		expect(r.facets.orgType.find((o) => o.value === 'district')).toMatchObject({ count: 1, selected: true });
		expect((await app.catalogue.search(q('supplier=civica&region=South West'))).total).toBe(2);
		expect((await app.catalogue.search(q('q=nosuchthingatall'))).total).toBe(0);
		expect((await app.catalogue.search(q('q=%22%29%28*'))).total).toBe(0);
	});

	it('says which component made a map match the text', async () => {
		const r = await app.catalogue.search(q('q=openrevenues'));
		const ids = ['calderbrook', 'wessmoor'].map((id) => mapOf.get(id)!);
		expect(r.results.map((e) => e.id).sort()).toEqual(ids.sort());
		for (const id of ids) expect(matchReasonText(r.reasons[id])).toContain('OpenRevenues');
		const civica = await app.catalogue.search(q('q=civica&perPage=100'));
		expect(civica.total).toBeGreaterThan(0);
		for (const e of civica.results) expect(matchReasonText(civica.reasons[e.id]), e.title).toMatch(/Civica/);
		expect(civica.reasons[mapOf.get('calderbrook')!].fields.map((f) => f.field)).toContain('supplier');
		// Matched by the title alone: no component to name.
		const byTitle = await app.catalogue.search(q('q=kestrelford'));
		expect(byTitle.results.map((e) => e.id)).toContain(mapOf.get('kestrelford'));
		expect(byTitle.reasons[mapOf.get('kestrelford')!]).toBeUndefined();
		expect((await app.catalogue.search(q('type=crm'))).reasons).toEqual({});
	});

	it('sorts and pages', async () => {
		const titles = (await app.catalogue.search(q('sort=title&perPage=2&page=2'))).results.map((r) => r.title);
		const all = (await app.catalogue.search(q('sort=title'))).results.map((r) => r.title);
		expect(titles).toEqual(all.slice(2, 4));
		expect(all).toEqual([...all].sort());
		expect((await app.catalogue.search(q('sort=components'))).results[0].componentCount).toBe(61);
	});

	it('finds the most similar maps by component type', async () => {
		const similar = await app.catalogue.similarMaps(mapOf.get('kestrelford')!, 4);
		expect(similar).toHaveLength(4);
		expect(similar[0].similarity).toBeGreaterThanOrEqual(similar[3].similarity);
	});

	it('gives a supplier’s and a product’s footprint', async () => {
		const civica = (await app.catalogue.supplier('civica'))!;
		expect(civica.mapCount).toBe(councils.filter((c) => c.components.some((x) => /civica/i.test(x.supplier))).length);
		expect(civica.related.map((p) => p.name)).toContain('Civica Pay');
		const pay = (await app.catalogue.product('civica-pay'))!;
		expect(pay.types.map((t) => t.typeId)).toEqual(['payments-gateway']);
		expect(await app.catalogue.supplier('no-such-supplier')).toBeUndefined();
	});
});

const pairs = councils.flatMap((a, i) => councils.slice(i + 1).map((b) => [a.id, b.id] as const));
const byId = (id: string) => seeded.find((x) => x.council.id === id)!;

describe('compare', () => {
	it.each(pairs)('%s vs %s: the catalogue comparison equals the pure one', async (a, b) => {
		const view = await compareRefs({ id: mapOf.get(a)! }, { id: mapOf.get(b)! });
		const expected = compareMaps(byId(a).map, byId(b).map, VOCABULARY);
		expect(view.comparison.both.map((t) => t.typeId)).toEqual(expected.both.map((t) => t.typeId));
		expect(view.comparison.onlyA.map((t) => t.typeId)).toEqual(expected.onlyA.map((t) => t.typeId));
		expect(view.sentences).toEqual(summarise(expected, view.names));
		expect(view.names.a).not.toBe(view.names.b);
		// The API compares components read from the index: the same answer.
		const fromIndex = await compareRefs({ id: mapOf.get(a)! }, { id: mapOf.get(b)! }, { componentsOnly: true });
		expect(fromIndex.sentences).toEqual(view.sentences);
	});
});

describe('overlay', () => {
	it('overlays a county with its districts from the index, as the pure overlay does', async () => {
		const { chosen, selection } = await chooseMaps(new URLSearchParams('parent=kestrelford-county-council'));
		expect(selection.maps.map((m) => m.name).sort()).toEqual(['Calderbrook', 'Kestrelford']);
		const overlay = overlayOf(chosen);
		const expected = overlayMaps([byId('kestrelford'), byId('calderbrook')].map((x) => ({ id: x.council.id, name: x.council.name, map: x.map })), VOCABULARY);
		expect(overlay.sharedCore.map((t) => t.typeId)).toEqual(expected.sharedCore.map((t) => t.typeId));
		expect(overlay.types.map((t) => [t.typeId, t.mapCount, t.spread.median])).toEqual(expected.types.map((t) => [t.typeId, t.mapCount, t.spread.median]));
	});

	it.each([
		['orgType=unitary', 2],
		['region=South West', 2],
		['type=revs-bens', 4],
		['', 0],
		['all=1', 5]
	] as const)('overlays the published maps a search finds (%s → %i maps)', async (params, n) => {
		const { chosen } = await chooseMaps(new URLSearchParams(params));
		expect(chosen).toHaveLength(n);
	});

	it('flags Wessmoor’s duplicates', async () => {
		const { chosen } = await chooseMaps(new URLSearchParams(`map=${mapOf.get('wessmoor')}&map=${mapOf.get('greystone')}`));
		const crm = overlayOf(chosen).types.find((t) => t.typeId === 'crm')!;
		expect(crm.duplicates.map((d) => [d.mapName, d.components.length])).toEqual([['Wessmoor', 3]]);
	});
});

describe('merge and fork', () => {
	it.each([
		[['calderbrook', 'kestrelford']],
		[['port-alder', 'greystone', 'wessmoor']],
		[councils.map((c) => c.id)]
	])('merges %j into a private draft with one component per type and predecessors', async (ids) => {
		const sources = await Promise.all(ids.map((id) => resolveMap({ id: mapOf.get(id)! })));
		const { created, duplicates } = await mergeToDraft(sources, 'New authority');
		const record = (await app.store.getMap(created.id))!;
		expect(record.visibility).toBe('private');
		const stored = await app.store.loadDoc(created.id);
		const doc = new Y.Doc();
		stored.updates.forEach((u) => Y.applyUpdate(doc, u));
		const map = readSnapshot(doc);
		const types = new Set(ids.flatMap((id) => councils.find((c) => c.id === id)!.components.map((x) => x.componentType)));
		expect(map.title).toBe('New authority');
		expect(map.components.filter((c) => c.kind === 'component')).toHaveLength(types.size);
		for (const d of duplicates) expect(map.components.find((c) => c.id === d.componentId)?.notes).toMatch(/Duplicates to rationalise/);
		const crm = map.components.find((c) => c.componentType === 'crm')!;
		expect(crm.predecessors.length).toBe(ids.reduce((n, id) => n + councils.find((c) => c.id === id)!.components.filter((x) => x.componentType === 'crm').length, 0));
		expect(map.description).toMatch(/Open Government Licence v3\.0/);
	});

	it('forks a published map as a private copy that credits its source', async () => {
		const source = await resolveMap({ id: mapOf.get('port-alder')! });
		const created = await forkMap(source);
		expect((await app.store.getMap(created.id))!.visibility).toBe('private');
		const pub = (await app.catalogue.publication(created.id))!;
		expect(pub.forkedFrom).toBe(source.id);
		const copy = await app.catalogue.snapshot(created.id);
		expect(copy.title).toBe(`Copy of ${source.title}`);
		expect(copy.description).toMatch(/^Based on “Port Alder City Council: technology stack” by Port Alder City Council \(Open Government Licence v3\.0\)\./);
		expect(copy.components).toHaveLength(source.snapshot.components.length);
		expect(app.catalogue.index.rid(created.id)).toBeUndefined();
		expect((await app.catalogue.search(q('perPage=100'))).results.map((r) => r.id)).not.toContain(created.id);
	});
});
