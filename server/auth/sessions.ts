// Signed-in sessions: a random token in an HttpOnly cookie, its SHA-256 in the database. A session
// ends when unused for `idleMs`, `maxMs` after sign-in, at sign-out, or when its user signs out everywhere.
import type { Sql } from '../db/sql.js';
import { newToken, tokenHash } from './tokens.js';
import { toUser, type User } from './users.js';

export interface SessionOptions {
	idleMs: number;
	maxMs: number;
	/** The clock, ms (tests move it). */
	now?: () => number;
}

export class Sessions {
	private readonly now: () => number;

	constructor(
		private readonly sql: Sql,
		private readonly options: SessionOptions
	) {
		this.now = options.now ?? Date.now;
	}

	/** A new session for the user; the token goes in the cookie and is never stored. */
	async create(userId: number): Promise<string> {
		const token = newToken();
		const now = this.now();
		await this.sql.run('INSERT INTO sessions (token_hash, user_id, created_at, seen_at) VALUES (?, ?, ?, ?)', [tokenHash(token), userId, now, now]);
		return token;
	}

	/** The user of a live session, or null (unknown, malformed or expired: an expired one is deleted). */
	async user(token: string | null | undefined): Promise<User | null> {
		const hash = tokenHash(token);
		if (!hash) return null;
		const row = await this.sql.get<Parameters<typeof toUser>[0] & { created_at: number; seen_at: number }>(
			`SELECT s.created_at, s.seen_at, u.id, u.issuer, u.subject, u.email, u.email_verified, u.name
			FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
			[hash]
		);
		if (!row) return null;
		const now = this.now();
		if (now - row.seen_at > this.options.idleMs || now - row.created_at > this.options.maxMs) {
			await this.sql.run('DELETE FROM sessions WHERE token_hash = ?', [hash]);
			return null;
		}
		// Written at most every quarter of the idle time (and a minute): reads stay reads.
		if (now - row.seen_at > Math.min(60_000, this.options.idleMs / 4)) await this.sql.run('UPDATE sessions SET seen_at = ? WHERE token_hash = ?', [now, hash]);
		return toUser(row);
	}

	/** End one session. */
	async end(token: string | null | undefined): Promise<void> {
		const hash = tokenHash(token);
		if (hash) await this.sql.run('DELETE FROM sessions WHERE token_hash = ?', [hash]);
	}

	/** End every session of a user (sign out everywhere). Returns how many ended. */
	async endAll(userId: number): Promise<number> {
		return (await this.sql.run('DELETE FROM sessions WHERE user_id = ?', [userId])).changes;
	}

	/** Forget sessions past their idle or absolute expiry. */
	async sweep(): Promise<number> {
		const now = this.now();
		return (await this.sql.run('DELETE FROM sessions WHERE seen_at < ? OR created_at < ?', [now - this.options.idleMs, now - this.options.maxMs])).changes;
	}
}
