// A real OpenID Connect provider for sign-in tests: oidc-provider in this process on a random
// loopback port, with two council users, an invitee and an unverified claimant, and its
// development login page; and a small HTTP client that signs in through it the way a browser
// would (cookies, redirects, the login form).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** The provider's accounts: `login` is what is typed on its login page (any password). */
export const ACCOUNTS = {
	ana: { email: 'ana@kestrelford.gov.uk', email_verified: true, name: 'Ana Kestrel' },
	ben: { email: 'ben@calderbrook.gov.uk', email_verified: true, name: 'Ben Calder' },
	/** A colleague whose email is in no council's domain: joins an organisation only by invitation. */
	cai: { email: 'cai@shared-digital.org.uk', email_verified: true, name: 'Cai Shared' },
	/** Claims Cai's email, but the provider has not verified it. */
	dee: { email: 'cai@shared-digital.org.uk', email_verified: false, name: 'Dee Unverified' },
	/** As Microsoft Entra ID signs people in: no email_verified, its optional xms_edov claim instead. */
	eve: { email: 'eve@wessmoor.gov.uk', xms_edov: true, name: 'Eve Wessmoor' }
} as const;
export type Login = keyof typeof ACCOUNTS;

export interface TestIssuer {
	readonly issuer: string;
	readonly clientId: string;
	readonly clientSecret: string;
	/** The app's settings for this provider (STACKMAP_OIDC_*). */
	readonly env: Record<string, string>;
	/** Register the apps' callback URLs and start answering (an app's port is known only after it starts). */
	start(...redirectUris: string[]): void;
	close(): Promise<void>;
}

export async function startIssuer(): Promise<TestIssuer> {
	const server: Server = createServer();
	let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
	server.on('request', (req, res) => {
		if (handler) return handler(req, res);
		res.statusCode = 503;
		res.end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const clientId = 'stackmap-test';
	const clientSecret = 'a-test-client-secret-of-enough-length-0123456789';
	return {
		issuer,
		clientId,
		clientSecret,
		env: { STACKMAP_OIDC_ISSUER: issuer, STACKMAP_OIDC_CLIENT_ID: clientId, STACKMAP_OIDC_CLIENT_SECRET: clientSecret, STACKMAP_OIDC_NAME: 'Test ID' },
		start(...redirectUris) {
			const provider = new Provider(issuer, {
				clients: [
					{
						client_id: clientId,
						client_secret: clientSecret,
						redirect_uris: redirectUris,
						grant_types: ['authorization_code'],
						response_types: ['code'],
						token_endpoint_auth_method: 'client_secret_post'
					}
				],
				pkce: { required: () => true },
				ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
				features: { devInteractions: { enabled: true } },
				claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
				cookies: { keys: ['test-cookie-signing-key'] },
				async findAccount(_ctx: unknown, id: string) {
					const account = ACCOUNTS[id as Login];
					return account ? { accountId: id, claims: async () => ({ sub: id, ...account }) } : undefined;
				},
				// A first-party client: no consent screen, as a council's own directory would be set up.
				async loadExistingGrant(ctx: GrantContext) {
					const { oidc } = ctx;
					const existing = oidc.session.grantIdFor(oidc.client.clientId);
					if (existing) return oidc.provider.Grant.find(existing);
					const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
					grant.addOIDCScope('openid email profile');
					await grant.save();
					return grant;
				}
			});
			handler = provider.callback();
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

interface GrantContext {
	oidc: {
		client: { clientId: string };
		session: { accountId: string; grantIdFor(clientId: string): string | undefined };
		provider: {
			Grant: { new (init: { clientId: string; accountId: string }): { addOIDCScope(scope: string): void; save(): Promise<string> }; find(id: string): Promise<unknown> };
		};
	};
}

/** Cookies by name, as a browser keeps them for one host (paths ignored: every test cookie name is distinct). */
export class CookieJar {
	readonly cookies = new Map<string, string>();

	take(res: Response): void {
		for (const line of res.headers.getSetCookie()) {
			const [pair, ...attrs] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const gone = !value || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()));
			if (gone) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	header(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}
}

/** One request with this jar's cookies, not following redirects. */
export async function request(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	if (jar.cookies.size) headers.set('cookie', jar.header());
	const res = await fetch(url, { ...init, headers, redirect: 'manual' });
	jar.take(res);
	return res;
}

/** Start a sign-in at the app: the provider URL it sends the browser to (the jar gets the flow cookie). */
export async function startSignIn(app: string, jar: CookieJar, returnTo = '/my/maps', provider?: string): Promise<URL> {
	const res = await request(jar, `${app}/auth/signin?returnTo=${encodeURIComponent(returnTo)}${provider ? `&provider=${provider}` : ''}`);
	if (res.status !== 302) throw new Error(`/auth/signin → ${res.status} ${await res.text()}`);
	return new URL(res.headers.get('location')!);
}

/**
 * Log in at the provider as `login` (its real login form) and follow it back to the app's callback
 * URL, which is returned without being requested. The provider's cookies live in their own jar.
 */
export async function loginAtProvider(authUrl: URL, login: Login, providerJar = new CookieJar()): Promise<URL> {
	let url = authUrl.href;
	for (let step = 0; step < 10; step++) {
		const res = await request(providerJar, url);
		const location = res.headers.get('location');
		if (location) {
			const next = new URL(location, url);
			if (next.origin !== authUrl.origin) return next;
			url = next.href;
			continue;
		}
		const html = await res.text();
		if (res.status !== 200 || !html.includes('name="login"')) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
		const action = new URL(/<form[^>]*action="([^"]+)"/.exec(html)![1], url);
		const posted = await request(providerJar, action.href, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString()
		});
		url = new URL(posted.headers.get('location')!, action).href;
	}
	throw new Error('too many redirects at the provider');
}

/** Sign in as `login` over HTTP; the jar ends up with the session cookie. Returns the callback's answer. */
export async function signIn(app: string, login: Login, jar = new CookieJar(), returnTo = '/my/maps', provider?: string): Promise<Response> {
	const callback = await loginAtProvider(await startSignIn(app, jar, returnTo, provider), login);
	return request(jar, callback.href);
}
