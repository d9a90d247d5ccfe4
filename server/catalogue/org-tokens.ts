// Organisation API tokens: named, scoped, revocable stand-ins for the admin key, for scripts and
// CI. Like admin keys and session tokens, a token is shown once and only its SHA-256 is stored.
import { randomBytes } from 'node:crypto';
import type { Sql } from '../db/sql.js';
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

/** A token's columns as its owner may see them (never its hash). */
const COLUMNS = 'id, name, scope, created_at, last_used_at';

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
	constructor(private readonly sql: Sql) {}

	/** Create a token for organisation `orgId`; returns it (shown once) and its listing. */
	async create(orgId: number, name: string, scope: TokenScope): Promise<{ token: string; info: OrgToken }> {
		const problem = tokenNameProblem(name);
		if (problem) throw new RangeError(problem);
		const token = PREFIX + randomBytes(32).toString('base64url');
		const row = await this.sql.get<TokenRow>(
			`INSERT INTO organisation_tokens (org_id, name, scope, token_hash, created_at) VALUES (?, ?, ?, ?, ?)
			 RETURNING id, name, scope, created_at, last_used_at`,
			[orgId, name.trim(), scope, Buffer.from(hashKey(token)), Date.now()]
		);
		return { token, info: toToken(row!) };
	}

	/** The organisation's tokens, newest first. */
	async list(orgId: number): Promise<OrgToken[]> {
		const rows = await this.sql.all<TokenRow>(`SELECT ${COLUMNS} FROM organisation_tokens WHERE org_id = ? ORDER BY created_at DESC, id DESC`, [orgId]);
		return rows.map(toToken);
	}

	/** Delete token `id` of `orgId` (it stops working at once); returns it, or undefined when there is none. */
	async revoke(orgId: number, id: number): Promise<OrgToken | undefined> {
		const row = await this.sql.get<TokenRow>(`DELETE FROM organisation_tokens WHERE id = ? AND org_id = ? RETURNING ${COLUMNS}`, [id, orgId]);
		return row && toToken(row);
	}

	/**
	 * The token of `orgId` that `token` is, when its scope covers `scope` (admin covers publish);
	 * records its use. Looked up by hash, so nothing is compared character by character; found and
	 * touched in one statement, so a token revoked meanwhile is never let in.
	 */
	async use(orgId: number, token: string | null | undefined, scope: TokenScope): Promise<OrgToken | null> {
		if (!token || !TOKEN.test(token)) return null;
		const row = await this.sql.get<TokenRow>(
			`UPDATE organisation_tokens SET last_used_at = ? WHERE token_hash = ? AND org_id = ? AND (scope = 'admin' OR CAST(? AS text) = 'publish') RETURNING ${COLUMNS}`,
			[Date.now(), Buffer.from(hashKey(token)), orgId, scope]
		);
		return row ? toToken(row) : null;
	}
}
