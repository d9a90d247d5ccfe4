// Each organisation's audit log: publication, sharing, membership, domain and token changes, with
// who made them (admin key, a token by name, a signed-in user, a map's facilitator) and when.
// Rows are only ever added; they name tokens but never hold one.
import type Database from 'better-sqlite3';

/** One change. `at` in ms since the epoch; `who` as shown to the organisation's admins. */
export interface AuditEntry {
	readonly id: number;
	readonly at: number;
	readonly who: string;
	readonly action: string;
	readonly detail: string;
}

export class OrgAudit {
	constructor(private readonly db: Database.Database) {}

	/** Add a change to organisation `orgId`'s log. */
	record(orgId: number, who: string, action: string, detail = ''): void {
		this.db.prepare('INSERT INTO organisation_audit (org_id, at, who, action, detail) VALUES (?, ?, ?, ?, ?)').run(orgId, Date.now(), who, action, detail);
	}

	/** The organisation's changes, newest first; at most `limit` of them. */
	list(orgId: number, limit = 10_000): AuditEntry[] {
		return this.db.prepare('SELECT id, at, who, action, detail FROM organisation_audit WHERE org_id = ? ORDER BY id DESC LIMIT ?').all(orgId, limit) as AuditEntry[];
	}
}
