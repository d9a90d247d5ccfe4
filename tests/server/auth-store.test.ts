// The accounts tables behave alike on SQLite and PostgreSQL: users by issuer and subject,
// sessions, sign-in flows taken once, map owners and the organisations maps belong to,
// organisation domains, roles and invitations (taken up once, even by sign-ins finishing at
// once), the refusals of the unique indexes, and what deleting a user takes with it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLOW_MS, Flows } from '../../server/auth/flows.js';
import { createAuth, SESSION_COOKIE, type Auth } from '../../server/auth/index.js';
import { OrgPeople } from '../../server/auth/people.js';
import { Sessions } from '../../server/auth/sessions.js';
import { Users, type User } from '../../server/auth/users.js';
import { sqlDialects, type OpenedDatabase } from '../helpers/dialects.js';

const HOUR = 3600_000;
const CONFIG = { providers: [{ id: 'idp', name: 'Test IdP', issuer: 'https://idp.example', clientId: 'stackmap', clientSecret: '' }], idleMs: 8 * HOUR, maxMs: 7 * 24 * HOUR };
const FLOW = { provider: 'idp', state: 's', nonce: 'n', verifier: 'v', redirectUri: 'https://stackmap.example/auth/callback', returnTo: '/my/maps' };
const NO_KEY = { facilitator: new Uint8Array(32), participant: new Uint8Array(32), viewer: new Uint8Array(32) };

describe.each(sqlDialects())('accounts on $dialect', ({ open }) => {
	let db: OpenedDatabase;
	let now: number;
	let users: Users;
	let sessions: Sessions;
	let auth: Auth;
	let person: (subject: string, email: string | null, emailVerified?: boolean) => Promise<User>;
	const map = (id: string, title: string, updatedAt: number, visibility: 'private' | 'published' = 'private') =>
		db.store.createMap({ id, title, createdAt: 1, updatedAt, visibility, keyHashes: NO_KEY });
	const cookie = (token: string) => `theme=dark; ${SESSION_COOKIE}=${token}`;
	const count = async (table: string) => (await db.sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;

	beforeEach(async () => {
		db = await open();
		now = 1_800_000_000_000;
		users = new Users(db.sql);
		sessions = new Sessions(db.sql, { ...CONFIG, now: () => now });
		auth = createAuth(db.sql, CONFIG, { now: () => now });
		person = (subject, email, emailVerified = true) => users.upsert({ issuer: 'https://idp.example', subject, email, emailVerified, name: subject.toUpperCase() }, now);
	});
	afterEach(async () => {
		auth.close();
		await db.close();
	});

	it('keeps one user per issuer and subject, even signing in twice at once', async () => {
		const claims = { issuer: 'https://idp.example', subject: 'ana', email: 'ana@kestrelford.gov.uk', emailVerified: true, name: 'Ana' };
		const [a, b] = await Promise.all([users.upsert(claims), users.upsert({ ...claims, name: 'Ana K' })]);
		expect(a.id).toBe(b.id);
		expect(await count('users')).toBe(1);
		expect(await auth.userById(a.id)).toMatchObject({ id: a.id, email: 'ana@kestrelford.gov.uk', emailVerified: true });
	});

	it('reads a session’s user, and signs out one session or every one of a user’s', async () => {
		const ana = await person('ana', 'ana@kestrelford.gov.uk');
		const [one, two] = [await sessions.create(ana.id), await sessions.create(ana.id)];
		expect((await auth.user(one))?.id).toBe(ana.id);
		await auth.signOut(one, false);
		expect([await auth.user(one), (await auth.user(two))?.id]).toEqual([null, ana.id]);
		const three = await sessions.create(ana.id);
		await auth.signOut(two, true);
		expect([await auth.user(two), await auth.user(three)]).toEqual([null, null]);
		expect(await count('sessions')).toBe(0);
	});

	it('expires sessions by idle and absolute time, and sweeps them away in the background', async () => {
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		try {
			auth.close();
			auth = createAuth(db.sql, CONFIG, { now: () => now });
			const ana = await person('ana', 'ana@kestrelford.gov.uk');
			const idle = await sessions.create(ana.id);
			now += 9 * HOUR;
			expect(await count('sessions')).toBe(1);
			await vi.advanceTimersByTimeAsync(HOUR);
			await vi.waitFor(async () => expect(await count('sessions')).toBe(0));
			expect(await auth.user(idle)).toBeNull();
		} finally {
			vi.useRealTimers();
		}
	});

	it('logs a failed sweep rather than throwing it', async () => {
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		const onError = vi.fn();
		try {
			auth.close();
			auth = createAuth(db.sql, CONFIG, { now: () => now, onError });
			await db.sql.exec('DROP TABLE sessions');
			await vi.advanceTimersByTimeAsync(HOUR);
			await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
		} finally {
			vi.useRealTimers();
		}
	});

	it('answers a sign-in flow once, and never after it expired', async () => {
		const flows = new Flows(db.sql, () => now);
		const token = await flows.start(FLOW);
		const taken = await Promise.all([flows.take(token), flows.take(token)]);
		expect(taken.filter((f) => f !== null)).toEqual([FLOW]);
		const late = await flows.start(FLOW);
		now += FLOW_MS + 1;
		expect(await flows.take(late)).toBeNull();
		// Starting a flow forgets the stale ones.
		await flows.start(FLOW);
		await flows.start(FLOW);
		now += FLOW_MS + 1;
		await flows.start(FLOW);
		expect(await count('auth_flows')).toBe(1);
		expect(await flows.take('not a token')).toBeNull();
	});

	it('records a map’s first owner, lists maps by last change and opens them to an organisation', async () => {
		const ana = await person('ana', 'ana@kestrelford.gov.uk');
		const ben = await person('ben', 'ben@kestrelford.gov.uk');
		const cai = await person('cai', 'cai@calderbrook.gov.uk');
		await map('revenues0001', 'Revenues', 5);
		await map('housing00001', 'Housing', 9, 'published');
		await map('benefits0001', 'Benefits', 7);
		await auth.claim('revenues0001', ana.id);
		await auth.claim('housing00001', ana.id);
		await auth.claim('benefits0001', ben.id);
		await auth.claim('revenues0001', ben.id);
		expect((await auth.mapsOf(ana.id)).map((m) => m.id)).toEqual(['housing00001', 'revenues0001']);
		expect([await auth.owns('revenues0001', ana.id), await auth.owns('revenues0001', ben.id)]).toEqual([true, false]);
		await auth.people.setRole(4, ben.id, 'member', 'user ben');
		await auth.claimDomains(4, ['kestrelford.gov.uk'], ana.id);
		expect(await auth.facilitates('revenues0001', ben)).toBe(false);
		await auth.setMapOrg('revenues0001', ana.id, 4);
		expect(await auth.mapOrg('revenues0001')).toBe(4);
		expect(await auth.mapsGivenTo(4)).toEqual(['revenues0001']);
		expect([await auth.facilitates('revenues0001', ben), await auth.facilitates('revenues0001', cai), await auth.facilitates('revenues0001', null)]).toEqual([true, false, false]);
		expect((await auth.mapsOf(ana.id)).find((m) => m.id === 'revenues0001')).toEqual({ id: 'revenues0001', title: 'Revenues', createdAt: 1, updatedAt: 5, orgId: 4 });
		expect(await auth.mapsOfUsers([ben.id, ana.id])).toEqual([
			{ id: 'housing00001', title: 'Housing', createdAt: 1, updatedAt: 9, orgId: null, ownerId: ana.id, visibility: 'published' },
			{ id: 'benefits0001', title: 'Benefits', createdAt: 1, updatedAt: 7, orgId: null, ownerId: ben.id, visibility: 'private' },
			{ id: 'revenues0001', title: 'Revenues', createdAt: 1, updatedAt: 5, orgId: 4, ownerId: ana.id, visibility: 'private' }
		]);
		expect(await auth.mapsOfUsers([])).toEqual([]);
		expect(await auth.mapOrg('unowned00001')).toBeNull();
	});

	it('lets a session through the websocket door only to maps its user facilitates', async () => {
		const ana = await person('ana', 'ana@kestrelford.gov.uk');
		const ben = await person('ben', 'ben@calderbrook.gov.uk');
		await map('revenues0001', 'Revenues', 5);
		await auth.claim('revenues0001', ana.id);
		const joined = await auth.ownerJoin('revenues0001', cookie(await sessions.create(ana.id)));
		expect(joined).toEqual({ userId: ana.id, joinHash: auth.joinHashOf(ana.id) });
		expect(await auth.ownerJoin('revenues0001', cookie(await sessions.create(ben.id)))).toBeNull();
		expect(await auth.ownerJoin('revenues0001', undefined)).toBeNull();
	});

	it('gives every role a user has, by domain, role or invitation', async () => {
		const ana = await person('ana', 'ana@kestrelford.gov.uk');
		await auth.claimDomains(1, ['kestrelford.gov.uk'], ana.id);
		await auth.people.setRole(2, ana.id, 'admin', 'user ana');
		await auth.people.invite(3, 'ANA@kestrelford.gov.uk', 'member', 'user cai');
		expect(await auth.memberOf(ana)).toBe(1);
		expect(Object.fromEntries(await auth.rolesOf(ana))).toEqual({ 1: 'member', 2: 'admin' });
		expect(await auth.people.accept(ana)).toEqual([{ orgId: 3, role: 'member' }]);
		expect(Object.fromEntries(await auth.rolesOf(ana))).toEqual({ 1: 'member', 2: 'admin', 3: 'member' });
		expect(await auth.rolesOf(null)).toEqual(new Map());
		expect([...(await auth.verifiedOrganisations())]).toEqual([1]);
		expect(await auth.domainsOf(1)).toEqual(['kestrelford.gov.uk']);
	});

	it('keeps one invitation per email and one role per person, refusing a second row', async () => {
		const ana = await person('ana', 'ana@kestrelford.gov.uk');
		await auth.people.invite(1, 'cai@shared-digital.org.uk', 'member', 'user ana', 10);
		await auth.people.invite(1, 'Cai@Shared-Digital.org.uk', 'admin', 'user ben', 20);
		expect(await auth.people.invites(1)).toEqual([{ email: 'cai@shared-digital.org.uk', role: 'admin', addedBy: 'user ben', addedAt: 20 }]);
		await auth.people.setRole(1, ana.id, 'member', 'user ana');
		await auth.people.setRole(1, ana.id, 'admin', 'user ana');
		expect((await auth.people.people(1, [])).map((p) => [p.userId, p.role])).toEqual([[ana.id, 'admin']]);
		expect(await count('organisation_people')).toBe(2);
		// The indexes themselves refuse a second row, whatever a caller does.
		await expect(db.sql.run("INSERT INTO organisation_people (org_id, user_id, role, added_by, added_at) VALUES (1, ?, 'member', 'x', 0)", [ana.id])).rejects.toThrow();
		await expect(db.sql.run("INSERT INTO organisation_people (org_id, email, role, added_by, added_at) VALUES (1, 'cai@shared-digital.org.uk', 'member', 'x', 0)")).rejects.toThrow();
		expect(await auth.people.withdraw(1, 'CAI@shared-digital.org.uk')).toBe('cai@shared-digital.org.uk');
		expect(await auth.people.withdraw(1, 'cai@shared-digital.org.uk')).toBeNull();
	});

	it('keeps the last admin when two admins step down at once', async () => {
		const [ana, ben] = [await person('ana', 'ana@kestrelford.gov.uk'), await person('ben', 'ben@kestrelford.gov.uk')];
		await auth.people.setRole(1, ana.id, 'admin', 'user ana');
		await auth.people.setRole(1, ben.id, 'admin', 'user ana');
		const demoted = await Promise.allSettled([auth.people.setRole(1, ana.id, 'member', 'user ana'), auth.people.setRole(1, ben.id, 'member', 'user ben')]);
		expect(demoted.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(demoted.find((r) => r.status === 'rejected')).toMatchObject({ reason: { name: 'RoleError', status: 409 } });
		await auth.people.setRole(1, ana.id, 'admin', 'user ana');
		await auth.people.setRole(1, ben.id, 'admin', 'user ana');
		const removed = await Promise.allSettled([auth.people.remove(1, ana.id), auth.people.remove(1, ben.id)]);
		expect(removed.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(await auth.people.admins(1)).toBe(1);
	});

	it('takes an invitation up once when two sign-ins with that email finish at once', async () => {
		await auth.people.invite(1, 'cai@shared-digital.org.uk', 'admin', 'user ana');
		await auth.people.invite(2, 'cai@shared-digital.org.uk', 'member', 'user ana');
		const [one, two] = [await person('cai', 'cai@shared-digital.org.uk'), await person('cai-again', 'cai@shared-digital.org.uk')];
		const taken = await Promise.all([one, two].map((u) => db.sql.tx((t) => new OrgPeople(t).accept(u, now))));
		expect(taken.flat()).toHaveLength(2);
		expect(taken.filter((t) => t.length > 0)).toEqual([[{ orgId: 1, role: 'admin' }, { orgId: 2, role: 'member' }]]);
		expect(await count('organisation_people')).toBe(2);
	});

	it('gives back the invitations of a sign-in whose transaction failed', async () => {
		await auth.people.invite(1, 'cai@shared-digital.org.uk', 'member', 'user ana');
		const cai = await person('cai', 'cai@shared-digital.org.uk');
		await expect(
			db.sql.tx(async (t) => {
				expect(await new OrgPeople(t).accept(cai, now)).toHaveLength(1);
				throw new Error('session not created');
			})
		).rejects.toThrow('session not created');
		expect(await auth.people.invites(1)).toHaveLength(1);
		expect(await auth.rolesOf(cai)).toEqual(new Map());
	});

	it('takes a user’s sessions, maps and roles with them when they are deleted, never a domain they claimed', async () => {
		const ana = await person('ana', 'ana@kestrelford.gov.uk');
		const ben = await person('ben', 'ben@kestrelford.gov.uk');
		await map('revenues0001', 'Revenues', 5);
		await auth.claim('revenues0001', ben.id);
		await sessions.create(ben.id);
		await auth.people.setRole(1, ben.id, 'admin', 'user ben');
		await auth.claimDomains(1, ['kestrelford.gov.uk'], ana.id);
		await db.sql.run('DELETE FROM users WHERE id = ?', [ben.id]);
		expect([await count('sessions'), await count('map_owners'), await count('organisation_people')]).toEqual([0, 0, 0]);
		await expect(db.sql.run('DELETE FROM users WHERE id = ?', [ana.id])).rejects.toThrow();
		expect(await auth.domainsOf(1)).toEqual(['kestrelford.gov.uk']);
	});
});
