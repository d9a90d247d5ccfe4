// The OpenID Connect relying party: authorization code with PKCE (S256), state and nonce, through
// openid-client. Provider metadata is discovered on first use and kept; a failed discovery is retried.
import * as client from 'openid-client';
import { LOOPBACK, type ProviderConfig } from './config.js';
import type { Claims } from './users.js';

export interface AuthorizationRequest {
	url: string;
	state: string;
	nonce: string;
	verifier: string;
}

export interface Expected {
	state: string;
	nonce: string;
	verifier: string;
	redirectUri: string;
}

export class OidcProvider {
	private config: Promise<client.Configuration> | null = null;

	constructor(readonly settings: ProviderConfig) {}

	private configuration(): Promise<client.Configuration> {
		if (!this.config) {
			const { issuer, clientId, clientSecret } = this.settings;
			const url = new URL(issuer);
			// Plain http only for a provider on this machine (config.ts refuses it anywhere else).
			const options = url.protocol === 'http:' && LOOPBACK.has(url.hostname) ? { execute: [client.allowInsecureRequests] } : undefined;
			this.config = client.discovery(url, clientId, clientSecret || undefined, clientSecret ? undefined : client.None(), options);
			this.config.catch(() => (this.config = null));
		}
		return this.config;
	}

	/** A fresh authorization request: where to send the browser, and what to expect back. */
	async authorize(redirectUri: string): Promise<AuthorizationRequest> {
		const config = await this.configuration();
		const verifier = client.randomPKCECodeVerifier();
		const state = client.randomState();
		const nonce = client.randomNonce();
		const url = client.buildAuthorizationUrl(config, {
			redirect_uri: redirectUri,
			scope: 'openid email profile',
			response_type: 'code',
			code_challenge: await client.calculatePKCECodeChallenge(verifier),
			code_challenge_method: 'S256',
			state,
			nonce
		});
		return { url: url.href, state, nonce, verifier };
	}

	/**
	 * Redeem the code of a callback URL, checking state, nonce and the ID token (issuer, audience,
	 * signature, expiry); throws on any mismatch or an error from the provider.
	 */
	async redeem(callback: URL, expected: Expected): Promise<Claims> {
		const config = await this.configuration();
		// openid-client sends the callback URL without its query as redirect_uri: it must be the one
		// the flow asked for, whatever host or scheme this request arrived under.
		const current = new URL(expected.redirectUri);
		current.search = callback.search;
		const tokens = await client.authorizationCodeGrant(config, current, {
			pkceCodeVerifier: expected.verifier,
			expectedState: expected.state,
			expectedNonce: expected.nonce,
			idTokenExpected: true
		});
		const id = tokens.claims();
		if (!id) throw new Error('no ID token');
		let info: Record<string, unknown> = id;
		// Some providers put email and name only in userinfo.
		if ((typeof id.email !== 'string' || typeof id.name !== 'string') && config.serverMetadata().userinfo_endpoint) {
			info = { ...(await client.fetchUserInfo(config, tokens.access_token, id.sub)), ...id };
		}
		const email = typeof info.email === 'string' && info.email.includes('@') ? info.email.trim().toLowerCase() : null;
		const name = [info.name, info.preferred_username, email].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? 'Signed-in user';
		return { issuer: id.iss, subject: id.sub, email, emailVerified: email !== null && emailVouched(info), name: name.trim().slice(0, 200) };
	}
}

/**
 * Whether the provider vouched for the email: `email_verified: true`, or, from a provider that sends
 * no `email_verified` at all (Microsoft Entra ID), its optional claim `xms_edov: true` ("email domain
 * owner verified": the tenant the person signed in through has proven it owns the email's domain).
 */
export function emailVouched(claims: Readonly<Record<string, unknown>>): boolean {
	if ('email_verified' in claims) return claims.email_verified === true;
	return claims.xms_edov === true;
}
