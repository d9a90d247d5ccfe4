// GET /auth/callback — the provider sends the browser back here with a code: checked against the
// flow this browser started (state, nonce, PKCE), redeemed once, then a new session; invitations
// to the user's verified email are taken up.
import { error, redirect } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import { cookieOptions } from '$lib/server/auth/session.js';
import { audit, userLabel } from '$lib/server/catalogue/org-audit.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, cookies, setHeaders }) => {
	const auth = stackmap().auth;
	if (!auth.enabled) error(404, 'Not found');
	setHeaders({ 'cache-control': 'no-store' });
	const flow = cookies.get(auth.cookies.flow);
	cookies.delete(auth.cookies.flow, cookieOptions(url, 0, '/auth'));
	const result = await auth.finish(flow, url, cookies.get(auth.cookies.session));
	if (!result.ok) {
		console.warn(JSON.stringify({ event: 'sign-in refused', reason: result.reason }));
		error(400, 'Sign-in did not complete. Please sign in again.');
	}
	for (const a of result.accepted) await audit(a.orgId, userLabel(result.user), 'invitation taken up', `as ${a.role}`);
	cookies.set(auth.cookies.session, result.session, cookieOptions(url, auth.sessionSeconds));
	redirect(303, result.returnTo);
};
