// An organisation's API tokens as its admin manages them: shared by its manage page and the JSON
// API. Throws SvelteKit errors (403 without the admin key, an admin token or a signed-in admin).
import { error } from '@sveltejs/kit';
import { audit } from './org-audit.js';
import { orgAdmin } from './org-people.js';
import { stackmap, type Organisation, type OrgActor, type OrgToken, type TokenScope } from '../context.js';

/** The organisation `slug` and who `key` (or else the signed-in user) is, when they may manage it (admin key, an admin token, a signed-in admin). */
export async function requireOrgAdmin(slug: string, key: string | null, message = 'This needs the organisation’s admin key or an admin token'): Promise<{ org: Organisation; actor: OrgActor }> {
	const orgs = stackmap().catalogue.orgs;
	const org = orgs.bySlug(slug);
	if (!org) error(404, 'Organisation not found');
	const actor = await orgAdmin(org.id, key);
	if (!actor) error(403, message);
	return { org, actor };
}

/** A token's listing as the API and the manage page show it: never the token itself. */
export function tokenView(t: OrgToken) {
	return { id: t.id, name: t.name, scope: t.scope, createdAt: new Date(t.createdAt).toISOString(), lastUsedAt: t.lastUsedAt === null ? null : new Date(t.lastUsedAt).toISOString() };
}

/** Create a token for `slug` (needs admin rights); the returned `token` is shown once. */
export async function createToken(slug: string, key: string | null, name: unknown, scope: unknown): Promise<{ token: string; info: ReturnType<typeof tokenView> }> {
	const { org, actor } = await requireOrgAdmin(slug, key);
	if (scope !== 'publish' && scope !== 'admin') error(400, 'The scope must be publish or admin.');
	const label = typeof name === 'string' ? name.trim() : '';
	if (!label || label.length > 100) error(400, 'Give the token a name (up to 100 characters), such as the script that uses it.');
	const made = await stackmap().catalogue.orgs.tokens.create(org.id, label, scope satisfies TokenScope);
	await audit(org.id, actor.label, 'token created', `${label} (${scope})`);
	return { token: made.token, info: tokenView(made.info) };
}

/** Revoke token `id` of `slug` (needs admin rights): it stops working at once. */
export async function revokeToken(slug: string, key: string | null, id: unknown): Promise<ReturnType<typeof tokenView>> {
	const { org, actor } = await requireOrgAdmin(slug, key);
	const n = Number(id);
	const gone = Number.isSafeInteger(n) ? await stackmap().catalogue.orgs.tokens.revoke(org.id, n) : undefined;
	if (!gone) error(404, 'No such token');
	await audit(org.id, actor.label, 'token revoked', `${gone.name} (${gone.scope})`);
	return tokenView(gone);
}
