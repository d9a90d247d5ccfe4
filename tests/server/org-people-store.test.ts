// Organisations' roles and invitations on SQLite and PostgreSQL: who an invitation goes to, that
// taking one up never lowers a role, that the last admin stays, and who counts as a member.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { OrganisationDomains } from '../../server/auth/domains.js';
import { normaliseEmail, OrgPeople, RoleError } from '../../server/auth/people.js';
import { createAuthSchema } from '../../server/auth/schema.js';
import { Users, type User } from '../../server/auth/users.js';
import { SqliteSql } from '../../server/db/sqlite-sql.js';
import { sqlDialects, type OpenedDatabase } from '../helpers/dialects.js';

describe('normaliseEmail', () => {
	it.each([
		[' Cai@Shared-Digital.org.uk ', 'cai@shared-digital.org.uk'],
		['cai@localhost', null],
		['not an email', null],
		['a@b@c.org.uk', null],
		['<cai@shared-digital.org.uk>', null],
		['', null]
	])('%j → %j', (raw, expected) => expect(normaliseEmail(raw)).toBe(expected));
});

describe.each(sqlDialects())('OrgPeople on $dialect', ({ open }) => {
	let db: OpenedDatabase;
	let people: OrgPeople;
	let domains: OrganisationDomains;
	let person: (subject: string, email: string | null, emailVerified?: boolean) => Promise<User>;
	const roles = async (user: User) => Object.fromEntries(await people.rolesOf(user, await domains.memberOf(user)));
	beforeEach(async () => {
		db = await open();
		const users = new Users(db.sql);
		person = (subject, email, emailVerified = true) => users.upsert({ issuer: 'https://idp', subject, email, emailVerified, name: subject });
		domains = new OrganisationDomains(db.sql);
		people = new OrgPeople(db.sql);
	});
	afterEach(() => db.close());

	it('gives an invitation only to a verified email that is exactly the one invited', async () => {
		await people.invite(1, 'Cai@Shared-Digital.org.uk', 'member', 'user ana');
		expect(await people.accept(await person('dee', 'cai@shared-digital.org.uk', false))).toEqual([]);
		expect(await people.accept(await person('eve', 'cai@shared-digital.org.uk.evil.example'))).toEqual([]);
		expect(await people.accept(await person('fay', 'xcai@shared-digital.org.uk'))).toEqual([]);
		expect(await people.invites(1)).toHaveLength(1);
		const cai = await person('cai', 'CAI@shared-digital.org.uk');
		expect(await people.accept(cai)).toEqual([{ orgId: 1, role: 'member' }]);
		expect(await roles(cai)).toEqual({ 1: 'member' });
		expect(await people.invites(1)).toEqual([]);
		// Taken up once: a later account with the same email gets nothing.
		expect(await people.accept(await person('cai2', 'cai@shared-digital.org.uk'))).toEqual([]);
	});

	it('never lowers a role by an invitation, and keeps the last admin', async () => {
		const ana = await person('ana', 'ana@kestrelford.gov.uk');
		const cai = await person('cai', 'cai@shared-digital.org.uk');
		await people.setRole(1, ana.id, 'admin', 'user ana');
		await people.setRole(1, cai.id, 'admin', 'user ana');
		await people.invite(1, cai.email!, 'member', 'user ana');
		await people.accept(cai);
		expect(await roles(cai)).toEqual({ 1: 'admin' });
		await people.remove(1, cai.id);
		expect(await people.admins(1)).toBe(1);
		await expect(people.setRole(1, ana.id, 'member', 'user ana')).rejects.toThrow(RoleError);
		await expect(people.remove(1, ana.id)).rejects.toThrow(/last admin/);
		await expect(people.remove(1, cai.id)).rejects.toThrow(/no role/);
		expect(await roles(ana)).toEqual({ 1: 'admin' });
	});

	it('counts verified emails at the organisation’s domain as members, without a row', async () => {
		const ana = await person('ana', 'ana@kestrelford.gov.uk');
		await domains.claim(1, ['kestrelford.gov.uk'], ana.id);
		await people.setRole(1, ana.id, 'admin', 'user ana');
		const dan = await person('dan', 'dan@kestrelford.gov.uk');
		await person('eve', 'eve@kestrelford.gov.uk', false);
		await person('sub', 'sub@it.kestrelford.gov.uk');
		expect(await roles(dan)).toEqual({ 1: 'member' });
		expect((await people.people(1, ['kestrelford.gov.uk'])).map((p) => [p.email, p.role, p.byDomain])).toEqual([
			['ana@kestrelford.gov.uk', 'admin', false],
			['dan@kestrelford.gov.uk', 'member', true]
		]);
		await expect(people.invite(1, 'nobody', 'member', 'user ana')).rejects.toThrow(RoleError);
	});
});

describe('the accounts schema on SQLite', () => {
	it('adds the organisation a map belongs to to a database made before roles', async () => {
		const db = new Database(':memory:');
		db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY); CREATE TABLE map_owners (map_id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, created_at INTEGER NOT NULL)');
		db.prepare('INSERT INTO map_owners VALUES (?, ?, ?)').run('k3J9sQ2mZp1X', 1, 0);
		const sql = new SqliteSql(db);
		await createAuthSchema(sql);
		await createAuthSchema(sql);
		expect(db.prepare('SELECT map_id, org_id FROM map_owners').all()).toEqual([{ map_id: 'k3J9sQ2mZp1X', org_id: null }]);
		db.close();
	});
});
