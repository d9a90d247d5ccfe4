// The people of each organisation beyond its domain members: admins and members by explicit role,
// and invitations by email that a person takes up by signing in with that email, verified. Kept
// beside the users table; the organisation's audit log (written by the callers) says who did what.
import type Database from 'better-sqlite3';
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

export class OrgPeople {
	constructor(private readonly db: Database.Database) {}

	/** The explicit role of user `userId` in `orgId`, if any. */
	private explicit(orgId: number, userId: number): OrgRole | null {
		const row = this.db.prepare('SELECT role FROM organisation_people WHERE org_id = ? AND user_id = ?').get(orgId, userId) as { role: string } | undefined;
		return row ? (row.role === 'admin' ? 'admin' : 'member') : null;
	}

	/** How many admins `orgId` has. */
	admins(orgId: number): number {
		return (this.db.prepare("SELECT COUNT(*) AS n FROM organisation_people WHERE org_id = ? AND user_id IS NOT NULL AND role = 'admin'").get(orgId) as { n: number }).n;
	}

	/**
	 * Every organisation `user` has a role in: explicit roles, and member of `domainOrg` (the
	 * organisation of their verified email's domain, if any) unless a role says more.
	 */
	rolesOf(user: User | null, domainOrg: number | null): Map<number, OrgRole> {
		const out = new Map<number, OrgRole>();
		if (!user) return out;
		if (domainOrg !== null) out.set(domainOrg, 'member');
		const rows = this.db.prepare('SELECT org_id, role FROM organisation_people WHERE user_id = ?').all(user.id) as { org_id: number; role: string }[];
		for (const r of rows) out.set(r.org_id, r.role === 'admin' ? 'admin' : 'member');
		return out;
	}

	/** Make `userId` an admin or member of `orgId` (added or changed); refuses to leave no admin. */
	setRole(orgId: number, userId: number, role: OrgRole, addedBy: string, now = Date.now()): void {
		this.db.transaction(() => {
			if (role === 'member' && this.explicit(orgId, userId) === 'admin' && this.admins(orgId) <= 1)
				throw new RoleError(409, 'This is the organisation’s last admin: make someone else an admin first');
			this.db
				.prepare(
					`INSERT INTO organisation_people (org_id, user_id, role, added_by, added_at) VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (org_id, user_id) WHERE user_id IS NOT NULL DO UPDATE SET role = excluded.role`
				)
				.run(orgId, userId, role, addedBy, now);
		})();
	}

	/** Take away `userId`'s role in `orgId` (a domain member stays a member); refuses to remove the last admin. */
	remove(orgId: number, userId: number): OrgRole {
		return this.db.transaction(() => {
			const role = this.explicit(orgId, userId);
			if (!role) throw new RoleError(404, 'That person has no role to remove');
			if (role === 'admin' && this.admins(orgId) <= 1) throw new RoleError(409, 'This is the organisation’s last admin: make someone else an admin first');
			this.db.prepare('DELETE FROM organisation_people WHERE org_id = ? AND user_id = ?').run(orgId, userId);
			return role;
		})();
	}

	/** Invite `email` (as typed) to `orgId` with `role`; returns it normalised. A second invitation changes the role. */
	invite(orgId: number, rawEmail: string, role: OrgRole, addedBy: string, now = Date.now()): string {
		const email = normaliseEmail(rawEmail);
		if (!email) throw new RoleError(400, 'Enter the email address of the person to invite, such as cai@kestrelford.gov.uk');
		this.db
			.prepare(
				`INSERT INTO organisation_people (org_id, email, role, added_by, added_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (org_id, email) WHERE email IS NOT NULL DO UPDATE SET role = excluded.role, added_by = excluded.added_by, added_at = excluded.added_at`
			)
			.run(orgId, email, role, addedBy, now);
		return email;
	}

	/** Withdraw the invitation of `email` (as typed); returns it normalised, or null when there was none. */
	withdraw(orgId: number, rawEmail: string): string | null {
		const email = normaliseEmail(rawEmail);
		return email && this.db.prepare('DELETE FROM organisation_people WHERE org_id = ? AND email = ?').run(orgId, email).changes > 0 ? email : null;
	}

	/**
	 * Take up the invitations to `user`'s email, if their provider verified it: each becomes a role
	 * (an invitation never lowers a role already held). Returns the organisations and roles given.
	 */
	accept(user: User, now = Date.now()): { orgId: number; role: OrgRole }[] {
		if (!user.emailVerified || !user.email) return [];
		const email = normaliseEmail(user.email);
		if (!email) return [];
		return this.db.transaction(() => {
			const invites = this.db.prepare('SELECT org_id, role, added_by FROM organisation_people WHERE email = ?').all(email) as { org_id: number; role: string; added_by: string }[];
			const out: { orgId: number; role: OrgRole }[] = [];
			for (const inv of invites) {
				const held = this.explicit(inv.org_id, user.id);
				const role: OrgRole = held === 'admin' || inv.role === 'admin' ? 'admin' : 'member';
				this.db.prepare('DELETE FROM organisation_people WHERE org_id = ? AND email = ?').run(inv.org_id, email);
				this.setRole(inv.org_id, user.id, role, inv.added_by, now);
				out.push({ orgId: inv.org_id, role });
			}
			return out;
		})();
	}

	/** The organisation's people: explicit roles, then members by `domains` (verified emails there), admins first. */
	people(orgId: number, domains: readonly string[]): OrgPerson[] {
		const rows = this.db
			.prepare(
				`SELECT p.user_id, u.email, u.name, p.role, p.added_by, p.added_at FROM organisation_people p JOIN users u ON u.id = p.user_id
				WHERE p.org_id = ? ORDER BY p.role = 'admin' DESC, lower(u.email), u.id`
			)
			.all(orgId) as PersonRow[];
		const out: OrgPerson[] = rows.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, role: r.role === 'admin' ? 'admin' : 'member', byDomain: false, addedBy: r.added_by, addedAt: r.added_at }));
		if (domains.length === 0) return out;
		const seen = new Set(out.map((p) => p.userId));
		// Domains hold only letters, digits, '-' and '.', so none is a LIKE wildcard.
		const atDomain = this.db.prepare("SELECT id, email, name FROM users WHERE email_verified = 1 AND lower(email) LIKE '%@' || ? ORDER BY lower(email), id");
		for (const d of domains) {
			for (const u of atDomain.all(d) as { id: number; email: string; name: string }[]) {
				if (seen.has(u.id) || verifiedDomain({ email: u.email, emailVerified: true }) !== d) continue;
				out.push({ userId: u.id, email: u.email, name: u.name, role: 'member', byDomain: true, addedBy: 'email domain', addedAt: null });
			}
		}
		return out;
	}

	/** Invitations not yet taken up, oldest first. */
	invites(orgId: number): OrgInvite[] {
		return (
			this.db.prepare('SELECT email, role, added_by, added_at FROM organisation_people WHERE org_id = ? AND email IS NOT NULL ORDER BY added_at, email').all(orgId) as {
				email: string;
				role: string;
				added_by: string;
				added_at: number;
			}[]
		).map((r) => ({ email: r.email, role: r.role === 'admin' ? 'admin' : 'member', addedBy: r.added_by, addedAt: r.added_at }));
	}
}
