// The catalogue's source-of-truth tables on SQLite and PostgreSQL alike: organisations (names,
// slugs, parents), publication settings and share lists, API tokens and audit logs, through the
// one Sql door. The same promises hold on both, including across two instances on one database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashKey, newKey } from '../../server/access.js';
import { Organisations, OrganisationError } from '../../server/catalogue/organisations.js';
import { Publications, type Publication } from '../../server/catalogue/publication.js';
import { NO_REDACTION, PRIVATE_CONTRACTS } from '../../src/lib/catalogue/index.js';
import { sqlDialects, type OpenedDatabase } from '../helpers/dialects.js';

const hashes = { facilitator: hashKey(newKey()), participant: hashKey(newKey()), viewer: hashKey(newKey()) };

describe.each(sqlDialects())('catalogue sources on $dialect', ({ open }) => {
	let db: OpenedDatabase;
	let orgs: Organisations;
	let pubs: Publications;
	beforeEach(async () => {
		db = await open();
		orgs = new Organisations(db.sql);
		await orgs.load();
		pubs = new Publications(db.sql);
	});
	afterEach(() => db.close());

	async function newMap(id: string): Promise<void> {
		await db.store.createMap({ id, title: id, createdAt: 1, updatedAt: 1, visibility: 'private', keyHashes: hashes });
	}

	describe('organisations', () => {
		it('creates and updates a profile, keeping its slug and listing by name', async () => {
			const { organisation: b, adminKey } = await orgs.create({ name: 'Brindle District Council', type: 'district', region: 'North West', website: 'https://brindle.example' });
			const { organisation: a } = await orgs.create({ name: 'Applemoor Council', type: 'unitary', fictional: true });
			expect(b).toMatchObject({ slug: 'brindle-district-council', name: 'Brindle District Council', type: 'district', region: 'North West', parentId: null, fictional: false });
			expect(a.fictional).toBe(true);
			expect(orgs.all().map((o) => o.name)).toEqual(['Applemoor Council', 'Brindle District Council']);
			expect(await orgs.verifyKey(b.id, adminKey)).toBe(true);
			expect(await orgs.verifyKey(a.id, adminKey)).toBe(false);
			const updated = await orgs.update(b.id, { name: 'Brindle and Vale District Council', description: 'Two districts, one stack.' });
			expect(updated).toMatchObject({ slug: 'brindle-district-council', name: 'Brindle and Vale District Council', description: 'Two districts, one stack.' });
			// Another instance on the same database reads what this one wrote.
			const other = new Organisations(db.sql);
			await other.load();
			expect(other.bySlug('brindle-district-council')?.name).toBe('Brindle and Vale District Council');
		});

		it('refuses a name another organisation has, and numbers a slug that is taken', async () => {
			await orgs.create({ name: 'Corvid County Council', type: 'county' });
			await expect(orgs.create({ name: 'CORVID county council', type: 'county' })).rejects.toBeInstanceOf(OrganisationError);
			// A second instance whose copy is stale still sees the name taken: it is checked against the database.
			const stale = new Organisations(db.sql);
			await stale.load();
			await orgs.create({ name: 'Dunmere Council', type: 'district' });
			await expect(stale.create({ name: 'Dunmere Council', type: 'district' })).rejects.toMatchObject({ refusal: { field: 'name' } });
			// Two different names with one slug: the second is numbered, by either instance.
			expect((await orgs.create({ name: 'O’Brien Council', type: 'other' })).organisation.slug).toBe('o-brien-council');
			expect((await stale.create({ name: 'O Brien Council', type: 'other' })).organisation.slug).toBe('o-brien-council-2');
			// A slug the site's own pages use is never given.
			expect((await orgs.create({ name: 'New', type: 'other' })).organisation.slug).toBe('new-2');
			expect(orgs.all()).toHaveLength(5);
		});

		it('creates only one of two organisations with one name asked for at once by two instances', async () => {
			const other = new Organisations(db.sql);
			await other.load();
			// The same name (apostrophes aside) under two different slugs: only the name check can refuse one.
			const made = await Promise.allSettled([orgs.create({ name: 'O’Neill Council', type: 'district' }), other.create({ name: 'ONeill Council', type: 'district' })]);
			expect(made.filter((m) => m.status === 'fulfilled')).toHaveLength(1);
			expect(made.find((m) => m.status === 'rejected')).toMatchObject({ reason: { refusal: { field: 'name' } } });
			await orgs.load();
			expect(orgs.all()).toHaveLength(1);
		});

		it('joins a parent with its key, asks its admin without, and refuses a loop', async () => {
			const { organisation: county, adminKey: countyKey } = await orgs.create({ name: 'Fenwold County Council', type: 'county' });
			const { organisation: district } = await orgs.create({ name: 'Gorse District Council', type: 'district', parentId: county.id }, countyKey);
			expect(district.parentId).toBe(county.id);
			const { organisation: asking } = await orgs.create({ name: 'Heath District Council', type: 'district', parentId: county.id });
			expect(asking).toMatchObject({ parentId: null, pendingParentId: county.id });
			expect(orgs.requests(county.id).map((o) => o.slug)).toEqual(['heath-district-council']);
			await expect(orgs.create({ name: 'Ivy District Council', type: 'district', parentId: county.id }, newKey())).rejects.toMatchObject({ refusal: { field: 'parentKey', status: 403 } });
			expect((await orgs.approve(county.id, asking.id)).parentId).toBe(county.id);
			expect(orgs.children(county.id).map((o) => o.slug)).toEqual(['gorse-district-council', 'heath-district-council']);
			await expect(orgs.update(county.id, { parentId: district.id })).rejects.toMatchObject({ refusal: { field: 'parent' } });
			expect(await orgs.release(county.id, district.id)).toBe('removed');
			expect(orgs.get(district.id)?.parentId).toBeNull();
			await expect(orgs.release(county.id, district.id)).rejects.toBeInstanceOf(OrganisationError);
			const audit = (await orgs.audit.list(county.id)).map((e) => `${e.who}: ${e.action} ${e.detail}`);
			expect(audit).toEqual([
				'admin of Heath District Council: membership requested Heath District Council',
				'admin key: member added Gorse District Council',
				'admin key: organisation created Fenwold County Council'
			]);
		});

		it('tells the other instances after a change, and reads theirs on forget()', async () => {
			let told = 0;
			orgs.onChange = () => told++;
			const { organisation } = await orgs.create({ name: 'Juniper Council', type: 'other' });
			expect(told).toBe(1);
			const other = new Organisations(db.sql);
			await other.load();
			await other.update(organisation.id, { region: 'Wales' });
			expect(orgs.get(organisation.id)?.region).toBe('');
			await orgs.forget();
			expect(orgs.get(organisation.id)?.region).toBe('Wales');
		});
	});

	describe('publication settings', () => {
		it('reads defaults for a map never published, nothing for an unknown map, and writes settings whole', async () => {
			await newMap('map-kestrel');
			expect(await pubs.get('map-unknown')).toBeUndefined();
			const before = (await pubs.get('map-kestrel'))!;
			expect(before).toMatchObject({ visibility: 'private', orgId: null, description: '', publishedAt: null, sharedWith: [], forkedFrom: null, fictional: false });
			const { organisation } = await orgs.create({ name: 'Kestrel Council', type: 'unitary' });
			const redaction = { ...NO_REDACTION, notes: true, contracts: { ...PRIVATE_CONTRACTS, dates: 'published' as const } };
			const written = await pubs.put('map-kestrel', { ...before, visibility: 'published', orgId: organisation.id, description: 'Ours', redaction, fictional: true });
			expect(written.publishedAt).toBeGreaterThan(0);
			expect(await pubs.get('map-kestrel')).toEqual(written);
			expect((await db.store.getMap('map-kestrel'))?.visibility).toBe('published');
			expect(await pubs.publishedIds()).toEqual(['map-kestrel']);
			// The first publication's time stays when the map is published again.
			const again = await pubs.put('map-kestrel', { ...written, visibility: 'unlisted' });
			expect((await pubs.put('map-kestrel', { ...again, visibility: 'published' })).publishedAt).toBe(written.publishedAt);
			expect(await pubs.publishedIds()).toEqual(['map-kestrel']);
		});

		it('replaces the share list whole, and loses a share when its organisation is deleted', async () => {
			await newMap('map-larch');
			await newMap('map-moss');
			const ids: number[] = [];
			for (const name of ['Larch Council', 'Moss Council', 'Nettle Council']) ids.push((await orgs.create({ name, type: 'district' })).organisation.id);
			const [larch, moss, nettle] = ids;
			const base = (await pubs.get('map-larch'))! satisfies Publication;
			await pubs.put('map-larch', { ...base, sharedWith: [larch, moss] });
			await pubs.put('map-moss', { ...base, sharedWith: [moss] });
			expect((await pubs.get('map-larch'))!.sharedWith).toEqual([larch, moss]);
			await pubs.put('map-larch', { ...base, sharedWith: [nettle, moss] });
			expect((await pubs.get('map-larch'))!.sharedWith).toEqual([moss, nettle]);
			expect(await pubs.sharedWith([moss, nettle])).toEqual([
				{ mapId: 'map-larch', orgId: moss },
				{ mapId: 'map-larch', orgId: nettle },
				{ mapId: 'map-moss', orgId: moss }
			]);
			expect(await pubs.sharedWith([])).toEqual([]);
			// An organisation deleted (by hand: there is no route) takes its shares, tokens and log with it.
			await orgs.tokens.create(moss, 'CI', 'publish');
			await db.sql.run('DELETE FROM organisations WHERE id = ?', [moss]);
			expect((await pubs.get('map-larch'))!.sharedWith).toEqual([nettle]);
			expect(await pubs.sharedWith([moss])).toEqual([]);
			expect(await orgs.tokens.list(moss)).toEqual([]);
			expect(await orgs.audit.list(moss)).toEqual([]);
		});

		it('reads and writes a map’s settings in one transaction, its row locked, as publishing does', async () => {
			await newMap('map-pine');
			const { organisation } = await orgs.create({ name: 'Pine Council', type: 'district' });
			const { organisation: other } = await orgs.create({ name: 'Quill Council', type: 'district' });
			// Two publishers at once, the second reading while the first is between its read and its
			// write: under the lock it reads the first's share after it commits, so neither is lost.
			let firstRead!: () => void;
			const firstHasRead = new Promise<void>((r) => (firstRead = r));
			let secondRead!: () => void;
			const secondHasRead = new Promise<void>((r) => (secondRead = r));
			const share = (orgId: number, afterRead: () => Promise<void>) =>
				db.sql.tx(async (t) => {
					const current = (await pubs.get('map-pine', t, true))!;
					await afterRead();
					return pubs.put('map-pine', { ...current, sharedWith: [...current.sharedWith, orgId] }, t);
				});
			const first = share(organisation.id, async () => {
				firstRead();
				// Long enough for an unlocked read by the second to return; a locked one waits for this commit.
				await Promise.race([secondHasRead, new Promise((r) => setTimeout(r, 200))]);
			});
			await firstHasRead;
			const second = share(other.id, async () => secondRead());
			await Promise.all([first, second]);
			expect((await pubs.get('map-pine'))!.sharedWith).toEqual([organisation.id, other.id].sort((a, b) => a - b));
			expect(await db.sql.tx((t) => pubs.get('map-unknown', t, true))).toBeUndefined();
		});

		it('rolls the whole write back when a share names no organisation', async () => {
			await newMap('map-oak');
			const base = (await pubs.get('map-oak'))!;
			await expect(pubs.put('map-oak', { ...base, visibility: 'published', description: 'Half written', sharedWith: [999_999] })).rejects.toThrow();
			expect(await pubs.get('map-oak')).toEqual(base);
			expect((await db.store.getMap('map-oak'))?.visibility).toBe('private');
		});
	});

	describe('tokens and the audit log', () => {
		it('creates a token shown once, finds it by its hash for its own organisation and scope, and revokes it', async () => {
			const { organisation: p } = await orgs.create({ name: 'Poplar Council', type: 'district' });
			const { organisation: q } = await orgs.create({ name: 'Quince Council', type: 'district' });
			const publish = await orgs.tokens.create(p.id, ' CI publish ', 'publish');
			const admin = await orgs.tokens.create(p.id, 'Admin script', 'admin');
			expect(publish.token).toMatch(/^smo_[A-Za-z0-9_-]{43}$/);
			expect(publish.info).toMatchObject({ name: 'CI publish', scope: 'publish', lastUsedAt: null });
			await expect(orgs.tokens.create(p.id, '  ', 'admin')).rejects.toBeInstanceOf(RangeError);
			expect((await orgs.tokens.list(p.id)).map((t) => t.name)).toEqual(['Admin script', 'CI publish']);
			expect(await orgs.tokens.use(q.id, publish.token, 'publish')).toBeNull();
			expect(await orgs.tokens.use(p.id, publish.token, 'admin')).toBeNull();
			expect(await orgs.tokens.use(p.id, publish.token.slice(0, -1) + (publish.token.endsWith('A') ? 'B' : 'A'), 'publish')).toBeNull();
			// Only a use that lets it in counts as one.
			expect((await orgs.tokens.list(p.id)).every((t) => t.lastUsedAt === null)).toBe(true);
			const used = await orgs.tokens.use(p.id, admin.token, 'publish');
			expect(used).toMatchObject({ id: admin.info.id, scope: 'admin' });
			expect(used!.lastUsedAt).toBeGreaterThan(0);
			expect((await orgs.tokens.list(p.id)).find((t) => t.id === admin.info.id)?.lastUsedAt).toBe(used!.lastUsedAt);
			expect(await orgs.allows(p.id, admin.token, 'admin')).toMatchObject({ kind: 'token', name: 'Admin script' });
			expect(await orgs.tokens.revoke(q.id, admin.info.id)).toBeUndefined();
			expect(await orgs.tokens.revoke(p.id, admin.info.id)).toMatchObject({ name: 'Admin script' });
			expect(await orgs.tokens.use(p.id, admin.token, 'publish')).toBeNull();
			expect(await orgs.allows(p.id, admin.token, 'publish')).toBeNull();
		});

		it('appends to each organisation’s log and pages it newest first by id', async () => {
			const { organisation: r } = await orgs.create({ name: 'Rowan Council', type: 'district' });
			const { organisation: s } = await orgs.create({ name: 'Sorrel Council', type: 'district' });
			for (let i = 1; i <= 5; i++) await orgs.audit.record(r.id, 'admin key', 'map published', `map ${i}`);
			await orgs.audit.record(s.id, 'token “CI”', 'map published', 'elsewhere');
			const first = await orgs.audit.list(r.id, 3);
			expect(first.map((e) => e.detail)).toEqual(['map 5', 'map 4', 'map 3']);
			const next = await orgs.audit.list(r.id, 3, first.at(-1)!.id);
			expect(next.map((e) => e.detail)).toEqual(['map 2', 'map 1', 'Rowan Council']);
			expect(next.at(-1)).toMatchObject({ who: 'admin key', action: 'organisation created' });
			expect(first[0].at).toBeGreaterThan(0);
			expect((await orgs.audit.list(s.id)).map((e) => e.detail)).toEqual(['elsewhere', 'Sorrel Council']);
		});
	});
});
