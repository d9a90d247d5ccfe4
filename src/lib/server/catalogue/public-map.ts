// A published or unlisted map as the public sees it, for its catalogue page and downloads; a map
// shared with the request's organisation as published to them. A private or unknown map is "not
// found" either way, so its existence is never confirmed.
import { error } from '@sveltejs/kit';
import { orgSummary, type OrgSummary } from '../../catalogue/index.js';
import { isMapId, type MapSnapshot } from '../../map/index.js';
import { stackmap, type Publication } from '../context.js';
import { audienceOf } from './audience.js';

export interface PublicMap {
	readonly id: string;
	readonly snapshot: MapSnapshot;
	/** What the catalogue says about it: the publisher's description, or the map's own when nothing is withheld. */
	readonly description: string;
	readonly publication: Publication;
	readonly organisation: OrgSummary | null;
	readonly fictional: boolean;
	readonly updatedAt: number;
	/** True when seen as shared with the request's organisation (its 'shared' groups shown): not for shared caches. */
	readonly shared: boolean;
}

/**
 * The view of map `id` for this request — the public's, or, shared with the signed-in user's
 * organisation or the one `key` stands for (admin key or API token), theirs — or a 404.
 */
export async function publicMap(id: string, key: string | null = null): Promise<PublicMap> {
	if (!isMapId(id)) error(404, 'Map not found');
	const app = stackmap();
	const publication = await app.catalogue.publication(id);
	const view = publication ? await app.catalogue.viewFor(id, await audienceOf(id, key)) : undefined;
	if (!publication || !view) error(404, 'Map not found');
	const org = app.catalogue.orgs.get(publication.orgId);
	const record = await app.store.getMap(id);
	return {
		id,
		snapshot: view.snapshot,
		description: view.description,
		publication,
		organisation: orgSummary(org),
		fictional: publication.fictional || (org?.fictional ?? false),
		updatedAt: record?.updatedAt ?? 0,
		shared: view.shared
	};
}
