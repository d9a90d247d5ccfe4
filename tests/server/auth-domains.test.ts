// Organisations' email domains on SQLite and PostgreSQL: who may claim which domain, membership
// by verified email, and which organisations count as verified.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normaliseDomain, OrganisationDomains, verifiedDomain } from '../../server/auth/domains.js';
import { Users } from '../../server/auth/users.js';
import { sqlDialects, type OpenedDatabase } from '../helpers/dialects.js';
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

describe.each(sqlDialects())('OrganisationDomains on $dialect', ({ open }) => {
	let db: OpenedDatabase;
	let domains: OrganisationDomains;
	let person: (subject: string, email: string | null, emailVerified?: boolean) => ReturnType<Users['upsert']>;
	beforeEach(async () => {
		db = await open();
		const users = new Users(db.sql);
		person = (subject, email, emailVerified = true) => users.upsert({ issuer: 'https://idp', subject, email, emailVerified, name: subject });
		domains = new OrganisationDomains(db.sql);
	});
	afterEach(() => db.close());

	it('lets only a verified email at exactly that domain claim it, once', async () => {
		const ana = await person('ana', 'ana@kestrelford.gov.uk');
		const ben = await person('ben', 'ben@calderbrook.gov.uk');
		const unverified = await person('eve', 'eve@kestrelford.gov.uk', false);
		expect(await domains.problem(['kestrelford.gov.uk'], null, orgName)).toMatch(/^Sign in/);
		expect(await domains.problem(['kestrelford.gov.uk'], unverified, orgName)).toMatch(/not verified your email/);
		expect(await domains.problem(['kestrelford.gov.uk'], ben, orgName)).toBe('You can claim only calderbrook.gov.uk, the domain of your verified email (not kestrelford.gov.uk)');
		// Never a parent domain of one's own: that would take in every council.
		expect(await domains.problem(['gov.uk'], ana, orgName)).toMatch(/claim only kestrelford.gov.uk/);
		expect(await domains.problem(['kestrelford.gov.uk', 'calderbrook.gov.uk'], ana, orgName)).toMatch(/not calderbrook.gov.uk/);
		expect(await domains.problem(['kestrelford.gov.uk'], ana, orgName)).toBeNull();
		expect(await domains.claim(1, ['kestrelford.gov.uk'], ana.id)).toBe(true);
		expect(await domains.problem(['kestrelford.gov.uk'], ana, orgName)).toBe('kestrelford.gov.uk already belongs to Kestrelford Borough Council');
	});

	it('refuses a domain another organisation claimed after the check, claiming none of the list', async () => {
		const ana = await person('ana', 'ana@kestrelford.gov.uk');
		const both = ['kestrelford.gov.uk', 'calderbrook.gov.uk'];
		const [first, second] = await Promise.all([domains.claim(1, ['calderbrook.gov.uk'], ana.id), domains.claim(2, both, ana.id)]);
		expect([first, second]).toEqual([true, false]);
		expect([await domains.of(1), await domains.of(2)]).toEqual([['calderbrook.gov.uk'], []]);
		expect(await domains.owner('kestrelford.gov.uk')).toBeNull();
	});

	it('makes verified emails at a claimed domain members, and the organisation verified', async () => {
		const ana = await person('ana', 'ana@kestrelford.gov.uk');
		await domains.claim(1, ['kestrelford.gov.uk'], ana.id);
		expect(await domains.memberOf(await person('cai', 'Cai@Kestrelford.gov.uk'))).toBe(1);
		expect(await domains.memberOf(await person('eve', 'eve@kestrelford.gov.uk', false))).toBeNull();
		expect(await domains.memberOf(await person('ben', 'ben@calderbrook.gov.uk'))).toBeNull();
		expect(await domains.memberOf(await person('sub', 'dan@it.kestrelford.gov.uk'))).toBeNull();
		expect([...(await domains.verified())]).toEqual([1]);
		expect(await domains.of(1)).toEqual(['kestrelford.gov.uk']);
		expect(verifiedDomain({ email: null, emailVerified: true })).toBeNull();
	});
});
