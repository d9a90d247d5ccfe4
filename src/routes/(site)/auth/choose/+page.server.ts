// Which provider to sign in with, when more than one is configured.
import { error } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const auth = stackmap().auth;
	if (!auth.enabled) error(404, 'Not found');
	const returnTo = url.searchParams.get('returnTo');
	const query = (id: string) => `provider=${encodeURIComponent(id)}${returnTo ? `&returnTo=${encodeURIComponent(returnTo)}` : ''}`;
	return { providers: auth.providers.map((p) => ({ name: p.name, href: `/auth/signin?${query(p.id)}` })) };
};
