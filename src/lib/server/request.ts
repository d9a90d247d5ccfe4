// Reading what the API routes are sent: small, strict JSON bodies, who did it, a link role named
// in the URL. Throws SvelteKit's 400 errors. Server-only.
import { error } from '@sveltejs/kit';
import { sanitiseName } from '../collab/names.js';
import type { Role } from '../map/index.js';

/** The request's JSON object body ({} when empty); 400 on anything else or past 16 KiB. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
	const text = await request.text();
	if (text.length > 16 * 1024) error(400, 'Body too large');
	if (!text.trim()) return {};
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		error(400, 'Body must be JSON');
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) error(400, 'Body must be a JSON object');
	return body as Record<string, unknown>;
}

/** The optional display name `by` of a body (who did it), sanitised like a join name. */
export function byName(body: Record<string, unknown>): string {
	return sanitiseName(body.by);
}

/** A link role from a URL segment: facilitator, participant (or edit), viewer (or view). */
export function linkRole(segment: string): Role {
	const role = ({ facilitator: 'facilitator', participant: 'participant', edit: 'participant', viewer: 'viewer', view: 'viewer' } as const)[segment];
	if (!role) error(400, 'Role must be facilitator, participant (edit) or viewer (view)');
	return role;
}
