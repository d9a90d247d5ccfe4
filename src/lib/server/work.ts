// Jobs the server's workers refused (server/convert: busy, too slow, out of memory), for routes
// to answer. Matched by name: the web app's bundle holds no copy of the server's classes.

/** What a refusal says: its HTTP status, the words for the person, and for 503 a Retry-After in seconds. */
export interface Refusal {
	readonly status: number;
	readonly message: string;
	readonly retryAfter?: number;
}

/** The Refusal in server/convert's WorkRefusedError, or null for any other error. */
export function workRefusal(err: unknown): Refusal | null {
	if (!(err instanceof Error) || err.name !== 'WorkRefusedError') return null;
	const { status, retryAfter } = err as Error & { status?: unknown; retryAfter?: unknown };
	if (typeof status !== 'number') return null;
	return { status, message: err.message, ...(typeof retryAfter === 'number' ? { retryAfter } : {}) };
}

/** A refusal as a JSON API answer `{error}` (with Retry-After when it has one). */
export function refusalResponse(refusal: Refusal): Response {
	const headers: Record<string, string> = refusal.retryAfter ? { 'retry-after': String(refusal.retryAfter) } : {};
	return Response.json({ error: refusal.message }, { status: refusal.status, headers });
}
