// Sign-ins under way: state, nonce and PKCE verifier kept server-side under the hash of a random
// token that only the browser which started the flow holds (an HttpOnly cookie). Taking a flow
// deletes it, so a callback is answered once (by one instance, however many share the database).
import type { Sql } from '../db/sql.js';
import { newToken, tokenHash } from './tokens.js';

/** How long someone has at their provider before the sign-in must start again, ms. */
export const FLOW_MS = 10 * 60_000;

export interface Flow {
	provider: string;
	state: string;
	nonce: string;
	verifier: string;
	redirectUri: string;
	returnTo: string;
}

export class Flows {
	constructor(
		private readonly sql: Sql,
		private readonly now: () => number = Date.now
	) {}

	/** Keep a new flow; returns the token for the browser's cookie. */
	async start(flow: Flow): Promise<string> {
		const token = newToken();
		const now = this.now();
		await this.sql.run('DELETE FROM auth_flows WHERE created_at < ?', [now - FLOW_MS]);
		await this.sql.run(
			'INSERT INTO auth_flows (flow_hash, provider, state, nonce, verifier, redirect_uri, return_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
			[tokenHash(token), flow.provider, flow.state, flow.nonce, flow.verifier, flow.redirectUri, flow.returnTo, now]
		);
		return token;
	}

	/** The flow of this token, removed; null when unknown, already taken or too old. */
	async take(token: string | null | undefined): Promise<Flow | null> {
		const hash = tokenHash(token);
		if (!hash) return null;
		const row = await this.sql.get<{ provider: string; state: string; nonce: string; verifier: string; redirect_uri: string; return_to: string; created_at: number }>(
			'DELETE FROM auth_flows WHERE flow_hash = ? RETURNING provider, state, nonce, verifier, redirect_uri, return_to, created_at',
			[hash]
		);
		if (!row || this.now() - row.created_at > FLOW_MS) return null;
		return { provider: row.provider, state: row.state, nonce: row.nonce, verifier: row.verifier, redirectUri: row.redirect_uri, returnTo: row.return_to };
	}
}
