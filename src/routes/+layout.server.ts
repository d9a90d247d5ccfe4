// Every page learns whether sign-in is offered and who is signed in (for the site header).
// Null when no provider is configured: nothing about accounts is shown.
import { stackmap } from '$lib/server/context.js';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!stackmap().auth.enabled) return { account: null };
	// The path only: a map link's key (in the query) must not travel through the sign-in flow.
	const signInHref = `/auth/signin?returnTo=${encodeURIComponent(url.pathname)}`;
	return { account: { user: locals.user ? { name: locals.user.name } : null, signInHref } };
};
