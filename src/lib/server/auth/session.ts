// Sessions in SvelteKit: the signed-in user of a request (read once, in hooks, into
// `locals.user`), the cookies' attributes, and map ownership for the routes. Server-only.
import { getRequestEvent } from '$app/server';
import type { Cookies } from '@sveltejs/kit';
import { stackmap, type User } from '../context.js';

/** HttpOnly, SameSite=Lax, Secure when the request came over https (X-Forwarded-Proto behind the proxy). */
export function cookieOptions(url: URL, maxAge: number, path = '/') {
	return { path, httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:', maxAge };
}

/** The user of the request's session cookie; a cookie that no longer names a live session is removed. */
export async function sessionUser(cookies: Cookies, url: URL): Promise<User | null> {
	const auth = stackmap().auth;
	if (!auth.enabled) return null;
	const token = cookies.get(auth.cookies.session);
	if (!token) return null;
	const user = await auth.user(token);
	if (!user) cookies.delete(auth.cookies.session, cookieOptions(url, 0));
	return user;
}

/** The signed-in user of the request being handled, or null (also outside a request). */
export function currentUser(): User | null {
	try {
		return getRequestEvent().locals.user ?? null;
	} catch {
		return null;
	}
}

/**
 * The signed-in user of this request may open the map as facilitator without a link: they own it,
 * or its owner said it belongs to an organisation they have a role in.
 */
export function facilitatesBySession(mapId: string): Promise<boolean> {
	return stackmap().auth.facilitates(mapId, currentUser());
}

/** Record the signed-in user of this request, if any, as the new map's owner. */
export async function claimNewMap(mapId: string): Promise<void> {
	const user = currentUser();
	if (user) await stackmap().auth.claim(mapId, user.id);
}
