// Sessions on a real SQLite database with a clock the test moves: idle and absolute expiry,
// sign-out of one session or all of a user's, hashes only; and map owners.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createAuthSchema } from '../../server/auth/schema.js';
import { Owners } from '../../server/auth/owners.js';
import { Sessions } from '../../server/auth/sessions.js';
import { Users } from '../../server/auth/users.js';

const HOUR = 3600_000;

function world() {
	const db = new Database(':memory:');
	db.exec(`CREATE TABLE maps (id TEXT PRIMARY KEY, title TEXT, created_at INTEGER, updated_at INTEGER)`);
	createAuthSchema(db);
	let now = 1_800_000_000_000;
	const clock = { advance: (ms: number) => (now += ms) };
	const sessions = new Sessions(db, { idleMs: 8 * HOUR, maxMs: 7 * 24 * HOUR, now: () => now });
	const users = new Users(db);
	const ana = users.upsert({ issuer: 'https://idp', subject: 'ana', email: 'ana@kestrelford.gov.uk', emailVerified: true, name: 'Ana' });
	const ben = users.upsert({ issuer: 'https://idp', subject: 'ben', email: 'ben@calderbrook.gov.uk', emailVerified: true, name: 'Ben' });
	return { db, clock, sessions, users, ana, ben };
}

describe('Sessions', () => {
	it('ends a session unused for the idle time, and keeps one in use', () => {
		const { clock, sessions, ana } = world();
		const used = sessions.create(ana.id);
		const idle = sessions.create(ana.id);
		for (let i = 0; i < 4; i++) {
			clock.advance(3 * HOUR);
			expect(sessions.user(used)?.id).toBe(ana.id);
		}
		expect(sessions.user(idle)).toBeNull();
		// Gone for good, not just refused this time.
		clock.advance(-12 * HOUR);
		expect(sessions.user(idle)).toBeNull();
	});

	it('ends every session 7 days after sign-in however much it is used', () => {
		const { clock, sessions, ana } = world();
		const token = sessions.create(ana.id);
		for (let h = 0; h < 7 * 24; h += 4) {
			expect(sessions.user(token)?.name).toBe('Ana');
			clock.advance(4 * HOUR);
		}
		clock.advance(HOUR);
		expect(sessions.user(token)).toBeNull();
	});

	it('signs out one session, or all of one user’s', () => {
		const { sessions, ana, ben } = world();
		const [a1, a2, a3, b] = [sessions.create(ana.id), sessions.create(ana.id), sessions.create(ana.id), sessions.create(ben.id)];
		sessions.end(a1);
		expect(sessions.user(a1)).toBeNull();
		expect(sessions.endAll(ana.id)).toBe(2);
		expect([sessions.user(a2), sessions.user(a3)]).toEqual([null, null]);
		expect(sessions.user(b)?.name).toBe('Ben');
	});

	it('stores hashes, never tokens, and ignores what is not a token', () => {
		const { db, sessions, ana } = world();
		const token = sessions.create(ana.id);
		expect(JSON.stringify(db.prepare('SELECT * FROM sessions').all())).not.toContain(token);
		for (const bad of ['', 'x', `${token}x`, token.toUpperCase(), "' OR 1=1 --"]) expect(sessions.user(bad)).toBeNull();
	});

	it('keeps one user per issuer and subject, following their latest email and name', () => {
		const { users, ana } = world();
		const again = users.upsert({ issuer: 'https://idp', subject: 'ana', email: 'ana.k@kestrelford.gov.uk', emailVerified: false, name: 'Ana K' });
		expect(again).toEqual({ ...ana, email: 'ana.k@kestrelford.gov.uk', emailVerified: false, name: 'Ana K' });
		expect(users.upsert({ issuer: 'https://other', subject: 'ana', email: null, emailVerified: false, name: 'Other' }).id).not.toBe(ana.id);
	});
});

describe('Owners', () => {
	it('lists a user’s maps, last changed first, and keeps the first owner', () => {
		const { db, ana, ben } = world();
		db.prepare('INSERT INTO maps VALUES (?, ?, ?, ?)').run('m1', 'Revenues', 1, 5);
		db.prepare('INSERT INTO maps VALUES (?, ?, ?, ?)').run('m2', 'Housing', 2, 9);
		const owners = new Owners(db);
		owners.claim('m1', ana.id);
		owners.claim('m2', ana.id);
		owners.claim('m1', ben.id);
		expect(owners.mapsOf(ana.id)).toEqual([
			{ id: 'm2', title: 'Housing', createdAt: 2, updatedAt: 9, orgId: null },
			{ id: 'm1', title: 'Revenues', createdAt: 1, updatedAt: 5, orgId: null }
		]);
		expect(owners.mapsOf(ben.id)).toEqual([]);
		expect([owners.owns('m1', ana.id), owners.owns('m1', ben.id)]).toEqual([true, false]);
	});
});
