// Accounts: optional OpenID Connect sign-in, sessions, who owns which map, and who has which role
// in an organisation. The one object the rest of the server and SvelteKit's glue use (as
// `app.auth`). With no provider it signs no one in, so no one has a role.
import { createHash } from 'node:crypto';
import type { Sql } from '../db/sql.js';
import type { AuthConfig } from './config.js';
import { normaliseDomain, OrganisationDomains } from './domains.js';
import { FLOW_MS, Flows } from './flows.js';
import { OidcProvider } from './oidc.js';
import { Owners, type MemberMap, type OwnedMap } from './owners.js';
import { OrgPeople, type OrgRole } from './people.js';
import { safeReturnTo } from './return-to.js';
import { Sessions } from './sessions.js';
import { Users, type User } from './users.js';

export type { AuthConfig, ProviderConfig } from './config.js';
export type { MemberMap, OwnedMap } from './owners.js';
export type { OrgInvite, OrgPerson, OrgRole } from './people.js';
export { RoleError } from './people.js';
export type { User } from './users.js';
export { loadAuthConfig } from './config.js';

/** The cookies of sign-in (HttpOnly, SameSite=Lax; Secure over https). */
export const SESSION_COOKIE = 'stackmap_session';
export const FLOW_COOKIE = 'stackmap_signin';

export type SignInResult =
	/** `accepted`: the invitations to the user's verified email taken up by this sign-in. */
	| { ok: true; user: User; session: string; returnTo: string; accepted: { orgId: number; role: OrgRole }[] }
	/** `reason` is for the log (kinds only, never tokens); the page says only that sign-in failed. */
	| { ok: false; reason: string };

export interface Auth {
	/** Sign-in is configured (at least one provider). */
	readonly enabled: boolean;
	/** The providers to offer, in order. */
	readonly providers: readonly { id: string; name: string }[];
	/** Seconds the session cookie may live (the absolute expiry); the server also ends idle sessions. */
	readonly sessionSeconds: number;
	/** Seconds the sign-in flow cookie may live. */
	readonly flowSeconds: number;
	/** The names of the session and the sign-in flow cookies. */
	readonly cookies: { readonly session: string; readonly flow: string };
	/** Start a sign-in: the provider's URL to send the browser to, and the token for the flow cookie. Null for an unknown provider. */
	begin(providerId: string, redirectUri: string, returnTo: string | null): Promise<{ url: string; flow: string } | null>;
	/** Finish a sign-in from the callback URL and the flow cookie; a new session each time (the previous one, if any, ends). */
	finish(flow: string | undefined, callback: URL, previousSession?: string): Promise<SignInResult>;
	/** The user of a live session token, or null. */
	user(session: string | null | undefined): Promise<User | null>;
	/** End this session, or with `everywhere` every session of its user. */
	signOut(session: string | null | undefined, everywhere: boolean): Promise<void>;
	/** Record that a signed-in user created the map. */
	claim(mapId: string, userId: number): Promise<void>;
	owns(mapId: string, userId: number): Promise<boolean>;
	mapsOf(userId: number): Promise<OwnedMap[]>;
	/** The user may open the map as facilitator without a link: they own it, or it belongs to an organisation they have a role in. */
	facilitates(mapId: string, user: User | null): Promise<boolean>;
	/** Say which organisation a map belongs to (null for none); the caller checked ownership and membership. */
	setMapOrg(mapId: string, userId: number, orgId: number | null): Promise<void>;
	mapOrg(mapId: string): Promise<number | null>;
	/** Ids of the maps given to an organisation by their owners. */
	mapsGivenTo(orgId: number): Promise<string[]>;
	/** Maps owned by any of these users. */
	mapsOfUsers(userIds: readonly number[]): Promise<MemberMap[]>;
	/**
	 * Email domains typed for a new organisation (comma or space separated), normalised; `bad`
	 * holds what is not a domain.
	 */
	parseDomains(text: string): { domains: string[]; bad: string[] };
	/** Why this user may not claim these domains for a new organisation, or null (see OrganisationDomains). */
	domainProblem(domains: string[], user: User | null, orgName: (id: number) => string): Promise<string | null>;
	/** False, and none claimed, when another organisation claimed one of them since domainProblem() said null. */
	claimDomains(orgId: number, domains: string[], userId: number): Promise<boolean>;
	domainsOf(orgId: number): Promise<string[]>;
	/** Organisations whose domains were claimed by a verified email: "verified" in the catalogue. */
	verifiedOrganisations(): Promise<Set<number>>;
	/** The organisation a user is a member of by verified email domain, or null. */
	memberOf(user: User | null): Promise<number | null>;
	/** Every organisation a user has a role in (by domain, role or taken-up invitation), and the role. */
	rolesOf(user: User | null): Promise<Map<number, OrgRole>>;
	/** Explicit roles and invitations (see OrgPeople); the callers check who may change them. */
	readonly people: OrgPeople;
	userById(id: number): Promise<User | null>;
	/** What a user's websocket joined a map by their session is known by (see ownerJoin), to close it when they lose access. */
	joinHashOf(userId: number): Uint8Array;
	/** The facilitator role if the session in a Cookie header is of someone who facilitates() the map (the websocket upgrade). */
	ownerJoin(mapId: string, cookieHeader: string | undefined): Promise<{ userId: number; joinHash: Uint8Array } | null>;
	/** Stop the hourly sweep of expired sessions. */
	close(): void;
}

function joinHashOf(userId: number): Uint8Array {
	return new Uint8Array(createHash('sha256').update(`owner:${userId}`).digest());
}

/** One cookie's value from a Cookie header. */
function cookieValue(header: string | undefined, name: string): string | null {
	for (const part of (header ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
	}
	return null;
}

export interface AuthOptions {
	/** The clock, ms (tests move it). */
	now?: () => number;
	/** Where a failure of the background sweep goes (it is never thrown). */
	onError?: (err: unknown) => void;
}

/** Accounts on `sql`, its schema prepared (SQLite's steps, or PostgreSQL's migrations). */
export function createAuth(sql: Sql, config: AuthConfig, options: AuthOptions = {}): Auth {
	const now = options.now ?? Date.now;
	const onError = options.onError ?? ((err: unknown) => console.error('session sweep failed', err));
	const sessionOptions = { idleMs: config.idleMs, maxMs: config.maxMs, now };
	const users = new Users(sql);
	const sessions = new Sessions(sql, sessionOptions);
	const flows = new Flows(sql, now);
	const owners = new Owners(sql);
	const domains = new OrganisationDomains(sql);
	const people = new OrgPeople(sql);
	const providers = new Map(config.providers.map((p) => [p.id, new OidcProvider(p)]));
	const rolesOf = async (user: User | null) => people.rolesOf(user, await domains.memberOf(user));
	const facilitates = async (mapId: string, user: User | null): Promise<boolean> => {
		if (!user || providers.size === 0) return false;
		if (await owners.owns(mapId, user.id)) return true;
		const orgId = await owners.orgOf(mapId);
		return orgId !== null && (await rolesOf(user)).has(orgId);
	};
	const sweep = setInterval(() => void sessions.sweep().catch(onError), 3600_000);
	sweep.unref();

	return {
		enabled: providers.size > 0,
		providers: config.providers.map(({ id, name }) => ({ id, name })),
		sessionSeconds: Math.floor(config.maxMs / 1000),
		flowSeconds: Math.floor(FLOW_MS / 1000),
		cookies: { session: SESSION_COOKIE, flow: FLOW_COOKIE },
		async begin(providerId, redirectUri, returnTo) {
			const provider = providers.get(providerId);
			if (!provider) return null;
			const request = await provider.authorize(redirectUri);
			const flow = await flows.start({ provider: providerId, state: request.state, nonce: request.nonce, verifier: request.verifier, redirectUri, returnTo: safeReturnTo(returnTo) });
			return { url: request.url, flow };
		},
		async finish(flowToken, callback, previousSession) {
			const flow = await flows.take(flowToken);
			if (!flow) return { ok: false, reason: 'no sign-in under way in this browser (or it was already used or expired)' };
			const provider = providers.get(flow.provider);
			if (!provider) return { ok: false, reason: 'provider no longer configured' };
			// Checked here as well as by openid-client, so a mismatch never reaches the provider.
			if (callback.searchParams.get('state') !== flow.state) return { ok: false, reason: 'state mismatch' };
			if (callback.searchParams.has('error')) return { ok: false, reason: `provider error ${callback.searchParams.get('error')?.slice(0, 64)}` };
			let claims;
			try {
				claims = await provider.redeem(callback, flow);
			} catch (err) {
				return { ok: false, reason: `code redemption refused: ${(err as { code?: string }).code ?? (err as Error).name}` };
			}
			// The user, their invitations and the new session together, or none of them.
			const done = await sql.tx(async (t) => {
				const user = await new Users(t).upsert(claims, now());
				const inTx = new Sessions(t, sessionOptions);
				await inTx.end(previousSession);
				const accepted = await new OrgPeople(t).accept(user, now());
				return { user, accepted, session: await inTx.create(user.id) };
			});
			return { ok: true, ...done, returnTo: flow.returnTo };
		},
		user: (session) => sessions.user(session),
		async signOut(session, everywhere) {
			const user = everywhere ? await sessions.user(session) : null;
			if (user) await sessions.endAll(user.id);
			else await sessions.end(session);
		},
		claim: (mapId, userId) => owners.claim(mapId, userId, now()),
		owns: (mapId, userId) => owners.owns(mapId, userId),
		mapsOf: (userId) => owners.mapsOf(userId),
		facilitates,
		setMapOrg: (mapId, userId, orgId) => owners.setOrg(mapId, userId, orgId),
		mapOrg: (mapId) => owners.orgOf(mapId),
		mapsGivenTo: (orgId) => owners.givenTo(orgId),
		mapsOfUsers: (userIds) => owners.mapsOfUsers(userIds),
		parseDomains(text) {
			const parts = text.split(/[\s,;]+/).filter(Boolean);
			const out = { domains: [] as string[], bad: [] as string[] };
			for (const p of parts) {
				const d = normaliseDomain(p);
				if (!d) out.bad.push(p.slice(0, 100));
				else if (!out.domains.includes(d)) out.domains.push(d);
			}
			return out;
		},
		domainProblem: (list, user, orgName) => domains.problem(list, user, orgName),
		claimDomains: (orgId, list, userId) => domains.claim(orgId, list, userId, now()),
		domainsOf: (orgId) => domains.of(orgId),
		verifiedOrganisations: () => domains.verified(),
		memberOf: (user) => domains.memberOf(user),
		rolesOf,
		people,
		userById: (id) => users.get(id),
		async ownerJoin(mapId, cookieHeader) {
			if (providers.size === 0) return null;
			const user = await sessions.user(cookieValue(cookieHeader, SESSION_COOKIE));
			if (!user || !(await facilitates(mapId, user))) return null;
			// Stands in for a link key's hash on the connection: the same user is the same person,
			// and closing keyless (public) sockets or rotated links leaves it alone.
			return { userId: user.id, joinHash: joinHashOf(user.id) };
		},
		joinHashOf,
		close: () => clearInterval(sweep)
	};
}
