// Organisation API tokens: named, scoped, revocable stand-ins for the admin key, for scripts and
// CI. Like admin keys and session tokens, a token is shown once and only its SHA-256 is stored.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { hashKey } from '../access.js';

/** `publish`: add maps to the organisation; `admin`: everything its admin key allows (publish too). */
export type TokenScope = 'publish' | 'admin';
export const TOKEN_SCOPES: readonly TokenScope[] = ['publish', 'admin'];

export function isTokenScope(value: unknown): value is TokenScope {
	return value === 'publish' || value === 'admin';
}

/** What a token's owner may see of it: never the token itself. Times in ms since the epoch. */
export interface OrgToken {
	readonly id: number;
	readonly name: string;
	readonly scope: TokenScope;
	readonly createdAt: number;
	readonly lastUsedAt: number | null;
}

interface TokenRow {
	id: number;
	name: string;
	scope: string;
	created_at: number;
	last_used_at: number | null;
}

/** Tokens start with this so a leaked one is recognisable (secret scanners, logs). */
const PREFIX = 'smo_';
const TOKEN = /^smo_[A-Za-z0-9_-]{43}$/;

function toToken(row: TokenRow): OrgToken {
	return { id: row.id, name: row.name, scope: row.scope === 'admin' ? 'admin' : 'publish', createdAt: row.created_at, lastUsedAt: row.last_used_at };
}

/** Check a token's name; returns a message, or null. */
export function tokenNameProblem(name: string): string | null {
	const n = name.trim();
	return n.length < 1 || n.length > 100 ? 'Give the token a name (up to 100 characters), such as the script that uses it.' : null;
}

export class OrgTokens {
	constructor(private readonly db: Database.Database) {}

	/** Create a token for organisation `orgId`; returns it (shown once) and its listing. */
	create(orgId: number, name: string, scope: TokenScope): { token: string; info: OrgToken } {
		const problem = tokenNameProblem(name);
		if (problem) throw new RangeError(problem);
		const token = PREFIX + randomBytes(32).toString('base64url');
		const info = this.db
			.prepare('INSERT INTO organisation_tokens (org_id, name, scope, token_hash, created_at) VALUES (?, ?, ?, ?, ?)')
			.run(orgId, name.trim(), scope, Buffer.from(hashKey(token)), Date.now());
		const row = this.db.prepare('SELECT * FROM organisation_tokens WHERE id = ?').get(info.lastInsertRowid) as TokenRow;
		return { token, info: toToken(row) };
	}

	/** The organisation's tokens, newest first. */
	list(orgId: number): OrgToken[] {
		const rows = this.db.prepare('SELECT * FROM organisation_tokens WHERE org_id = ? ORDER BY created_at DESC, id DESC').all(orgId) as TokenRow[];
		return rows.map(toToken);
	}

	/** Delete token `id` of `orgId` (it stops working at once); returns it, or undefined when there is none. */
	revoke(orgId: number, id: number): OrgToken | undefined {
		const row = this.db.prepare('SELECT * FROM organisation_tokens WHERE id = ? AND org_id = ?').get(id, orgId) as TokenRow | undefined;
		if (!row) return undefined;
		this.db.prepare('DELETE FROM organisation_tokens WHERE id = ?').run(id);
		return toToken(row);
	}

	/**
	 * The token of `orgId` that `token` is, when its scope covers `scope` (admin covers publish);
	 * records its use. Looked up by hash, so nothing is compared character by character.
	 */
	use(orgId: number, token: string | null | undefined, scope: TokenScope): OrgToken | null {
		if (!token || !TOKEN.test(token)) return null;
		const row = this.db.prepare('SELECT * FROM organisation_tokens WHERE token_hash = ? AND org_id = ?').get(Buffer.from(hashKey(token)), orgId) as TokenRow | undefined;
		if (!row || (scope === 'admin' && row.scope !== 'admin')) return null;
		const now = Date.now();
		this.db.prepare('UPDATE organisation_tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
		return toToken({ ...row, last_used_at: now });
	}
}
