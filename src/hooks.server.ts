// Every response gets basic security headers; pages may not be framed, API answers run nothing;
// API errors are JSON `{error}` with their status. Pages' CSP is in svelte.config.js; see docs/security.md.
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sessionUser } from '$lib/server/auth/session.js';

/** On every HTML page: no framing by any site, a browsing context of its own, no powerful features. */
const PAGE_HEADERS: Record<string, string> = {
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'
};
/** An HTML answer SvelteKit did not give a policy (none expected): nothing runs, nothing frames it. */
const FALLBACK_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'";
/** JSON and CSV from /api/: never a document that loads or runs anything. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

async function asApiError(response: Response): Promise<Response> {
	let message = response.statusText || 'Error';
	try {
		const body = (await response.clone().json()) as { message?: string; error?: unknown };
		// Already `{error, …}` (e.g. an import's line-numbered `errors`): keep the details.
		if (typeof body.error === 'string') return response;
		message = body.message ?? message;
	} catch {
		// not JSON: keep the status text
	}
	const headers = new Headers(response.headers);
	headers.set('content-type', 'application/json');
	headers.delete('content-length');
	return new Response(JSON.stringify({ error: message }), { status: response.status, headers });
}

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user = await sessionUser(event.cookies, event.url);
	let response = await resolve(event);
	if (event.url.pathname.startsWith('/api/') && response.status >= 400) response = await asApiError(response);
	response.headers.set('x-content-type-options', 'nosniff');
	// Map links carry their key in the URL: never send it to another site. (`no-referrer` would
	// also make browsers send `Origin: null` on our own form posts, which SvelteKit refuses.)
	response.headers.set('referrer-policy', 'same-origin');
	// Map files (/maps/<id>.svg, catalogue thumbnails) are not touched: they stay embeddable
	// anywhere and carry their own policy (src/lib/server/map-files.ts).
	// An /api/ error may have been rendered as a page first (asApiError made it JSON): it is an API answer.
	if (event.url.pathname.startsWith('/api/')) {
		response.headers.set('content-security-policy', API_CSP);
	} else if (response.headers.get('content-type')?.startsWith('text/html')) {
		for (const [name, value] of Object.entries(PAGE_HEADERS)) response.headers.set(name, value);
		if (!response.headers.has('content-security-policy')) response.headers.set('content-security-policy', FALLBACK_PAGE_CSP);
	}
	return response;
};

export const handleError: HandleServerError = ({ error, status }) => {
	if (status >= 500) console.error(error);
	return { message: status >= 500 ? 'Internal error' : ((error as Error)?.message ?? 'Error') };
};
