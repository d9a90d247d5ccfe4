// Map lookups for server routes: access by key or visibility, and the current snapshot
// (from the open room when there is one, else from storage).
import { error, json } from '@sveltejs/kit';
import * as Y from 'yjs';
import { isMapId, readSnapshot, type MapSnapshot, type Role } from '../map/index.js';
import { facilitatesBySession } from './auth/session.js';
import { isMapTooBig, roleForKey, stackmap, type MapRecord } from './context.js';

export interface MapAccess {
	record: MapRecord;
	role: Role;
	/** True when a link key granted the role; false for the public view of a published or unlisted map. */
	byKey: boolean;
	/** True when, with no key, the signed-in user's ownership of the map made them facilitator. */
	byOwner: boolean;
}

/** The key a request carries: `?key=` or `Authorization: Bearer <key>`. */
export function requestKey(url: URL, request: Request): string | null {
	const auth = request.headers.get('authorization');
	if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
	return url.searchParams.get('key');
}

/** Check the id and the caller's rights; throws 400/404/403 errors SvelteKit turns into responses. */
export async function requireAccess(id: string, key: string | null): Promise<MapAccess> {
	if (!isMapId(id)) error(400, 'Bad map id');
	const record = await stackmap().store.getMap(id);
	if (!record) error(404, 'Map not found');
	const keyRole = roleForKey(record, key);
	// A map's signed-in owner (or a member of the organisation it belongs to) needs no link; a key, when given, still decides.
	const ownerRole = keyRole === null && (await facilitatesBySession(id)) ? 'facilitator' : null;
	// The public may view published and unlisted maps, but not live when details are withheld.
	const role = keyRole ?? ownerRole ?? (await stackmap().catalogue.publicRole(record));
	if (!role) error(403, 'This link does not give access to the map');
	return { record, role, byKey: keyRole !== null, byOwner: ownerRole !== null };
}

const RANK: Record<Role, number> = { viewer: 0, participant: 1, facilitator: 2 };

/** Throw 403 unless the caller's role is at least `least`. */
export function requireRole(access: MapAccess, least: Role, what: string): void {
	if (RANK[access.role] < RANK[least]) {
		error(403, least === 'facilitator' ? `Only a facilitator can ${what}.` : `A view link cannot ${what}.`);
	}
}

/** The map as it is now: the open room's document if loaded, else rebuilt from storage. */
export async function currentSnapshot(id: string): Promise<MapSnapshot> {
	const app = stackmap();
	const open = await app.rooms.peek(id);
	if (open && !open.closed) return readSnapshot(open.doc);
	const stored = await app.store.loadDoc(id);
	const doc = new Y.Doc();
	doc.transact(() => stored.updates.forEach((u) => Y.applyUpdate(doc, u)));
	const snapshot = readSnapshot(doc);
	doc.destroy();
	return snapshot;
}

/** Absolute links for a created map, one per role. */
export function mapLinks(origin: string, id: string, keys: Record<Role, string>) {
	const link = (key: string) => `${origin}/maps/${id}?key=${encodeURIComponent(key)}`;
	return { facilitatorUrl: link(keys.facilitator), editUrl: link(keys.participant), viewUrl: link(keys.viewer) };
}

/**
 * The result of `work`, or a 413 `{error}` answer when it made a map over the size limits
 * (MapTooBigError from createMap or a snapshot restore; nothing was created or changed).
 */
export async function orTooBig<T>(work: () => Promise<T>): Promise<T | Response> {
	try {
		return await work();
	} catch (err) {
		if (isMapTooBig(err)) return json({ error: err.message }, { status: 413 });
		throw err;
	}
}
