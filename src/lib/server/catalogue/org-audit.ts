// An organisation's audit log as the SvelteKit side writes and shows it: who a signed-in user or a
// map's facilitator is, the log's rows for the manage page, and its CSV download.
import { stackmap, type AuditEntry, type Organisation, type User } from '../context.js';
import { csvResponse } from './csv.js';

/** A signed-in user as the audit log names them. */
export function userLabel(user: User): string {
	return `user ${user.email || user.name || `#${user.id}`}`;
}

/** Add a change to organisation `orgId`'s log. */
export async function audit(orgId: number, who: string, action: string, detail = ''): Promise<void> {
	await stackmap().catalogue.orgs.audit.record(orgId, who, action, detail);
}

/** A log row with its time as ISO 8601 (UTC). */
export function auditView(e: AuditEntry) {
	return { at: new Date(e.at).toISOString(), who: e.who, action: e.action, detail: e.detail };
}

/** The whole log of organisation `orgId` as CSV, newest first (cells guarded against formulas). */
export async function auditCsv(slug: string, orgId: number): Promise<Response> {
	const rows = (await stackmap().catalogue.orgs.audit.list(orgId)).map(auditView);
	return csvResponse(`${slug}-audit.csv`, [['When (UTC)', 'Who', 'Action', 'Detail'], ...rows.map((r) => [r.at, r.who, r.action, r.detail])]);
}

const PROFILE_FIELDS = ['name', 'type', 'region', 'website', 'description', 'parentId', 'pendingParentId'] as const;

/** Which profile fields differ between `before` and `after`, as "name, region" (or "nothing"). */
export function changedFields(before: Organisation, after: Organisation): string {
	const changed = PROFILE_FIELDS.filter((f) => before[f] !== after[f]).map((f) => (f === 'parentId' ? 'parent' : f === 'pendingParentId' ? 'parent requested' : f));
	return changed.length ? changed.join(', ') : 'nothing';
}
