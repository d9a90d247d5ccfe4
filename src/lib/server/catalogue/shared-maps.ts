// "Shared with your organisation": the maps their facilitators shared with an organisation, as its
// people see them (titles scrubbed of withheld names), for /my/organisation and the JSON API.
import { stackmap } from '../context.js';

export interface SharedMapRow {
	readonly id: string;
	readonly title: string;
	/** The organisation the map belongs to, if any. */
	readonly organisation: { readonly slug: string; readonly name: string } | null;
	readonly visibility: 'private' | 'unlisted' | 'published';
	readonly updatedAt: number;
}

/** The maps shared with organisation `orgId`, by title. */
export async function sharedMapRows(orgId: number): Promise<SharedMapRow[]> {
	const { catalogue, store } = stackmap();
	const rows: SharedMapRow[] = [];
	for (const { mapId } of await catalogue.publications.sharedWith([orgId])) {
		const [view, record] = await Promise.all([catalogue.viewFor(mapId, [orgId]), store.getMap(mapId)]);
		const pub = await catalogue.publication(mapId);
		if (!view || !record || !pub) continue;
		const org = catalogue.orgs.get(pub.orgId);
		rows.push({
			id: mapId,
			title: view.snapshot.title || 'Untitled map',
			organisation: org ? { slug: org.slug, name: org.name } : null,
			visibility: pub.visibility,
			updatedAt: record.updatedAt
		});
	}
	return rows.sort((a, b) => a.title.localeCompare(b.title));
}
