// Who may act for an organisation (its admin key, a token, or a signed-in admin), and its people as
// its admins manage them: invitations by email, roles, removal. Shared by the manage page and the
// JSON API; throws SvelteKit errors. With sign-in off only keys and tokens count, as before.
import { error } from '@sveltejs/kit';
import { currentUser } from '../auth/session.js';
import { isRoleError, stackmap, type Organisation, type OrgActor, type OrgInvite, type OrgPerson, type OrgRole, type User } from '../context.js';
import { audit, userLabel } from './org-audit.js';

/** The organisations the signed-in user of this request has a role in, and the role (none when signed out). */
export async function myRoles(): Promise<Map<number, OrgRole>> {
	const auth = stackmap().auth;
	return auth.enabled ? auth.rolesOf(currentUser()) : new Map();
}

/** Who `key`, or else the signed-in user of this request, is as an admin of organisation `orgId`; null for neither. */
export async function orgAdmin(orgId: number, key: string | null | undefined): Promise<OrgActor | null> {
	const actor = await stackmap().catalogue.orgs.allows(orgId, key, 'admin');
	if (actor) return actor;
	const user = currentUser();
	return user && (await myRoles()).get(orgId) === 'admin' ? { kind: 'user', userId: user.id, label: userLabel(user) } : null;
}

/** The organisation `slug` and its admin acting, for the people routes: 404 with sign-in off (they do not exist then). */
async function requirePeopleAdmin(slug: string, key: string | null): Promise<{ org: Organisation; actor: OrgActor }> {
	const app = stackmap();
	if (!app.auth.enabled) error(404, 'Not found');
	const org = app.catalogue.orgs.bySlug(slug);
	if (!org) error(404, 'Organisation not found');
	const actor = await orgAdmin(org.id, key);
	if (!actor) error(403, 'Only the organisation’s admins can change who belongs to it');
	return { org, actor };
}

function role(value: unknown): OrgRole {
	if (value !== 'admin' && value !== 'member') error(400, 'The role must be admin or member.');
	return value;
}

/** Run a change of roles; a refusal (the last admin, no such role) becomes its HTTP error. */
async function change<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (err) {
		if (isRoleError(err)) error(err.status, err.message);
		throw err;
	}
}

/** A person as the API and the manage page show them. */
export function personView(p: OrgPerson) {
	return { id: p.userId, email: p.email, name: p.name, role: p.role, byDomain: p.byDomain, addedBy: p.addedBy, addedAt: p.addedAt === null ? null : new Date(p.addedAt).toISOString() };
}

export function inviteView(i: OrgInvite) {
	return { email: i.email, role: i.role, addedBy: i.addedBy, addedAt: new Date(i.addedAt).toISOString() };
}

/** The organisation's people and open invitations (empty with sign-in off). */
export async function peopleOf(org: Organisation) {
	const auth = stackmap().auth;
	if (!auth.enabled) return { people: [], invites: [] };
	const people = await auth.people.people(org.id, await auth.domainsOf(org.id));
	return { people: people.map(personView), invites: (await auth.people.invites(org.id)).map(inviteView) };
}

/** Everyone in `slug` with a role, and its invitations (its admins only). */
export async function listPeople(slug: string, key: string | null) {
	return peopleOf((await requirePeopleAdmin(slug, key)).org);
}

/** Invite `email` to `slug` as `role`: it takes effect when someone signs in with that email, verified. */
export async function invitePerson(slug: string, key: string | null, email: unknown, wanted: unknown) {
	const { org, actor } = await requirePeopleAdmin(slug, key);
	const r = role(wanted);
	const made = await change(() => stackmap().auth.people.invite(org.id, typeof email === 'string' ? email : '', r, actor.label));
	await audit(org.id, actor.label, 'person invited', `${made} as ${r}`);
	return { email: made, role: r };
}

/** Withdraw the invitation of `email` to `slug`. */
export async function withdrawInvite(slug: string, key: string | null, email: unknown) {
	const { org, actor } = await requirePeopleAdmin(slug, key);
	const gone = await stackmap().auth.people.withdraw(org.id, typeof email === 'string' ? email : '');
	if (!gone) error(404, 'There is no invitation for that email');
	await audit(org.id, actor.label, 'invitation withdrawn', gone);
	return { email: gone };
}

/** One of the organisation's people by user id, or 404 (someone with no role there is not shown to its admins). */
async function person(org: Organisation, id: unknown): Promise<User> {
	const auth = stackmap().auth;
	const n = Number(id);
	const user = Number.isSafeInteger(n) ? await auth.userById(n) : null;
	if (!user || !(await auth.rolesOf(user)).has(org.id)) error(404, `That person is not one of ${org.name}’s people`);
	return user;
}

/** Make one of `slug`'s people an admin or a member; the last admin stays one. */
export async function setPersonRole(slug: string, key: string | null, id: unknown, wanted: unknown) {
	const { org, actor } = await requirePeopleAdmin(slug, key);
	const user = await person(org, id);
	const r = role(wanted);
	await change(() => stackmap().auth.people.setRole(org.id, user.id, r, actor.label));
	await audit(org.id, actor.label, r === 'admin' ? 'admin added' : 'admin removed', userLabel(user));
	return { id: user.id, role: r };
}

/**
 * Take away a person's role in `slug` (a member by email domain stays a member); never the last
 * admin. Someone no longer in the organisation at all loses its maps' live connections at once.
 */
export async function removePerson(slug: string, key: string | null, id: unknown) {
	const { org, actor } = await requirePeopleAdmin(slug, key);
	const user = await person(org, id);
	const { auth, workshops } = stackmap();
	const had = await change(() => auth.people.remove(org.id, user.id));
	await audit(org.id, actor.label, had === 'admin' ? 'admin removed' : 'member removed', userLabel(user));
	if (!(await auth.rolesOf(user)).has(org.id)) {
		for (const mapId of await auth.mapsGivenTo(org.id)) if (!(await auth.facilitates(mapId, user))) await workshops.revokeJoins(mapId, [auth.joinHashOf(user.id)]);
	}
	return { id: user.id, removed: had };
}

/** Make the signed-in creator of a new organisation its first admin. */
export async function firstAdmin(orgId: number, user: User | null): Promise<void> {
	const auth = stackmap().auth;
	if (!auth.enabled || !user) return;
	await auth.people.setRole(orgId, user.id, 'admin', userLabel(user));
	await audit(orgId, userLabel(user), 'admin added', `${userLabel(user)} (created the organisation)`);
}
