// Each organisation's audit log: publication, sharing, membership, domain and token changes, with
// who made them (admin key, a token by name, a signed-in user, a map's facilitator) and when.
// Rows are only ever added; they name tokens but never hold one.
import type { Sql } from '../db/sql.js';

/** One change. `at` in ms since the epoch; `who` as shown to the organisation's admins. */
export interface AuditEntry {
	readonly id: number;
	readonly at: number;
	readonly who: string;
	readonly action: string;
	readonly detail: string;
}

export class OrgAudit {
	constructor(private readonly sql: Sql) {}

	/** Add a change to organisation `orgId`'s log. */
	async record(orgId: number, who: string, action: string, detail = ''): Promise<void> {
		await this.sql.run('INSERT INTO organisation_audit (org_id, at, who, action, detail) VALUES (?, ?, ?, ?, ?)', [orgId, Date.now(), who, action, detail]);
	}

	/**
	 * The organisation's changes, newest first; at most `limit` of them. `before`: only changes
	 * older than the one with that id (the next page starts below the last id shown).
	 */
	async list(orgId: number, limit = 10_000, before?: number): Promise<AuditEntry[]> {
		return this.sql.all<AuditEntry>(
			'SELECT id, at, who, action, detail FROM organisation_audit WHERE org_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
			[orgId, before ?? Number.MAX_SAFE_INTEGER, limit]
		);
	}
}
