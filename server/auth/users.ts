// People who signed in, one row per (issuer, subject): the provider's stable id for them, never
// their email, which can change or be reused.
import type { Sql } from '../db/sql.js';

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
	constructor(private readonly sql: Sql) {}

	/** The user for these claims, created on first sign-in; email and name follow the provider's latest. */
	async upsert(claims: Claims, now = Date.now()): Promise<User> {
		const row = await this.sql.get<UserRow>(
			`INSERT INTO users (issuer, subject, email, email_verified, name, created_at, signed_in_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (issuer, subject) DO UPDATE SET email = excluded.email, email_verified = excluded.email_verified, name = excluded.name, signed_in_at = excluded.signed_in_at
			RETURNING id, issuer, subject, email, email_verified, name`,
			[claims.issuer, claims.subject, claims.email, claims.emailVerified, claims.name, now, now]
		);
		return toUser(row!);
	}

	/** The user with this id, or null. */
	async get(id: number): Promise<User | null> {
		const row = await this.sql.get<UserRow>('SELECT id, issuer, subject, email, email_verified, name FROM users WHERE id = ?', [id]);
		return row ? toUser(row) : null;
	}
}
