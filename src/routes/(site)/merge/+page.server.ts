// LGR merge: pick two or more maps (published ones from the catalogue, or any map by its link)
// and make a new private draft with one component per type, duplicates flagged and predecessors
// recorded; the draft opens in the editor with its facilitator link.
import { fail, isHttpError, redirect } from '@sveltejs/kit';
import { parseSearchQuery } from '$lib/catalogue/index.js';
import { facilitatorPath, mergeToDraft } from '$lib/server/catalogue/create.js';
import { parseMapRef, resolveMap, type MapRef } from '$lib/server/catalogue/resolve.js';
import { stackmap } from '$lib/server/context.js';
import type { Actions, PageServerLoad } from './$types';

const MAX_MERGE = 10;

function refsOf(ids: string[], links: string): { refs: MapRef[]; bad: string[] } {
	const bad: string[] = [];
	const refs: MapRef[] = [];
	for (const id of ids) {
		const r = parseMapRef(id);
		if (r) refs.push(r);
	}
	for (const line of links.split(/[\s,]+/).filter(Boolean)) {
		const r = parseMapRef(line);
		if (r) refs.push(r);
		else bad.push(line);
	}
	return { refs: [...new Map(refs.map((r) => [r.id, r])).values()], bad };
}

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const catalogue = stackmap().catalogue;
	const ids = url.searchParams.getAll('map').slice(0, MAX_MERGE);
	const entries = await Promise.all(ids.map((id) => catalogue.entry(id)));
	const selected = entries.flatMap((e) => (e ? [{ id: e.id, title: e.title, organisation: e.organisation?.name ?? null, fictional: e.fictional }] : []));
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const result = await catalogue.search({ ...parseSearchQuery(new URLSearchParams(q ? { q } : {})), perPage: 20 });
	return {
		selected,
		q,
		links: url.searchParams.get('links') ?? '',
		title: url.searchParams.get('title') ?? '',
		total: result.total,
		results: result.results
			.filter((e) => !ids.includes(e.id))
			.map((e) => ({ id: e.id, title: e.title, organisation: e.organisation?.name ?? null, fictional: e.fictional }))
	};
};

export const actions: Actions = {
	merge: async ({ request }) => {
		const form = await request.formData();
		const title = String(form.get('title') ?? '').trim();
		const links = String(form.get('links') ?? '');
		const { refs, bad } = refsOf(form.getAll('map').map(String), links);
		const values = { title, links, map: refs.filter((r) => !r.key).map((r) => r.id) };
		if (bad.length > 0) return fail(400, { ...values, error: `These are not map links or ids: ${bad.slice(0, 3).join(', ')}` });
		if (refs.length < 2) return fail(400, { ...values, error: 'Choose at least two maps to merge' });
		if (refs.length > MAX_MERGE) return fail(400, { ...values, error: `Choose at most ${MAX_MERGE} maps` });
		if (title.length > 200) return fail(400, { ...values, error: 'The title can be at most 200 characters' });
		let sources;
		try {
			sources = await Promise.all(refs.map((r) => resolveMap(r)));
		} catch (err) {
			if (isHttpError(err)) return fail(400, { ...values, error: err.body.message });
			throw err;
		}
		const { created } = await mergeToDraft(sources, title);
		redirect(303, facilitatorPath(created));
	}
};
