// Organisations over HTTP on the built server with a real SQLite file: becoming "part of" an
// organisation needs its admin key or its admin's approval (until then the newcomer is not among
// its members nor in its family overlay), and a name already taken (ignoring case, spacing and
// punctuation) is refused. Run after `npm run build` (under the shared build lock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';

let srv: ServerProcess;
let county: { slug: string; adminKey: string };
let otherCounty: { slug: string; adminKey: string };

async function req(path: string, init: RequestInit = {}) {
	const res = await fetch(`${srv.base}${path}`, { redirect: 'manual', ...init });
	return { status: res.status, text: await res.text() };
}

async function json(path: string, method: string, body?: unknown, key?: string) {
	return req(path, {
		method,
		headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

/** A form posted as a browser without JavaScript would (same origin, url-encoded). */
async function form(path: string, fields: Record<string, string>) {
	return req(path, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: srv.base },
		body: new URLSearchParams(fields).toString()
	});
}

async function addOrg(body: Record<string, unknown>) {
	const r = await json('/api/organisations', 'POST', { type: 'district', ...body });
	return { status: r.status, body: JSON.parse(r.text) };
}

/** Publish a one-component map under `org` (with its key) so the family overlay has something to show. */
async function publishUnder(org: { slug: string; adminKey: string }, title: string): Promise<string> {
	const made = await req('/api/maps/import?format=owm', { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: `title ${title}\ncomponent Revenues [0.6, 0.5]\n` });
	expect(made.status, made.text).toBe(201);
	const map = JSON.parse(made.text) as { id: string; facilitatorUrl: string };
	const key = new URL(map.facilitatorUrl).searchParams.get('key')!;
	const r = await json(`/api/maps/${map.id}/publication`, 'PUT', { visibility: 'published', organisation: org.slug, organisationKey: org.adminKey }, key);
	expect(r.status, r.text).toBe(200);
	return map.id;
}

/** Whether `slug` (and its map `mapId`) shows as part of `parent`: members, profile page, family overlay. */
async function family(parent: string, slug: string, mapId: string) {
	const profile = JSON.parse((await req(`/api/organisations/${parent}`)).text);
	const overlay = JSON.parse((await req(`/api/overlay?parent=${parent}`)).text);
	const page = (await req(`/catalogue/organisations/${parent}`)).text;
	const overlayPage = (await req(`/overlay?parent=${parent}`)).text;
	return {
		member: profile.members.some((m: { slug: string }) => m.slug === slug),
		onPage: page.includes(`/catalogue/organisations/${slug}"`),
		inOverlay: overlay.maps.some((m: { id: string }) => m.id === mapId),
		onOverlayPage: overlayPage.includes(mapId)
	};
}

const NOWHERE = { member: false, onPage: false, inOverlay: false, onOverlayPage: false };
const EVERYWHERE = { member: true, onPage: true, inOverlay: true, onOverlayPage: true };

beforeAll(async () => {
	srv = await spawnServer(tempDataDir(), { STACKMAP_SEED: '1' });
	county = (await addOrg({ name: 'Testshire County Council', type: 'county' })).body;
	otherCounty = (await addOrg({ name: 'Otherset County Council', type: 'county' })).body;
	await publishUnder(county, 'Testshire map');
}, 60_000);

afterAll(() => {
	srv?.child.kill('SIGKILL');
});

describe('joining an organisation as part of it', () => {
	it('without its admin key only asks to join: not a member until its admin approves', async () => {
		const r = await addOrg({ name: 'Asking District Council', parent: county.slug });
		expect(r.status).toBe(201);
		const mapId = await publishUnder(r.body, 'Askcanary map');
		expect(await family(county.slug, r.body.slug, mapId)).toEqual(NOWHERE);
		expect(r.body.parent).toBeNull();
		expect(r.body.pendingParent).toBe(county.slug);
		const listed = JSON.parse((await req('/api/organisations')).text).find((o: { slug: string }) => o.slug === r.body.slug);
		expect(listed.parent).toBeNull();
		// The parent's public pages do not mention the request either.
		expect((await req(`/api/organisations/${county.slug}`)).text).not.toContain('Asking District');
		expect((await req(`/catalogue/organisations/${county.slug}`)).text).not.toContain('Asking District');
	});

	it('with a wrong admin key is refused, and nothing is added', async () => {
		for (const parentKey of ['x'.repeat(32), otherCounty.adminKey]) {
			const r = await addOrg({ name: 'Wrongkey District Council', parent: county.slug, parentKey });
			expect(r.status).toBe(403);
			expect(r.body.error).toMatch(/admin key of Testshire County Council/);
		}
		const all = (await req('/api/organisations')).text;
		expect(all).not.toContain('Wrongkey');
	});

	it('with its admin key is a member at once, shown on its page and in its family overlay', async () => {
		const r = await addOrg({ name: 'Keyed District Council', parent: county.slug, parentKey: county.adminKey });
		expect(r.status).toBe(201);
		expect(r.body.parent).toBe(county.slug);
		expect(r.body.pendingParent).toBeNull();
		const mapId = await publishUnder(r.body, 'Keyedcanary map');
		expect(await family(county.slug, r.body.slug, mapId)).toEqual(EVERYWHERE);
	});

	it('is approved or declined by the parent’s admin, with the parent’s key only', async () => {
		const a = (await addOrg({ name: 'Approved District Council', parent: county.slug })).body;
		const d = (await addOrg({ name: 'Declined District Council', parent: county.slug })).body;
		const aMap = await publishUnder(a, 'Approvedcanary map');
		const dMap = await publishUnder(d, 'Declinedcanary map');
		const path = `/api/organisations/${county.slug}/members/${a.slug}`;
		for (const key of [undefined, a.adminKey, otherCounty.adminKey]) expect((await json(path, 'PUT', undefined, key)).status).toBe(403);
		// Only the organisation asked can approve: another county's admin cannot take the request.
		expect((await json(`/api/organisations/${otherCounty.slug}/members/${a.slug}`, 'PUT', undefined, otherCounty.adminKey)).status).toBe(404);
		expect(await family(county.slug, a.slug, aMap)).toEqual(NOWHERE);
		const ok = await json(path, 'PUT', undefined, county.adminKey);
		expect(ok.status, ok.text).toBe(200);
		expect(await family(county.slug, a.slug, aMap)).toEqual(EVERYWHERE);
		expect((await json(`/api/organisations/${county.slug}/members/${d.slug}`, 'DELETE', undefined, county.adminKey)).status).toBe(200);
		expect(await family(county.slug, d.slug, dMap)).toEqual(NOWHERE);
		expect((await json(`/api/organisations/${county.slug}/members/${d.slug}`, 'PUT', undefined, county.adminKey)).status).toBe(404);
		// The parent's admin can also remove a member (and so undo an attachment made before keys were needed).
		expect((await json(path, 'DELETE', undefined, county.adminKey)).status).toBe(200);
		expect(await family(county.slug, a.slug, aMap)).toEqual(NOWHERE);
	});

	it('changing the parent later needs the new parent’s key, or waits for its approval', async () => {
		const child = (await addOrg({ name: 'Moving District Council', parent: county.slug, parentKey: county.adminKey })).body;
		const mapId = await publishUnder(child, 'Movingcanary map');
		const patch = (body: object) => json(`/api/organisations/${child.slug}`, 'PATCH', body, child.adminKey);
		expect((await json(`/api/organisations/${child.slug}`, 'PATCH', { parent: otherCounty.slug, parentKey: otherCounty.adminKey })).status).toBe(403);
		const wrong = await patch({ parent: otherCounty.slug, parentKey: county.adminKey });
		expect(wrong.status).toBe(403);
		expect(JSON.parse(wrong.text).error).toMatch(/admin key of Otherset County Council/);
		const asked = await patch({ parent: otherCounty.slug });
		expect(asked.status).toBe(200);
		expect(JSON.parse(asked.text)).toMatchObject({ parent: county.slug, pendingParent: otherCounty.slug });
		expect(await family(otherCounty.slug, child.slug, mapId)).toEqual(NOWHERE);
		expect(await family(county.slug, child.slug, mapId)).toEqual(EVERYWHERE);
		const moved = await patch({ parent: otherCounty.slug, parentKey: otherCounty.adminKey });
		expect(JSON.parse(moved.text)).toMatchObject({ parent: otherCounty.slug, pendingParent: null });
		expect(await family(otherCounty.slug, child.slug, mapId)).toEqual(EVERYWHERE);
		expect(await family(county.slug, child.slug, mapId)).toEqual(NOWHERE);
		// Editing other fields keeps the parent without its key; leaving needs only the member's own key.
		expect(JSON.parse((await patch({ region: 'London' })).text)).toMatchObject({ parent: otherCounty.slug });
		expect(JSON.parse((await patch({ parent: '' })).text)).toMatchObject({ parent: null, pendingParent: null });
		expect(await family(otherCounty.slug, child.slug, mapId)).toEqual(NOWHERE);
	});

	it('cannot make an organisation part of itself or of one of its members', async () => {
		const child = (await addOrg({ name: 'Loop District Council', parent: county.slug, parentKey: county.adminKey })).body;
		const r = await json(`/api/organisations/${county.slug}`, 'PATCH', { parent: child.slug, parentKey: child.adminKey }, county.adminKey);
		expect(r.status).toBe(400);
		expect(JSON.parse(r.text).error).toMatch(/Loop District Council is part of Testshire County Council/);
		expect((await json(`/api/organisations/${county.slug}`, 'PATCH', { parent: county.slug, parentKey: county.adminKey }, county.adminKey)).status).toBe(400);
	});

	it('asks with the new-organisation form, and says a wrong key is wrong next to the field', async () => {
		const wrong = await form('/catalogue/organisations/new', { name: 'Formwrong District Council', type: 'district', parent: county.slug, parentKey: 'y'.repeat(32) });
		expect(wrong.status).toBe(400);
		expect(wrong.text).toContain('id="parentKey-error"');
		expect(wrong.text).toMatch(/That is not the admin key of Testshire County Council/);
		const asked = await form('/catalogue/organisations/new', { name: 'Formasked District Council', type: 'district', parent: county.slug, parentKey: '' });
		expect(asked.status).toBe(200);
		expect(asked.text).toMatch(/asked Testshire County Council/);
		const manage = (await req(`/catalogue/organisations/${county.slug}/manage?key=${county.adminKey}`)).text;
		expect(manage).toMatch(/Requests to join/);
		expect(manage).toContain('Formasked District Council');
		// As the page's own Approve button posts it.
		const approved = await form(`/catalogue/organisations/${county.slug}/manage?/approve&key=${county.adminKey}`, { key: county.adminKey, member: 'formasked-district-council' });
		expect(approved.status).toBe(200);
		expect(approved.text).toMatch(/Formasked District Council is now listed as part of Testshire County Council/);
		expect(JSON.parse((await req(`/api/organisations/${county.slug}`)).text).members.map((m: { slug: string }) => m.slug)).toContain('formasked-district-council');
		const forged = await form(`/catalogue/organisations/${county.slug}/manage?/remove&key=${county.adminKey}`, { key: otherCounty.adminKey, member: 'formasked-district-council' });
		expect(forged.status).toBe(403);
		expect(JSON.parse((await req(`/api/organisations/${county.slug}`)).text).members.map((m: { slug: string }) => m.slug)).toContain('formasked-district-council');
	});
});

describe('organisation names', () => {
	it.each(['Kestrelford County Council', 'kestrelford   county COUNCIL', ' Kestrelford County Council. ', 'Kestrelford-County Council'])(
		'refuses “%s”, naming the organisation that has it',
		async (name) => {
			const r = await addOrg({ name });
			expect(r.status).toBe(400);
			expect(r.body.error).toMatch(/Kestrelford County Council is already in the catalogue/);
		}
	);

	it('treats “&” and “and” alike', async () => {
		expect((await addOrg({ name: 'Bath and Wells Council' })).status).toBe(201);
		expect((await addOrg({ name: 'Bath & Wells council' })).status).toBe(400);
	});

	it('refuses a duplicate name on the form, next to the field', async () => {
		const r = await form('/catalogue/organisations/new', { name: 'TESTSHIRE county council', type: 'county' });
		expect(r.status).toBe(400);
		expect(r.text).toContain('id="name-error"');
		expect(r.text).toMatch(/Testshire County Council is already in the catalogue/);
	});

	it('refuses renaming to another organisation’s name, but allows a change of case', async () => {
		const org = (await addOrg({ name: 'Renaming Council' })).body;
		const taken = await json(`/api/organisations/${org.slug}`, 'PATCH', { name: 'otherset county council' }, org.adminKey);
		expect(taken.status).toBe(400);
		expect(JSON.parse(taken.text).error).toMatch(/Otherset County Council is already in the catalogue/);
		const ok = await json(`/api/organisations/${org.slug}`, 'PATCH', { name: 'RENAMING Council' }, org.adminKey);
		expect(ok.status).toBe(200);
		expect(JSON.parse(ok.text)).toMatchObject({ slug: org.slug, name: 'RENAMING Council' });
	});

	it('gives every organisation its own address, never one of the site’s own pages', async () => {
		const r = await addOrg({ name: 'New' });
		expect(r.status).toBe(201);
		expect(r.body.slug).not.toBe('new');
		expect((await req(`/api/organisations/${r.body.slug}`)).status).toBe(200);
		const page = await req(`/catalogue/organisations/${r.body.slug}`);
		expect(page.text).toContain('<h1>New</h1>');
	});
});
