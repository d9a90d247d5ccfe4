// Sign-in settings from the environment (docs/accounts.md). No provider configured: sign-in is off
// and the app works by links alone, as before.

/** One OpenID Connect provider the app may send people to. */
export interface ProviderConfig {
	/** Short id used in URLs (`/auth/signin?provider=<id>`): letters, digits, `-` and `_`. */
	id: string;
	/** What the sign-in button says ("Microsoft", "Google"). */
	name: string;
	issuer: string;
	clientId: string;
	/** Empty for a public client (PKCE only, no client authentication). */
	clientSecret: string;
}

export interface AuthConfig {
	providers: ProviderConfig[];
	/** A session unused this long is over, ms. */
	idleMs: number;
	/** A session is over this long after sign-in whatever its use, ms. */
	maxMs: number;
}

const ID = /^[A-Za-z0-9_-]{1,32}$/;

function seconds(value: string | undefined, fallback: number): number {
	const n = value === undefined || value === '' ? NaN : Number(value);
	return (Number.isInteger(n) && n > 0 ? n : fallback) * 1000;
}

function provider(raw: unknown, where: string): ProviderConfig {
	const p = (raw ?? {}) as Record<string, unknown>;
	const text = (k: string) => (typeof p[k] === 'string' ? (p[k] as string).trim() : '');
	const out = { id: text('id'), name: text('name') || text('id'), issuer: text('issuer'), clientId: text('clientId'), clientSecret: text('clientSecret') };
	if (!ID.test(out.id)) throw new Error(`${where}: id must be 1–32 letters, digits, - or _`);
	let url: URL;
	try {
		url = new URL(out.issuer);
	} catch {
		throw new Error(`${where}: issuer must be a URL`);
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
		throw new Error(`${where}: issuer must be https (http only on localhost)`);
	}
	if (!out.clientId) throw new Error(`${where}: clientId is required`);
	return out;
}

/** Hosts where a plain-http issuer is allowed (a provider run on the same machine, as in tests). */
export const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Read `STACKMAP_OIDC_PROVIDERS` (a JSON array of providers) or, for one provider,
 * `STACKMAP_OIDC_ISSUER`, `STACKMAP_OIDC_CLIENT_ID`, `STACKMAP_OIDC_CLIENT_SECRET` (and
 * `STACKMAP_OIDC_NAME`). Throws on a malformed setting, so a typo stops the server at start.
 */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
	const providers: ProviderConfig[] = [];
	if (env.STACKMAP_OIDC_PROVIDERS?.trim()) {
		let list: unknown;
		try {
			list = JSON.parse(env.STACKMAP_OIDC_PROVIDERS);
		} catch {
			throw new Error('STACKMAP_OIDC_PROVIDERS must be a JSON array');
		}
		if (!Array.isArray(list)) throw new Error('STACKMAP_OIDC_PROVIDERS must be a JSON array');
		list.forEach((p, i) => providers.push(provider(p, `STACKMAP_OIDC_PROVIDERS[${i}]`)));
	}
	if (env.STACKMAP_OIDC_ISSUER?.trim()) {
		providers.push(
			provider(
				{ id: 'oidc', name: env.STACKMAP_OIDC_NAME || 'single sign-on', issuer: env.STACKMAP_OIDC_ISSUER, clientId: env.STACKMAP_OIDC_CLIENT_ID, clientSecret: env.STACKMAP_OIDC_CLIENT_SECRET },
				'STACKMAP_OIDC_ISSUER'
			)
		);
	}
	if (new Set(providers.map((p) => p.id)).size !== providers.length) throw new Error('STACKMAP_OIDC_PROVIDERS: two providers have the same id');
	return {
		providers,
		idleMs: seconds(env.STACKMAP_SESSION_IDLE_SECONDS, 8 * 3600),
		maxMs: seconds(env.STACKMAP_SESSION_MAX_SECONDS, 7 * 24 * 3600)
	};
}
