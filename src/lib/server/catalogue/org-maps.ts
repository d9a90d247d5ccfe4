// "Our organisation's maps": for someone signed in, the maps of each organisation they belong to —
// maps its people own that belong to it (opened as facilitator, no link) or are public anyway, and
// maps published under it. A colleague's private map not given to the organisation is not listed.
import { stackmap, type Organisation, type User } from '../context.js';
import { audit, userLabel } from './org-audit.js';

export interface OrgMapRow {
	readonly id: string;
	readonly title: string;
	readonly updatedAt: number;
	/** Who owns it (name or email), or null for a map published under the organisation with no known owner here. */
	readonly owner: string | null;
	/** Where to open it: the live map (as facilitator) or its catalogue page. */
	readonly href: string;
	readonly how: 'belongs to the organisation' | 'published' | 'unlisted';
}

/** The maps of organisation `org` as its members see them, most recently changed first. */
export async function organisationMapRows(org: Organisation): Promise<OrgMapRow[]> {
	const { auth, catalogue } = stackmap();
	const people = await auth.people.people(org.id, await auth.domainsOf(org.id));
	const names = new Map(people.map((p) => [p.userId, p.name || p.email || `#${p.userId}`]));
	const rows: OrgMapRow[] = [];
	for (const m of await auth.mapsOfUsers([...names.keys()])) {
		const base = { id: m.id, title: m.title || 'Untitled map', updatedAt: m.updatedAt, owner: names.get(m.ownerId) ?? null };
		if (m.orgId === org.id) rows.push({ ...base, href: `/maps/${m.id}`, how: 'belongs to the organisation' });
		else if (m.visibility === 'published' || m.visibility === 'unlisted') rows.push({ ...base, href: `/catalogue/maps/${m.id}`, how: m.visibility });
	}
	const listed = new Set(rows.map((r) => r.id));
	for (const e of await catalogue.organisationMaps(org.slug)) {
		if (!listed.has(e.id)) rows.push({ id: e.id, title: e.title || 'Untitled map', updatedAt: e.updatedAt, owner: null, href: `/catalogue/maps/${e.id}`, how: 'published' });
	}
	return rows.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
}

/**
 * Say that `user`'s map `mapId` belongs to organisation `orgId` (null: to none), so its members
 * open it as facilitators with no link. Logged in both organisations' audit logs.
 * Members of the organisation it leaves who are connected by their session are closed at once.
 * Returns false when the user does not own the map or has no role in the organisation.
 */
export async function setMapOrganisation(user: User, mapId: string, orgId: number | null): Promise<boolean> {
	const { auth, catalogue, workshops } = stackmap();
	if (!(await auth.owns(mapId, user.id))) return false;
	if (orgId !== null && !(await auth.rolesOf(user)).has(orgId)) return false;
	const before = await auth.mapOrg(mapId);
	if (before === orgId) return true;
	await auth.setMapOrg(mapId, user.id, orgId);
	const title = (await auth.mapsOf(user.id)).find((m) => m.id === mapId)?.title ?? '';
	if (before !== null && catalogue.orgs.get(before)) await audit(before, userLabel(user), 'map no longer open to members', `${title} (${mapId})`);
	if (orgId !== null) await audit(orgId, userLabel(user), 'map opened to members', `${title} (${mapId})`);
	if (before !== null) {
		// Colleagues who joined the live map by their session lose it now, not at their next connection.
		const lost: Uint8Array[] = [];
		for (const p of await auth.people.people(before, await auth.domainsOf(before))) {
			if (p.userId !== user.id && !(await auth.facilitates(mapId, await auth.userById(p.userId)))) lost.push(auth.joinHashOf(p.userId));
		}
		await workshops.revokeJoins(mapId, lost);
	}
	return true;
}
