// A published or unlisted map as the public sees it, for its catalogue page and downloads. A
// private or unknown map is "not found" either way, so its existence is never confirmed.
import { error } from '@sveltejs/kit';
import { orgSummary, type OrgSummary } from '../../catalogue/index.js';
import { isMapId, type MapSnapshot } from '../../map/index.js';
import { stackmap, type Publication } from '../context.js';

export interface PublicMap {
	readonly id: string;
	readonly snapshot: MapSnapshot;
	/** What the catalogue says about it: the publisher's description, or the map's own when nothing is withheld. */
	readonly description: string;
	readonly publication: Publication;
	readonly organisation: OrgSummary | null;
	readonly fictional: boolean;
	readonly updatedAt: number;
}

/** The public view of map `id`, or a 404. */
export async function publicMap(id: string): Promise<PublicMap> {
	if (!isMapId(id)) error(404, 'Map not found');
	const app = stackmap();
	const publication = app.catalogue.publication(id);
	const view = publication && publication.visibility !== 'private' ? await app.catalogue.publicView(id) : undefined;
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
		updatedAt: record?.updatedAt ?? 0
	};
}
