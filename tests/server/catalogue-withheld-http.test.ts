// A map published with details withheld, over HTTP on the built server with a real SQLite file:
// the marked map (every field of every element kind, from the schema) published under each
// withholding setting, then every keyless answer about it — its files, catalogue page and record,
// compare, overlay, a fork and a merge draft, search — checked for the markers of withheld
// fields and for withheld names typed into text that stays. Plus the issue's own example: a
// "Capita One contract £1.2m/yr" link and a supplier typed into a component's name.
// Run after `npm run build`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redaction } from '../../src/lib/catalogue/index.js';
import { buildSnapshot, makeComponent, makeLink, NO_REDACTION, PRIVATE_CONTRACTS } from '../../src/lib/catalogue/index.js';
import type { ComponentId } from '../../src/lib/map/index.js';
import { isPublic, WITHHOLDING_SETTINGS, withholdingFixture } from '../fixtures/marked-map.js';
import { spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';
import { mapSurfaces } from '../helpers/surfaces.js';

let srv: ServerProcess;

interface Created {
	id: string;
	editUrl: string;
	viewUrl: string;
	facilitatorUrl: string;
}
const keyOf = (u: string) => new URL(u).searchParams.get('key')!;

async function req(path: string, init: RequestInit = {}) {
	const res = await fetch(`${srv.base}${path}`, { redirect: 'manual', ...init });
	return { status: res.status, text: await res.text() };
}

async function importMap(map: unknown): Promise<Created> {
	const res = await req('/api/maps/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(map) });
	expect(res.status, res.text).toBe(201);
	const created = JSON.parse(res.text) as Created & { errors: unknown[] };
	expect(created.errors).toEqual([]);
	return created;
}

async function publish(created: Created, redaction: Redaction, description = '') {
	const res = await req(`/api/maps/${created.id}/publication`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf(created.facilitatorUrl)}` },
		body: JSON.stringify({ visibility: 'published', redaction, description })
	});
	expect(res.status, res.text).toBe(200);
}

/** A new map's whole content, read with its key (forks and merge drafts are private). */
async function contentOf(created: { id: string; viewUrl: string }) {
	return (await req(`/api/maps/${created.id}?key=${keyOf(created.viewUrl)}`)).text;
}

/** Every keyless answer about map `id` (with `other`, a published map with nothing withheld, for compare, overlay and merge). */
async function publicAnswers(id: string, other: string): Promise<[string, string][]> {
	const paths = [
		...mapSurfaces(id, other),
		`/api/compare.csv?a=${other}&b=${id}`,
		`/api/overlay?map=${id}&map=${other}`,
		'/catalogue/suppliers',
		'/catalogue/products'
	];
	const out: [string, string][] = [];
	for (const path of paths) {
		const r = await req(path);
		expect(r.status, `${path}: ${r.text.slice(0, 200)}`).toBe(200);
		out.push([path, r.text.toLowerCase()]);
	}
	const fork = await req(`/api/maps/${id}/fork`, { method: 'POST' });
	expect(fork.status, fork.text).toBe(201);
	out.push(['fork', (await contentOf(JSON.parse(fork.text))).toLowerCase()]);
	const merge = await req('/api/merge', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ maps: [id, other] }) });
	expect(merge.status, merge.text).toBe(201);
	out.push(['merge', (await contentOf(JSON.parse(merge.text))).toLowerCase()]);
	return out;
}

/** Maps found by a catalogue search for `q`, without a key. */
async function found(q: string): Promise<string[]> {
	const r = JSON.parse((await req(`/api/catalogue?perPage=100&q=${encodeURIComponent(q)}`)).text) as { results: { id: string }[] };
	return r.results.map((x) => x.id);
}

// One fixture per setting, with its own markers: a field public under one setting is in the
// catalogue's lists while another map, withholding it, is checked against those lists.
const fixtures = new Map(WITHHOLDING_SETTINGS.map((r, i) => [r, withholdingFixture(`M${String.fromCharCode(65 + i)}`)]));
const marked = new Map<Redaction, Created>();
let plain: Created;

beforeAll(async () => {
	srv = await spawnServer(tempDataDir());
	plain = await importMap(buildSnapshot({ title: 'Plain map' }, { components: [makeComponent({ name: 'Plain CRM', componentType: 'crm', product: 'Plainsoft CRM', supplier: 'Plainsoft' }, 1)] }));
	await publish(plain, NO_REDACTION);
	for (const redaction of WITHHOLDING_SETTINGS) {
		const created = await importMap(fixtures.get(redaction)!.snapshot);
		await publish(created, redaction);
		marked.set(redaction, created);
	}
}, 60_000);

afterAll(() => {
	srv?.child.kill('SIGKILL');
});

const label = (r: Redaction) => Object.entries(r).filter(([, v]) => v === true).map(([k]) => k).join(' + ');

describe('the marked map, published with details withheld', () => {
	it('holds every marker for anyone with its key', async () => {
		const all = WITHHOLDING_SETTINGS[6];
		const whole = await contentOf(marked.get(all)!);
		expect(fixtures.get(all)!.fields.filter((f) => !whole.includes(f.marker)).map((f) => f.path)).toEqual([]);
	});

	it.each(WITHHOLDING_SETTINGS.map((r) => [label(r), r] as const))('withholding %s: no withheld field or name in any keyless answer', async (_, redaction) => {
		const id = marked.get(redaction)!.id;
		const fixture = fixtures.get(redaction)!;
		const answers = await publicAnswers(id, plain.id);
		const hidden = fixture.fields.filter((f) => !isPublic(f, redaction, fixture.snapshot)).map((f) => f.marker);
		const names = [...(redaction.products ? fixture.products : []), ...(redaction.suppliers ? fixture.suppliers : [])];
		const leaks = [...hidden, ...names].flatMap((m) => answers.filter(([, text]) => text.includes(m.toLowerCase())).map(([path]) => `${m} in ${path}`));
		expect(leaks).toEqual([]);
		// What is public is there: the title, and the map in the catalogue.
		const title = fixture.fields.find((f) => f.field === 'title')!.marker.toLowerCase();
		expect(answers.filter(([, text]) => text.includes(title)).map(([path]) => path)).toEqual(expect.arrayContaining([`/api/maps/${id}`, `/catalogue/maps/${id}`, '/api/catalogue?perPage=100', 'fork']));
		// Not searchable either.
		for (const m of [...hidden, ...names].filter((_, i) => i % 7 === 0)) expect(await found(m), m).not.toContain(id);
	}, 60_000);
});

describe('a link’s contract value and a supplier typed into a name', () => {
	const capita = buildSnapshot(
		{ title: 'Hale stack' },
		{
			components: [
				makeComponent({ id: 'tax' as ComponentId, name: 'Council tax', componentType: 'revs-bens', product: 'Academy', supplier: 'Capita One', evolution: 0.6, visibility: 0.7 }, 1),
				makeComponent({ id: 'pay' as ComponentId, name: 'Capita One payroll', product: 'ResourceLink', supplier: 'Zellis', evolution: 0.7, visibility: 0.4 }, 2)
			],
			links: [{ ...makeLink('tax' as ComponentId, 'pay' as ComponentId, 1), context: 'Capita One contract £1.2m/yr', flow: 'forward', flowLabel: '£1.2m/yr' }]
		}
	);

	it('withholding notes: the contract value is nowhere public', async () => {
		const m = await importMap(capita);
		await publish(m, { products: false, suppliers: false, notes: true, contracts: PRIVATE_CONTRACTS });
		const answers = await publicAnswers(m.id, plain.id);
		for (const [path, text] of answers) expect(text, path).not.toContain('1.2m');
		// The supplier itself is public here.
		expect(answers.find(([p]) => p === `/api/maps/${m.id}`)![1]).toContain('capita one');
		expect(await found('contract')).not.toContain(m.id);
		// Out of the catalogue again, so its public supplier is not in the lists the next test reads.
		const res = await req(`/api/maps/${m.id}/publication`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf(m.facilitatorUrl)}` }, body: JSON.stringify({ visibility: 'private' }) });
		expect(res.status).toBe(200);
	});

	it('withholding suppliers: the supplier is neither shown nor searchable, even typed into a name', async () => {
		const m = await importMap(capita);
		await publish(m, { products: false, suppliers: true, notes: false, contracts: PRIVATE_CONTRACTS }, 'Our stack, with Capita One');
		const answers = await publicAnswers(m.id, plain.id);
		for (const [path, text] of answers) {
			expect(text, path).not.toMatch(/capita|zellis|1\.2m/);
		}
		expect(answers.find(([p]) => p === `/api/maps/${m.id}`)![1]).toContain('[withheld] payroll');
		expect(await found('capita')).not.toContain(m.id);
		expect(await found('payroll')).toContain(m.id);
		expect((await req('/api/suppliers/capita-one')).status).toBe(404);
	});
});
