// An organisation's API tokens as its admin manages them: shared by its manage page and the JSON
// API. Throws SvelteKit errors (403 without the admin key or an admin token).
import { error } from '@sveltejs/kit';
import { audit } from './org-audit.js';
import { stackmap, type Organisation, type OrgActor, type OrgToken, type TokenScope } from '../context.js';

/** The organisation `slug` and who `key` is, when it may manage it (admin key or an admin token). */
export function requireOrgAdmin(slug: string, key: string | null, message = 'This needs the organisation’s admin key or an admin token'): { org: Organisation; actor: OrgActor } {
	const orgs = stackmap().catalogue.orgs;
	const org = orgs.bySlug(slug);
	if (!org) error(404, 'Organisation not found');
	const actor = orgs.allows(org.id, key, 'admin');
	if (!actor) error(403, message);
	return { org, actor };
}

/** A token's listing as the API and the manage page show it: never the token itself. */
export function tokenView(t: OrgToken) {
	return { id: t.id, name: t.name, scope: t.scope, createdAt: new Date(t.createdAt).toISOString(), lastUsedAt: t.lastUsedAt === null ? null : new Date(t.lastUsedAt).toISOString() };
}

/** Create a token for `slug` (needs admin rights); the returned `token` is shown once. */
export function createToken(slug: string, key: string | null, name: unknown, scope: unknown): { token: string; info: ReturnType<typeof tokenView> } {
	const { org, actor } = requireOrgAdmin(slug, key);
	if (scope !== 'publish' && scope !== 'admin') error(400, 'The scope must be publish or admin.');
	const label = typeof name === 'string' ? name.trim() : '';
	if (!label || label.length > 100) error(400, 'Give the token a name (up to 100 characters), such as the script that uses it.');
	const made = stackmap().catalogue.orgs.tokens.create(org.id, label, scope satisfies TokenScope);
	audit(org.id, actor.label, 'token created', `${label} (${scope})`);
	return { token: made.token, info: tokenView(made.info) };
}

/** Revoke token `id` of `slug` (needs admin rights): it stops working at once. */
export function revokeToken(slug: string, key: string | null, id: unknown): ReturnType<typeof tokenView> {
	const { org, actor } = requireOrgAdmin(slug, key);
	const n = Number(id);
	const gone = Number.isSafeInteger(n) ? stackmap().catalogue.orgs.tokens.revoke(org.id, n) : undefined;
	if (!gone) error(404, 'No such token');
	audit(org.id, actor.label, 'token revoked', `${gone.name} (${gone.scope})`);
	return tokenView(gone);
}
