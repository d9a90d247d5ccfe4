// The people of each organisation beyond its domain members: admins and members by explicit role,
// and invitations by email that a person takes up by signing in with that email, verified. Kept
// beside the users table; the organisation's audit log (written by the callers) says who did what.
import { forUpdate, type Sql } from '../db/sql.js';
import { normaliseDomain, verifiedDomain } from './domains.js';
import type { User } from './users.js';

export type OrgRole = 'admin' | 'member';

export function isOrgRole(value: unknown): value is OrgRole {
	return value === 'admin' || value === 'member';
}

/** Someone with a role in an organisation, as its admins see them. Times in ms since the epoch. */
export interface OrgPerson {
	readonly userId: number;
	readonly email: string | null;
	readonly name: string;
	readonly role: OrgRole;
	/** A member by the verified email's domain alone (no role was given). */
	readonly byDomain: boolean;
	readonly addedBy: string;
	readonly addedAt: number | null;
}

/** An invitation not yet taken up. */
export interface OrgInvite {
	readonly email: string;
	readonly role: OrgRole;
	readonly addedBy: string;
	readonly addedAt: number;
}

/** Why a change of roles is refused; `status` is the HTTP status it becomes. */
export class RoleError extends Error {
	override readonly name = 'RoleError';
	constructor(
		readonly status: 400 | 404 | 409,
		message: string
	) {
		super(message);
	}
}

const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{4,253}$/;

/** An email as typed for an invitation, lower-cased, or null when it is not one. */
export function normaliseEmail(raw: string): string | null {
	const e = raw.trim().toLowerCase();
	if (!EMAIL.test(e)) return null;
	return normaliseDomain(e.slice(e.lastIndexOf('@') + 1)) ? e : null;
}

interface PersonRow {
	user_id: number;
	email: string | null;
	name: string;
	role: string;
	added_by: string;
	added_at: number;
}

const LAST_ADMIN = 'This is the organisation’s last admin: make someone else an admin first';

function asRole(role: string): OrgRole {
	return role === 'admin' ? 'admin' : 'member';
}

export class OrgPeople {
	constructor(private readonly sql: Sql) {}

	/** The explicit role of user `userId` in `orgId`, if any. */
	private async explicit(t: Sql, orgId: number, userId: number): Promise<OrgRole | null> {
		const row = await t.get<{ role: string }>('SELECT role FROM organisation_people WHERE org_id = ? AND user_id = ?', [orgId, userId]);
		return row ? asRole(row.role) : null;
	}

	/**
	 * The ids of `orgId`'s admins, inside transaction `t`, their rows locked until it ends (on
	 * PostgreSQL): two admins demoting each other at once on two instances cannot leave none, as the
	 * second waits and reads again. Taken first and in one order, so two such transactions never
	 * wait on each other.
	 */
	private async lockAdmins(t: Sql, orgId: number): Promise<number[]> {
		const rows = await t.all<{ user_id: number }>(
			`SELECT user_id FROM organisation_people WHERE org_id = ? AND user_id IS NOT NULL AND role = 'admin' ORDER BY user_id${forUpdate(t)}`,
			[orgId]
		);
		return rows.map((r) => r.user_id);
	}

	/** How many admins `orgId` has. */
	async admins(orgId: number): Promise<number> {
		return (await this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM organisation_people WHERE org_id = ? AND user_id IS NOT NULL AND role = 'admin'", [orgId]))!.n;
	}

	/**
	 * Every organisation `user` has a role in: explicit roles, and member of `domainOrg` (the
	 * organisation of their verified email's domain, if any) unless a role says more.
	 */
	async rolesOf(user: User | null, domainOrg: number | null): Promise<Map<number, OrgRole>> {
		const out = new Map<number, OrgRole>();
		if (!user) return out;
		if (domainOrg !== null) out.set(domainOrg, 'member');
		const rows = await this.sql.all<{ org_id: number; role: string }>('SELECT org_id, role FROM organisation_people WHERE user_id = ?', [user.id]);
		for (const r of rows) out.set(r.org_id, asRole(r.role));
		return out;
	}

	/** Make `userId` an admin or member of `orgId` (added or changed); refuses to leave no admin. */
	async setRole(orgId: number, userId: number, role: OrgRole, addedBy: string, now = Date.now()): Promise<void> {
		await this.sql.tx(async (t) => {
			if (role === 'member') {
				const admins = await this.lockAdmins(t, orgId);
				if (admins.length <= 1 && admins.includes(userId)) throw new RoleError(409, LAST_ADMIN);
			}
			await t.run(
				`INSERT INTO organisation_people (org_id, user_id, role, added_by, added_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (org_id, user_id) WHERE user_id IS NOT NULL DO UPDATE SET role = excluded.role`,
				[orgId, userId, role, addedBy, now]
			);
		});
	}

	/** Take away `userId`'s role in `orgId` (a domain member stays a member); refuses to remove the last admin. */
	async remove(orgId: number, userId: number): Promise<OrgRole> {
		return this.sql.tx(async (t) => {
			const admins = await this.lockAdmins(t, orgId);
			const role = await this.explicit(t, orgId, userId);
			if (!role) throw new RoleError(404, 'That person has no role to remove');
			if (role === 'admin' && admins.length <= 1) throw new RoleError(409, LAST_ADMIN);
			await t.run('DELETE FROM organisation_people WHERE org_id = ? AND user_id = ?', [orgId, userId]);
			return role;
		});
	}

	/** Invite `email` (as typed) to `orgId` with `role`; returns it normalised. A second invitation changes the role. */
	async invite(orgId: number, rawEmail: string, role: OrgRole, addedBy: string, now = Date.now()): Promise<string> {
		const email = normaliseEmail(rawEmail);
		if (!email) throw new RoleError(400, 'Enter the email address of the person to invite, such as cai@kestrelford.gov.uk');
		await this.sql.run(
			`INSERT INTO organisation_people (org_id, email, role, added_by, added_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (org_id, email) WHERE email IS NOT NULL DO UPDATE SET role = excluded.role, added_by = excluded.added_by, added_at = excluded.added_at`,
			[orgId, email, role, addedBy, now]
		);
		return email;
	}

	/** Withdraw the invitation of `email` (as typed); returns it normalised, or null when there was none. */
	async withdraw(orgId: number, rawEmail: string): Promise<string | null> {
		const email = normaliseEmail(rawEmail);
		if (!email) return null;
		return (await this.sql.run('DELETE FROM organisation_people WHERE org_id = ? AND email = ?', [orgId, email])).changes > 0 ? email : null;
	}

	/**
	 * Take up the invitations to `user`'s email, if their provider verified it: each becomes a role
	 * (an invitation never lowers a role already held). Returns the organisations and roles given,
	 * by organisation. Each invitation is taken once, even by two sign-ins finishing at once.
	 */
	async accept(user: User, now = Date.now()): Promise<{ orgId: number; role: OrgRole }[]> {
		if (!user.emailVerified || !user.email) return [];
		const email = normaliseEmail(user.email);
		if (!email) return [];
		return this.sql.tx(async (t) => {
			// Deleting is taking: a second transaction deleting the same rows waits, then finds none.
			const invites = await t.all<{ org_id: number; role: string; added_by: string }>('DELETE FROM organisation_people WHERE email = ? RETURNING org_id, role, added_by', [email]);
			const out: { orgId: number; role: OrgRole }[] = [];
			for (const inv of invites.sort((a, b) => a.org_id - b.org_id)) {
				const held = await this.explicit(t, inv.org_id, user.id);
				const role: OrgRole = held === 'admin' || inv.role === 'admin' ? 'admin' : 'member';
				await new OrgPeople(t).setRole(inv.org_id, user.id, role, inv.added_by, now);
				out.push({ orgId: inv.org_id, role });
			}
			return out;
		});
	}

	/** The organisation's people: explicit roles, then members by `domains` (verified emails there), admins first. */
	async people(orgId: number, domains: readonly string[]): Promise<OrgPerson[]> {
		const rows = await this.sql.all<PersonRow>(
			`SELECT p.user_id, u.email, u.name, p.role, p.added_by, p.added_at FROM organisation_people p JOIN users u ON u.id = p.user_id
			WHERE p.org_id = ? ORDER BY CASE WHEN p.role = 'admin' THEN 0 ELSE 1 END, lower(u.email) NULLS FIRST, u.id`,
			[orgId]
		);
		const out: OrgPerson[] = rows.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, role: asRole(r.role), byDomain: false, addedBy: r.added_by, addedAt: r.added_at }));
		if (domains.length === 0) return out;
		const seen = new Set(out.map((p) => p.userId));
		for (const d of domains) {
			// Domains hold only letters, digits, '-' and '.', so none is a LIKE wildcard.
			const atDomain = await this.sql.all<{ id: number; email: string; name: string }>(
				"SELECT id, email, name FROM users WHERE email_verified = 1 AND lower(email) LIKE '%@' || CAST(? AS text) ORDER BY lower(email), id",
				[d]
			);
			for (const u of atDomain) {
				if (seen.has(u.id) || verifiedDomain({ email: u.email, emailVerified: true }) !== d) continue;
				out.push({ userId: u.id, email: u.email, name: u.name, role: 'member', byDomain: true, addedBy: 'email domain', addedAt: null });
			}
		}
		return out;
	}

	/** Invitations not yet taken up, oldest first. */
	async invites(orgId: number): Promise<OrgInvite[]> {
		const rows = await this.sql.all<{ email: string; role: string; added_by: string; added_at: number }>(
			'SELECT email, role, added_by, added_at FROM organisation_people WHERE org_id = ? AND email IS NOT NULL ORDER BY added_at, email',
			[orgId]
		);
		return rows.map((r) => ({ email: r.email, role: asRole(r.role), addedBy: r.added_by, addedAt: r.added_at }));
	}
}
