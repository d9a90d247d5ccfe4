// Organisations' email domains. A domain is claimed once, when its organisation is created, and
// only by someone whose provider verified an email at exactly that domain (never a parent such as
// gov.uk). Anyone signed in with a verified email there is then a member.
import type { Sql } from '../db/sql.js';
import type { User } from './users.js';

const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A domain as typed (`@Kestrelford.gov.uk `) in its stored form, or null when it is not one. */
export function normaliseDomain(raw: string): string | null {
	const d = raw.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
	return DOMAIN.test(d) ? d : null;
}

/** The domain of a verified email, or null. */
export function verifiedDomain(user: Pick<User, 'email' | 'emailVerified'> | null): string | null {
	if (!user?.emailVerified || !user.email) return null;
	return normaliseDomain(user.email.slice(user.email.lastIndexOf('@') + 1));
}

/** A domain claimed by another organisation between the check and the claim. */
class DomainTaken extends Error {}

export class OrganisationDomains {
	constructor(private readonly sql: Sql) {}

	/** Organisation id of each claimed domain. */
	async owner(domain: string): Promise<number | null> {
		return (await this.sql.get<{ org_id: number }>('SELECT org_id FROM organisation_domains WHERE domain = ?', [domain]))?.org_id ?? null;
	}

	/**
	 * Why `user` may not claim these domains (already normalised), or null when they may: each
	 * must be the domain of their verified email and claimed by no organisation yet.
	 * `orgName` names the organisation holding a taken one.
	 */
	async problem(domains: string[], user: User | null, orgName: (id: number) => string): Promise<string | null> {
		const own = verifiedDomain(user);
		if (!user) return 'Sign in with your organisation’s account to claim its email domain';
		if (!own) return 'Your sign-in provider has not verified your email address, so you cannot claim a domain';
		const other = domains.find((d) => d !== own);
		if (other) return `You can claim only ${own}, the domain of your verified email (not ${other})`;
		for (const d of domains) {
			const taken = await this.owner(d);
			if (taken !== null) return `${own} already belongs to ${orgName(taken)}`;
		}
		return null;
	}

	/**
	 * Record the domains for an organisation (call after problem() said null). False, and none
	 * recorded, when another organisation claimed one of them since.
	 */
	async claim(orgId: number, domains: string[], userId: number, now = Date.now()): Promise<boolean> {
		try {
			await this.sql.tx(async (t) => {
				for (const d of domains) {
					const added = await t.run('INSERT INTO organisation_domains (domain, org_id, claimed_by, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT (domain) DO NOTHING', [d, orgId, userId, now]);
					if (added.changes === 0) throw new DomainTaken();
				}
			});
			return true;
		} catch (err) {
			if (err instanceof DomainTaken) return false;
			throw err;
		}
	}

	/** An organisation's domains, sorted. */
	async of(orgId: number): Promise<string[]> {
		return (await this.sql.all<{ domain: string }>('SELECT domain FROM organisation_domains WHERE org_id = ? ORDER BY domain', [orgId])).map((r) => r.domain);
	}

	/** Ids of organisations with at least one domain (shown as verified). */
	async verified(): Promise<Set<number>> {
		return new Set((await this.sql.all<{ org_id: number }>('SELECT DISTINCT org_id FROM organisation_domains')).map((r) => r.org_id));
	}

	/** The organisation a user belongs to by their verified email's domain, or null. */
	async memberOf(user: User | null): Promise<number | null> {
		const d = verifiedDomain(user);
		return d ? this.owner(d) : null;
	}
}
