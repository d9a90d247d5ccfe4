// POST /auth/signout — end this session (`everywhere=1`: every session of this user). POST only,
// so SvelteKit's origin check on form posts covers it; a link or image cannot sign anyone out.
import { error, redirect } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import { cookieOptions } from '$lib/server/auth/session.js';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ url, request, cookies }) => {
	const auth = stackmap().auth;
	if (!auth.enabled) error(404, 'Not found');
	const form = await request.formData().catch(() => null);
	await auth.signOut(cookies.get(auth.cookies.session), form?.get('everywhere') === '1');
	cookies.delete(auth.cookies.session, cookieOptions(url, 0));
	redirect(303, '/');
};
