// An organisation's admin approving or declining requests to be part of it, and removing members:
// shared by its manage page and the JSON API. Throws SvelteKit errors (403 without its admin key).
import { error } from '@sveltejs/kit';
import { audit } from './org-audit.js';
import { orgAdmin } from './org-people.js';
import { isOrganisationError, stackmap, type Organisation } from '../context.js';

export type MemberChange = 'approve' | 'release';

/** Approve `member`'s request to be part of `parent`, or decline it / remove the member ('release'); needs `parent`'s admin key. */
export async function changeMember(parent: string, member: string, key: string | null, change: MemberChange): Promise<{ member: Organisation; done: 'approved' | 'declined' | 'removed' }> {
	const orgs = stackmap().catalogue.orgs;
	const org = orgs.bySlug(parent);
	if (!org) error(404, 'Organisation not found');
	const actor = await orgAdmin(org.id, key);
	if (!actor) error(403, 'This needs the organisation’s admin key or an admin token');
	const m = orgs.bySlug(member);
	if (!m) error(404, 'Organisation not found');
	try {
		const out = change === 'approve' ? { member: await orgs.approve(org.id, m.id), done: 'approved' as const } : { member: m, done: await orgs.release(org.id, m.id) };
		await audit(org.id, actor.label, `member ${out.done}`, m.name);
		return out;
	} catch (err) {
		if (isOrganisationError(err)) error(err.refusal.status, err.message);
		throw err;
	}
}
