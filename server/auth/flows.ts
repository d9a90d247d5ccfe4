// Sign-ins under way: state, nonce and PKCE verifier kept server-side under the hash of a random
// token that only the browser which started the flow holds (an HttpOnly cookie). Taking a flow
// deletes it, so a callback is answered once.
import type Database from 'better-sqlite3';
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
		private readonly db: Database.Database,
		private readonly now: () => number = Date.now
	) {}

	/** Keep a new flow; returns the token for the browser's cookie. */
	start(flow: Flow): string {
		const token = newToken();
		const now = this.now();
		this.db.prepare('DELETE FROM auth_flows WHERE created_at < ?').run(now - FLOW_MS);
		this.db
			.prepare('INSERT INTO auth_flows (flow_hash, provider, state, nonce, verifier, redirect_uri, return_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
			.run(tokenHash(token), flow.provider, flow.state, flow.nonce, flow.verifier, flow.redirectUri, flow.returnTo, now);
		return token;
	}

	/** The flow of this token, removed; null when unknown, already taken or too old. */
	take(token: string | null | undefined): Flow | null {
		const hash = tokenHash(token);
		if (!hash) return null;
		const row = this.db.prepare('DELETE FROM auth_flows WHERE flow_hash = ? RETURNING *').get(hash) as
			| { provider: string; state: string; nonce: string; verifier: string; redirect_uri: string; return_to: string; created_at: number }
			| undefined;
		if (!row || this.now() - row.created_at > FLOW_MS) return null;
		return { provider: row.provider, state: row.state, nonce: row.nonce, verifier: row.verifier, redirectUri: row.redirect_uri, returnTo: row.return_to };
	}
}
