// GET /auth/signin?provider=<id>&returnTo=<path> — start an OpenID Connect sign-in: keep the
// flow server-side, bind it to this browser with a short-lived cookie, go to the provider.
import { error, redirect } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import { cookieOptions } from '$lib/server/auth/session.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, cookies, setHeaders }) => {
	const auth = stackmap().auth;
	if (!auth.enabled) error(404, 'Not found');
	setHeaders({ 'cache-control': 'no-store' });
	const returnTo = url.searchParams.get('returnTo');
	const provider = url.searchParams.get('provider') ?? (auth.providers.length === 1 ? auth.providers[0].id : null);
	if (!provider) redirect(303, `/auth/choose${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`);
	let started;
	try {
		started = await auth.begin(provider, `${url.origin}/auth/callback`, returnTo);
	} catch (err) {
		console.warn(JSON.stringify({ event: 'sign-in provider unreachable', provider, error: (err as Error).name }));
		error(502, 'The sign-in service could not be reached. Try again in a moment.');
	}
	if (!started) error(400, 'There is no such way to sign in.');
	cookies.set(auth.cookies.flow, started.flow, cookieOptions(url, auth.flowSeconds, '/auth'));
	redirect(302, started.url);
};
