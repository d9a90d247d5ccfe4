// Who a request speaks for when it reads a map shared with named organisations: the signed-in
// user's organisations (by role or verified email domain), and, for scripts and with sign-in off,
// the organisation whose admin key or API token it carries. Server-only.
import { stackmap } from '../context.js';
import { myRoles } from './org-people.js';

/**
 * The organisations among those map `mapId` is shared with that this request belongs to: the
 * signed-in user's, or the one `key` (an admin key or an `smo_` token of any scope) stands for.
 * Empty for an unknown map, one shared with nobody, or a request that is none of them.
 */
export async function audienceOf(mapId: string, key: string | null | undefined): Promise<number[]> {
	const { catalogue } = stackmap();
	const shared = (await catalogue.publication(mapId))?.sharedWith ?? [];
	if (shared.length === 0) return [];
	const mine = await myRoles();
	// 'publish' is the narrowest token scope: any token of the organisation may read what is shared with it.
	const out: number[] = [];
	for (const orgId of shared) if (mine.has(orgId) || (key && (await catalogue.orgs.allows(orgId, key, 'publish')) !== null)) out.push(orgId);
	return out;
}
