// Signed-in sessions: a random token in an HttpOnly cookie, its SHA-256 in SQLite. A session ends
// when unused for `idleMs`, `maxMs` after sign-in, at sign-out, or when its user signs out everywhere.
import type Database from 'better-sqlite3';
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
		private readonly db: Database.Database,
		private readonly options: SessionOptions
	) {
		this.now = options.now ?? Date.now;
	}

	/** A new session for the user; the token goes in the cookie and is never stored. */
	create(userId: number): string {
		const token = newToken();
		const now = this.now();
		this.db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, seen_at) VALUES (?, ?, ?, ?)').run(tokenHash(token), userId, now, now);
		return token;
	}

	/** The user of a live session, or null (unknown, malformed or expired: an expired one is deleted). */
	user(token: string | null | undefined): User | null {
		const hash = tokenHash(token);
		if (!hash) return null;
		const row = this.db
			.prepare(
				`SELECT s.created_at, s.seen_at, u.id, u.issuer, u.subject, u.email, u.email_verified, u.name
				FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`
			)
			.get(hash) as (Parameters<typeof toUser>[0] & { created_at: number; seen_at: number }) | undefined;
		if (!row) return null;
		const now = this.now();
		if (now - row.seen_at > this.options.idleMs || now - row.created_at > this.options.maxMs) {
			this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash);
			return null;
		}
		// Written at most every quarter of the idle time (and a minute): reads stay reads.
		if (now - row.seen_at > Math.min(60_000, this.options.idleMs / 4)) this.db.prepare('UPDATE sessions SET seen_at = ? WHERE token_hash = ?').run(now, hash);
		return toUser(row);
	}

	/** End one session. */
	end(token: string | null | undefined): void {
		const hash = tokenHash(token);
		if (hash) this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash);
	}

	/** End every session of a user (sign out everywhere). Returns how many ended. */
	endAll(userId: number): number {
		return this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
	}

	/** Forget sessions past their idle or absolute expiry. */
	sweep(): number {
		const now = this.now();
		return this.db.prepare('DELETE FROM sessions WHERE seen_at < ? OR created_at < ?').run(now - this.options.idleMs, now - this.options.maxMs).changes;
	}
}
