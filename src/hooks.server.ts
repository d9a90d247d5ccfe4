// Every response gets basic security headers; API errors are JSON `{error}` with their status.
import type { Handle, HandleServerError } from '@sveltejs/kit';

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
	let response = await resolve(event);
	if (event.url.pathname.startsWith('/api/') && response.status >= 400) response = await asApiError(response);
	response.headers.set('x-content-type-options', 'nosniff');
	// Map links carry their key in the URL: never send it to another site. (`no-referrer` would
	// also make browsers send `Origin: null` on our own form posts, which SvelteKit refuses.)
	response.headers.set('referrer-policy', 'same-origin');
	return response;
};

export const handleError: HandleServerError = ({ error, status }) => {
	if (status >= 500) console.error(error);
	return { message: status >= 500 ? 'Internal error' : ((error as Error)?.message ?? 'Error') };
};
