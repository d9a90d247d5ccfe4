// The map page's server side: checks the link and hands the page the role and the map as it is now.
import { currentSnapshot, requireAccess } from '$lib/server/maps.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	const key = url.searchParams.get('key');
	const { role } = await requireAccess(params.id, key);
	setHeaders({ 'cache-control': 'no-store' });
	return { id: params.id, role, snapshot: await currentSnapshot(params.id) };
};
