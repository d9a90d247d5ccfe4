// The map page's server side: checks the link and hands the page the role and the map as it is now.
import { redirect } from '@sveltejs/kit';
import { isRedacted } from '$lib/catalogue/index.js';
import { stackmap } from '$lib/server/context.js';
import { facilitatesBySession } from '$lib/server/auth/session.js';
import { currentSnapshot, requireAccess } from '$lib/server/maps.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	const key = url.searchParams.get('key');
	// Without a key, a map published with details withheld is shown as published, in the catalogue.
	const pub = key || (await facilitatesBySession(params.id)) ? undefined : await stackmap().catalogue.publication(params.id);
	if (pub && pub.visibility !== 'private' && isRedacted(pub.redaction)) {
		redirect(303, `/catalogue/maps/${params.id}`);
	}
	const { role, byKey } = await requireAccess(params.id, key);
	setHeaders({ 'cache-control': 'no-store' });
	return { id: params.id, role, byKey, snapshot: await currentSnapshot(params.id) };
};
