// People who signed in, one row per (issuer, subject): the provider's stable id for them, never
// their email, which can change or be reused.
import type Database from 'better-sqlite3';

export interface User {
	id: number;
	issuer: string;
	subject: string;
	email: string | null;
	/** The provider vouched for the email (`email_verified: true`). */
	emailVerified: boolean;
	name: string;
}

/** What a provider said about someone at sign-in. */
export interface Claims {
	issuer: string;
	subject: string;
	email: string | null;
	emailVerified: boolean;
	name: string;
}

interface UserRow {
	id: number;
	issuer: string;
	subject: string;
	email: string | null;
	email_verified: number;
	name: string;
}

export function toUser(row: UserRow): User {
	return { id: row.id, issuer: row.issuer, subject: row.subject, email: row.email, emailVerified: row.email_verified === 1, name: row.name };
}

export class Users {
	constructor(private readonly db: Database.Database) {}

	/** The user for these claims, created on first sign-in; email and name follow the provider's latest. */
	upsert(claims: Claims, now = Date.now()): User {
		const row = this.db
			.prepare(
				`INSERT INTO users (issuer, subject, email, email_verified, name, created_at, signed_in_at) VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (issuer, subject) DO UPDATE SET email = excluded.email, email_verified = excluded.email_verified, name = excluded.name, signed_in_at = excluded.signed_in_at
				RETURNING id, issuer, subject, email, email_verified, name`
			)
			.get(claims.issuer, claims.subject, claims.email, claims.emailVerified ? 1 : 0, claims.name, now, now) as UserRow;
		return toUser(row);
	}

	/** The user with this id, or null. */
	get(id: number): User | null {
		const row = this.db.prepare('SELECT id, issuer, subject, email, email_verified, name FROM users WHERE id = ?').get(id) as UserRow | undefined;
		return row ? toUser(row) : null;
	}
}
