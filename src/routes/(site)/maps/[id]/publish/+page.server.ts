// A map's publishing settings, for its facilitator: who may see it (private, unlisted,
// published, and which organisations it is shared with), under which organisation, with which licence and which details withheld; and
// types for untyped components, so the map can be compared.
import { fail, isHttpError } from '@sveltejs/kit';
import { LICENCES } from '$lib/catalogue/index.js';
import { myRoles } from '$lib/server/catalogue/org-people.js';
import { applyTypes, publish, publishFormInput, requireFacilitator, untypedSuggestions } from '$lib/server/catalogue/publish.js';
import { stackmap } from '$lib/server/context.js';
import { currentSnapshot } from '$lib/server/maps.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	const key = url.searchParams.get('key');
	await requireFacilitator(params.id, key);
	setHeaders({ 'cache-control': 'no-store' });
	const catalogue = stackmap().catalogue;
	const snapshot = await currentSnapshot(params.id);
	const pub = (await catalogue.publication(params.id))!;
	return {
		id: params.id,
		key: key!,
		title: snapshot.title,
		description: snapshot.description,
		publication: pub,
		organisation: catalogue.orgs.get(pub.orgId)?.slug ?? '',
		organisations: catalogue.orgs.all().map((o) => ({ slug: o.slug, name: o.name })),
		/** Slugs of the organisations the map is shared with. */
		sharedWith: pub.sharedWith.map((o) => catalogue.orgs.get(o)?.slug).filter((s) => s !== undefined),
		/** Organisations the signed-in user belongs to: publishing as one needs no key. */
		mine: [...(await myRoles()).keys()].map((id) => catalogue.orgs.get(id)).filter((o) => o !== undefined).map((o) => ({ slug: o.slug, name: o.name })),
		licences: LICENCES.map((l) => ({ id: l.id, name: l.name })),
		componentCount: snapshot.components.filter((c) => c.kind !== 'anchor').length,
		suggestions: untypedSuggestions(snapshot)
	};
};

export const actions: Actions = {
	save: async ({ params, request }) => {
		const form = await request.formData();
		await requireFacilitator(params.id, String(form.get('key') ?? ''));
		try {
			const pub = await publish(params.id, publishFormInput(form));
			return { saved: pub.visibility };
		} catch (err) {
			if (isHttpError(err) && err.status < 500) {
				const field = err.status === 403 ? 'organisationKey' : /to share with|shared with at most/.test(err.body.message) ? 'share-filter' : 'visibility';
				return fail(err.status, { error: err.body.message, field });
			}
			throw err;
		}
	},
	types: async ({ params, request }) => {
		const form = await request.formData();
		await requireFacilitator(params.id, String(form.get('key') ?? ''));
		const choices = new Map<string, string>();
		for (const [name, value] of form) {
			if (name.startsWith('type:') && typeof value === 'string' && value) choices.set(name.slice(5), value);
		}
		const n = await applyTypes(params.id, choices);
		await stackmap().catalogue.reindex(params.id);
		return { typed: n };
	}
};
