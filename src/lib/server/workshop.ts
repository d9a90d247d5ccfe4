// Helpers for the workshop routes (link rotation, snapshots, history): role checks and small,
// strict JSON bodies. Server-only.
import { error } from '@sveltejs/kit';
import { sanitiseName } from '../collab/names.js';
import type { Role } from '../map/index.js';
import type { MapAccess } from './maps.js';

const RANK: Record<Role, number> = { viewer: 0, participant: 1, facilitator: 2 };

/** Throw 403 unless the caller's role is at least `least`. */
export function requireRole(access: MapAccess, least: Role, what: string): void {
	if (RANK[access.role] < RANK[least]) {
		error(403, least === 'facilitator' ? `Only a facilitator can ${what}.` : `A view link cannot ${what}.`);
	}
}

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
