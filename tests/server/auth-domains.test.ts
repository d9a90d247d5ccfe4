// Organisations' email domains on a real SQLite database: who may claim which domain, membership
// by verified email, and which organisations count as verified.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { normaliseDomain, OrganisationDomains, verifiedDomain } from '../../server/auth/domains.js';
import { createAuthSchema } from '../../server/auth/schema.js';
import { Users } from '../../server/auth/users.js';

function world() {
	const db = new Database(':memory:');
	createAuthSchema(db);
	const users = new Users(db);
	const person = (subject: string, email: string | null, emailVerified = true) => users.upsert({ issuer: 'https://idp', subject, email, emailVerified, name: subject });
	return { domains: new OrganisationDomains(db), person };
}
const NAMES: Record<number, string> = { 1: 'Kestrelford Borough Council', 2: 'Calderbrook District Council' };
const orgName = (id: number) => NAMES[id] ?? '?';

describe('normaliseDomain', () => {
	it.each([
		['kestrelford.gov.uk', 'kestrelford.gov.uk'],
		[' @Kestrelford.GOV.uk. ', 'kestrelford.gov.uk'],
		['xn--bcher-kva.example', 'xn--bcher-kva.example'],
		['localhost', null],
		['kestrelford', null],
		['-bad.gov.uk', null],
		['a b.gov.uk', null],
		['ana@kestrelford.gov.uk', null],
		['', null]
	])('%j → %j', (raw, expected) => expect(normaliseDomain(raw)).toBe(expected));
});

describe('OrganisationDomains', () => {
	it('lets only a verified email at exactly that domain claim it, once', () => {
		const { domains, person } = world();
		const ana = person('ana', 'ana@kestrelford.gov.uk');
		const ben = person('ben', 'ben@calderbrook.gov.uk');
		const unverified = person('eve', 'eve@kestrelford.gov.uk', false);
		expect(domains.problem(['kestrelford.gov.uk'], null, orgName)).toMatch(/^Sign in/);
		expect(domains.problem(['kestrelford.gov.uk'], unverified, orgName)).toMatch(/not verified your email/);
		expect(domains.problem(['kestrelford.gov.uk'], ben, orgName)).toBe('You can claim only calderbrook.gov.uk, the domain of your verified email (not kestrelford.gov.uk)');
		// Never a parent domain of one's own: that would take in every council.
		expect(domains.problem(['gov.uk'], ana, orgName)).toMatch(/claim only kestrelford.gov.uk/);
		expect(domains.problem(['kestrelford.gov.uk', 'calderbrook.gov.uk'], ana, orgName)).toMatch(/not calderbrook.gov.uk/);
		expect(domains.problem(['kestrelford.gov.uk'], ana, orgName)).toBeNull();
		domains.claim(1, ['kestrelford.gov.uk'], ana.id);
		expect(domains.problem(['kestrelford.gov.uk'], ana, orgName)).toBe('kestrelford.gov.uk already belongs to Kestrelford Borough Council');
	});

	it('makes verified emails at a claimed domain members, and the organisation verified', () => {
		const { domains, person } = world();
		const ana = person('ana', 'ana@kestrelford.gov.uk');
		domains.claim(1, ['kestrelford.gov.uk'], ana.id);
		expect(domains.memberOf(person('cai', 'Cai@Kestrelford.gov.uk'))).toBe(1);
		expect(domains.memberOf(person('eve', 'eve@kestrelford.gov.uk', false))).toBeNull();
		expect(domains.memberOf(person('ben', 'ben@calderbrook.gov.uk'))).toBeNull();
		expect(domains.memberOf(person('sub', 'dan@it.kestrelford.gov.uk'))).toBeNull();
		expect([...domains.verified()]).toEqual([1]);
		expect(domains.of(1)).toEqual(['kestrelford.gov.uk']);
		expect(verifiedDomain({ email: null, emailVerified: true })).toBeNull();
	});
});
