// Organisations' roles and invitations on a real SQLite database: who an invitation goes to, that
// taking one up never lowers a role, that the last admin stays, and who counts as a member.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { OrganisationDomains } from '../../server/auth/domains.js';
import { normaliseEmail, OrgPeople, RoleError } from '../../server/auth/people.js';
import { createAuthSchema } from '../../server/auth/schema.js';
import { Users } from '../../server/auth/users.js';

function world() {
	const db = new Database(':memory:');
	createAuthSchema(db);
	const users = new Users(db);
	const person = (subject: string, email: string | null, emailVerified = true) => users.upsert({ issuer: 'https://idp', subject, email, emailVerified, name: subject });
	const domains = new OrganisationDomains(db);
	const people = new OrgPeople(db);
	const roles = (user: ReturnType<typeof person>) => Object.fromEntries(people.rolesOf(user, domains.memberOf(user)));
	return { db, person, domains, people, roles };
}

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

describe('OrgPeople', () => {
	it('gives an invitation only to a verified email that is exactly the one invited', () => {
		const { people, person, roles } = world();
		people.invite(1, 'Cai@Shared-Digital.org.uk', 'member', 'user ana');
		expect(people.accept(person('dee', 'cai@shared-digital.org.uk', false))).toEqual([]);
		expect(people.accept(person('eve', 'cai@shared-digital.org.uk.evil.example'))).toEqual([]);
		expect(people.accept(person('fay', 'xcai@shared-digital.org.uk'))).toEqual([]);
		expect(people.invites(1)).toHaveLength(1);
		const cai = person('cai', 'CAI@shared-digital.org.uk');
		expect(people.accept(cai)).toEqual([{ orgId: 1, role: 'member' }]);
		expect(roles(cai)).toEqual({ 1: 'member' });
		expect(people.invites(1)).toEqual([]);
		// Taken up once: a later account with the same email gets nothing.
		expect(people.accept(person('cai2', 'cai@shared-digital.org.uk'))).toEqual([]);
	});

	it('never lowers a role by an invitation, and keeps the last admin', () => {
		const { people, person, roles } = world();
		const ana = person('ana', 'ana@kestrelford.gov.uk');
		const cai = person('cai', 'cai@shared-digital.org.uk');
		people.setRole(1, ana.id, 'admin', 'user ana');
		people.setRole(1, cai.id, 'admin', 'user ana');
		people.invite(1, cai.email!, 'member', 'user ana');
		people.accept(cai);
		expect(roles(cai)).toEqual({ 1: 'admin' });
		people.remove(1, cai.id);
		expect(people.admins(1)).toBe(1);
		expect(() => people.setRole(1, ana.id, 'member', 'user ana')).toThrow(RoleError);
		expect(() => people.remove(1, ana.id)).toThrow(/last admin/);
		expect(() => people.remove(1, cai.id)).toThrow(/no role/);
		expect(roles(ana)).toEqual({ 1: 'admin' });
	});

	it('counts verified emails at the organisation’s domain as members, without a row', () => {
		const { people, person, domains, roles } = world();
		const ana = person('ana', 'ana@kestrelford.gov.uk');
		domains.claim(1, ['kestrelford.gov.uk'], ana.id);
		people.setRole(1, ana.id, 'admin', 'user ana');
		const dan = person('dan', 'dan@kestrelford.gov.uk');
		person('eve', 'eve@kestrelford.gov.uk', false);
		person('sub', 'sub@it.kestrelford.gov.uk');
		expect(roles(dan)).toEqual({ 1: 'member' });
		expect(people.people(1, ['kestrelford.gov.uk']).map((p) => [p.email, p.role, p.byDomain])).toEqual([
			['ana@kestrelford.gov.uk', 'admin', false],
			['dan@kestrelford.gov.uk', 'member', true]
		]);
		expect(() => people.invite(1, 'nobody', 'member', 'user ana')).toThrow(RoleError);
	});

	it('adds the organisation a map belongs to to a database made before roles', () => {
		const db = new Database(':memory:');
		db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY); CREATE TABLE map_owners (map_id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, created_at INTEGER NOT NULL)');
		db.prepare('INSERT INTO map_owners VALUES (?, ?, ?)').run('k3J9sQ2mZp1X', 1, 0);
		createAuthSchema(db);
		createAuthSchema(db);
		expect(db.prepare('SELECT map_id, org_id FROM map_owners').all()).toEqual([{ map_id: 'k3J9sQ2mZp1X', org_id: null }]);
	});
});
