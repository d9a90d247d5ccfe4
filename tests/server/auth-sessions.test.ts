// Sessions on SQLite and PostgreSQL with a clock the test moves: idle and absolute expiry,
// sign-out of one session or all of a user's, hashes only; and map owners.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Owners } from '../../server/auth/owners.js';
import { Sessions } from '../../server/auth/sessions.js';
import { Users, type User } from '../../server/auth/users.js';
import { sqlDialects, type OpenedDatabase } from '../helpers/dialects.js';

const HOUR = 3600_000;

describe.each(sqlDialects())('sessions on $dialect', ({ open }) => {
	let db: OpenedDatabase;
	let now: number;
	let clock: { advance(ms: number): void };
	let sessions: Sessions;
	let users: Users;
	let ana: User;
	let ben: User;
	beforeEach(async () => {
		db = await open();
		now = 1_800_000_000_000;
		clock = { advance: (ms) => (now += ms) };
		sessions = new Sessions(db.sql, { idleMs: 8 * HOUR, maxMs: 7 * 24 * HOUR, now: () => now });
		users = new Users(db.sql);
		ana = await users.upsert({ issuer: 'https://idp', subject: 'ana', email: 'ana@kestrelford.gov.uk', emailVerified: true, name: 'Ana' });
		ben = await users.upsert({ issuer: 'https://idp', subject: 'ben', email: 'ben@calderbrook.gov.uk', emailVerified: true, name: 'Ben' });
	});
	afterEach(() => db.close());

	it('ends a session unused for the idle time, and keeps one in use', async () => {
		const used = await sessions.create(ana.id);
		const idle = await sessions.create(ana.id);
		for (let i = 0; i < 4; i++) {
			clock.advance(3 * HOUR);
			expect((await sessions.user(used))?.id).toBe(ana.id);
		}
		expect(await sessions.user(idle)).toBeNull();
		// Gone for good, not just refused this time.
		clock.advance(-12 * HOUR);
		expect(await sessions.user(idle)).toBeNull();
	});

	it('ends every session 7 days after sign-in however much it is used', async () => {
		const token = await sessions.create(ana.id);
		for (let h = 0; h < 7 * 24; h += 4) {
			expect((await sessions.user(token))?.name).toBe('Ana');
			clock.advance(4 * HOUR);
		}
		clock.advance(HOUR);
		expect(await sessions.user(token)).toBeNull();
	});

	it('writes the time last seen only when it has moved on, not on every request', async () => {
		const token = await sessions.create(ana.id);
		const seen = async () => (await db.sql.get<{ seen_at: number }>('SELECT seen_at FROM sessions'))!.seen_at;
		const created = now;
		clock.advance(30_000);
		await sessions.user(token);
		expect(await seen()).toBe(created);
		clock.advance(31_000);
		await sessions.user(token);
		expect(await seen()).toBe(now);
	});

	it('signs out one session, or all of one user’s', async () => {
		const [a1, a2, a3, b] = [await sessions.create(ana.id), await sessions.create(ana.id), await sessions.create(ana.id), await sessions.create(ben.id)];
		await sessions.end(a1);
		expect(await sessions.user(a1)).toBeNull();
		expect(await sessions.endAll(ana.id)).toBe(2);
		expect([await sessions.user(a2), await sessions.user(a3)]).toEqual([null, null]);
		expect((await sessions.user(b))?.name).toBe('Ben');
	});

	it('sweeps away sessions past either expiry and keeps live ones', async () => {
		const old = await sessions.create(ana.id);
		clock.advance(6 * HOUR);
		const fresh = await sessions.create(ben.id);
		clock.advance(3 * HOUR);
		expect(await sessions.sweep()).toBe(1);
		expect(await sessions.user(old)).toBeNull();
		expect((await sessions.user(fresh))?.name).toBe('Ben');
	});

	it('stores hashes, never tokens, and ignores what is not a token', async () => {
		const token = await sessions.create(ana.id);
		const rows = await db.sql.all<{ token_hash: Uint8Array }>('SELECT token_hash FROM sessions');
		expect(rows).toHaveLength(1);
		expect(Buffer.from(rows[0].token_hash).toString('latin1')).not.toContain(token);
		expect(JSON.stringify(rows)).not.toContain(token);
		for (const bad of ['', 'x', `${token}x`, token.toUpperCase(), "' OR 1=1 --"]) expect(await sessions.user(bad)).toBeNull();
	});

	it('keeps one user per issuer and subject, following their latest email and name', async () => {
		const again = await users.upsert({ issuer: 'https://idp', subject: 'ana', email: 'ana.k@kestrelford.gov.uk', emailVerified: false, name: 'Ana K' });
		expect(again).toEqual({ ...ana, email: 'ana.k@kestrelford.gov.uk', emailVerified: false, name: 'Ana K' });
		expect(await users.get(ana.id)).toEqual(again);
		expect((await users.upsert({ issuer: 'https://other', subject: 'ana', email: null, emailVerified: false, name: 'Other' })).id).not.toBe(ana.id);
		expect(await users.get(987654)).toBeNull();
	});

	it('lists a user’s maps, last changed first, and keeps the first owner', async () => {
		const map = (id: string, title: string, createdAt: number, updatedAt: number) =>
			db.store.createMap({ id, title, createdAt, updatedAt, visibility: 'private', keyHashes: { facilitator: new Uint8Array(32), participant: new Uint8Array(32), viewer: new Uint8Array(32) } });
		await map('m1aaaaaaaaaa', 'Revenues', 1, 5);
		await map('m2aaaaaaaaaa', 'Housing', 2, 9);
		const owners = new Owners(db.sql);
		await owners.claim('m1aaaaaaaaaa', ana.id);
		await owners.claim('m2aaaaaaaaaa', ana.id);
		await owners.claim('m1aaaaaaaaaa', ben.id);
		expect(await owners.mapsOf(ana.id)).toEqual([
			{ id: 'm2aaaaaaaaaa', title: 'Housing', createdAt: 2, updatedAt: 9, orgId: null },
			{ id: 'm1aaaaaaaaaa', title: 'Revenues', createdAt: 1, updatedAt: 5, orgId: null }
		]);
		expect(await owners.mapsOf(ben.id)).toEqual([]);
		expect([await owners.owns('m1aaaaaaaaaa', ana.id), await owners.owns('m1aaaaaaaaaa', ben.id)]).toEqual([true, false]);
	});
});
