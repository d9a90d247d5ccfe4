// Organisations' email domains. A domain is claimed once, when its organisation is created, and
// only by someone whose provider verified an email at exactly that domain (never a parent such as
// gov.uk). Anyone signed in with a verified email there is then a member.
import type Database from 'better-sqlite3';
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

export class OrganisationDomains {
	constructor(private readonly db: Database.Database) {}

	/** Organisation id of each claimed domain. */
	owner(domain: string): number | null {
		const row = this.db.prepare('SELECT org_id FROM organisation_domains WHERE domain = ?').get(domain) as { org_id: number } | undefined;
		return row?.org_id ?? null;
	}

	/**
	 * Why `user` may not claim these domains (already normalised), or null when they may: each
	 * must be the domain of their verified email and claimed by no organisation yet.
	 * `orgName` names the organisation holding a taken one.
	 */
	problem(domains: string[], user: User | null, orgName: (id: number) => string): string | null {
		const own = verifiedDomain(user);
		if (!user) return 'Sign in with your organisation’s account to claim its email domain';
		if (!own) return 'Your sign-in provider has not verified your email address, so you cannot claim a domain';
		const other = domains.find((d) => d !== own);
		if (other) return `You can claim only ${own}, the domain of your verified email (not ${other})`;
		const taken = domains.map((d) => this.owner(d)).find((id) => id !== null);
		if (taken != null) return `${own} already belongs to ${orgName(taken)}`;
		return null;
	}

	/** Record the domains for an organisation (call after problem() said null). */
	claim(orgId: number, domains: string[], userId: number, now = Date.now()): void {
		const insert = this.db.prepare('INSERT INTO organisation_domains (domain, org_id, claimed_by, claimed_at) VALUES (?, ?, ?, ?)');
		this.db.transaction(() => domains.forEach((d) => insert.run(d, orgId, userId, now)))();
	}

	/** An organisation's domains, sorted. */
	of(orgId: number): string[] {
		return (this.db.prepare('SELECT domain FROM organisation_domains WHERE org_id = ? ORDER BY domain').all(orgId) as { domain: string }[]).map((r) => r.domain);
	}

	/** Ids of organisations with at least one domain (shown as verified). */
	verified(): Set<number> {
		return new Set((this.db.prepare('SELECT DISTINCT org_id FROM organisation_domains').all() as { org_id: number }[]).map((r) => r.org_id));
	}

	/** The organisation a user belongs to by their verified email's domain, or null. */
	memberOf(user: User | null): number | null {
		const d = verifiedDomain(user);
		return d ? this.owner(d) : null;
	}
}
