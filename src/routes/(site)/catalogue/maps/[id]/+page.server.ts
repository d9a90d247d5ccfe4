// A published or unlisted map's public page: the drawing, its components by type, licence and
// owner; fork it or compare it with another map.
import { redirect } from '@sveltejs/kit';
import {
	CONTRACT_GROUPS,
	focusIds,
	focusOptions,
	focusSummary,
	formatFocus,
	parseFocus,
	publishesContracts,
	sharedRedaction,
	slugify,
	supplierParts,
	VOCABULARY
} from '$lib/catalogue/index.js';
import { formatMoney, noticeDate } from '$lib/map/index.js';
import { publicMap } from '$lib/server/catalogue/public-map.js';
import { facilitatorPath, forkMap } from '$lib/server/catalogue/create.js';
import { resolveMap } from '$lib/server/catalogue/resolve.js';
import { renderSvg } from '$lib/render/index.js';
import { stackmap } from '$lib/server/context.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	const map = await publicMap(params.id);
	const { snapshot } = map;
	// Shared with the signed-in user's organisation: what is withheld from them, not from the public.
	const redaction = map.shared ? sharedRedaction(map.publication.redaction) : map.publication.redaction;
	// `?focus=layer:…` shows one layer, type, supplier, lifecycle or value chain; the rest is dimmed.
	const focus = parseFocus(url.searchParams.get('focus'));
	const inFocus = focus ? focusIds(snapshot, focus) : null;
	const components = snapshot.components
		.filter((c) => c.kind !== 'anchor')
		.map((c) => {
			const type = VOCABULARY.byId.get(c.componentType);
			return {
				id: c.id as string,
				name: c.name,
				typeId: type?.id ?? '',
				typeName: type?.name ?? '',
				layer: type?.layer ?? '',
				evolution: c.evolution,
				product: c.product,
				supplier: c.supplier,
				suppliers: supplierParts(c.supplier).map(([, name]) => ({ slug: slugify(name), name })),
				lifecycle: c.lifecycle
			};
		});
	const needs = snapshot.components.filter((c) => c.kind === 'anchor').map((c) => c.name);
	// The public snapshot holds only the published groups' fields; the page shows those columns only.
	const contracts = snapshot.components.flatMap((c) =>
		(c.kind === 'anchor' ? [] : (c.contracts ?? [])).map((k) => ({
			key: `${c.id}/${k.id}`,
			component: c.name,
			start: k.start,
			end: k.end,
			notice: noticeDate(k),
			extensions: k.extensions,
			annualCost: formatMoney(k.annualCost),
			wholeLifeValue: formatMoney(k.wholeLifeValue),
			reference: k.reference,
			route: k.route,
			sharedWith: k.sharedWith.join(', ')
		}))
	);
	const forkedFrom = map.publication.forkedFrom ? await stackmap().catalogue.entry(map.publication.forkedFrom) : undefined;
	setHeaders({ 'cache-control': 'no-store' });
	return {
		id: map.id,
		title: snapshot.title,
		description: map.description,
		organisation: map.organisation,
		fictional: map.fictional,
		visibility: map.publication.visibility,
		licence: map.publication.licence,
		redaction,
		shared: map.shared,
		publishedAt: map.publication.publishedAt,
		updatedAt: map.updatedAt,
		forkedFrom: forkedFrom ? { id: forkedFrom.id, title: forkedFrom.title } : null,
		svg: renderSvg(snapshot, { focus: inFocus?.ids }).replace(/^<\?xml[^>]*>\s*/, ''),
		focus: focus ? formatFocus(focus) : '',
		focusGroups: focusOptions(snapshot),
		focusSummary: inFocus ? focusSummary(inFocus) : '',
		query: url.searchParams.toString(),
		components,
		needs,
		contracts,
		contractGroups: CONTRACT_GROUPS.filter((g) => publishesContracts(redaction, g)),
		linkCount: snapshot.links.length,
		similar: (await stackmap().catalogue.similarMaps(map.id, 5)).map((s) => ({
			id: s.entry.id,
			title: s.entry.title,
			organisation: s.entry.organisation?.name ?? null,
			fictional: s.entry.fictional,
			similarity: s.similarity
		}))
	};
};

export const actions: Actions = {
	fork: async ({ params }) => {
		const source = await resolveMap({ id: params.id });
		const created = await forkMap(source);
		redirect(303, facilitatorPath(created));
	}
};
