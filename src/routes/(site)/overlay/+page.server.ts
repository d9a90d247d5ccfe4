// Overlay many maps by component type: the shared core, duplication per LGAM node (the
// rationalisation list for an LGR merge), and how far apart councils place each type.
import { stackmap } from '$lib/server/context.js';
import { chooseMaps, overlayOf, overlayTypes } from '$lib/server/catalogue/overlay.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const { selection, chosen } = await chooseMaps(url.searchParams);
	const catalogue = stackmap().catalogue;
	const families = catalogue.orgs
		.all()
		.filter((o) => catalogue.orgs.children(o.id).length > 0)
		.map((o) => ({ slug: o.slug, name: o.name, members: catalogue.orgs.children(o.id).length }));
	if (chosen.length === 0) return { selection, families, overlay: null, query: url.searchParams.toString() };
	const overlay = overlayOf(chosen);
	return {
		selection,
		families,
		query: url.searchParams.toString(),
		overlay: {
			types: overlayTypes(overlay),
			sharedCore: overlay.sharedCore.map((t) => t.typeId),
			untyped: overlay.untyped.filter((u) => u.count > 0).map((u) => ({ name: selection.maps.find((m) => m.id === u.mapId)?.name ?? u.mapId, count: u.count }))
		}
	};
};
