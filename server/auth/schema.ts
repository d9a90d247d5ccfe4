// The accounts tables on SQLite (PostgreSQL's are migration 4). Only hashes of session and flow
// tokens are stored; ownership and organisation roles are kept here, never in the Yjs document.
import type { Sql } from '../db/sql.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
	id INTEGER PRIMARY KEY,
	issuer TEXT NOT NULL,
	subject TEXT NOT NULL,
	email TEXT,
	email_verified INTEGER NOT NULL DEFAULT 0,
	name TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	signed_in_at INTEGER NOT NULL,
	UNIQUE (issuer, subject)
);
CREATE TABLE IF NOT EXISTS sessions (
	token_hash BLOB PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	seen_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id);
CREATE TABLE IF NOT EXISTS auth_flows (
	flow_hash BLOB PRIMARY KEY,
	provider TEXT NOT NULL,
	state TEXT NOT NULL,
	nonce TEXT NOT NULL,
	verifier TEXT NOT NULL,
	redirect_uri TEXT NOT NULL,
	return_to TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS map_owners (
	map_id TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS map_owners_by_user ON map_owners (user_id);
CREATE TABLE IF NOT EXISTS organisation_domains (
	domain TEXT PRIMARY KEY,
	org_id INTEGER NOT NULL,
	claimed_by INTEGER NOT NULL REFERENCES users (id),
	claimed_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS organisation_domains_by_org ON organisation_domains (org_id);
CREATE TABLE IF NOT EXISTS organisation_people (
	org_id INTEGER NOT NULL,
	user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
	email TEXT,
	role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
	added_by TEXT NOT NULL,
	added_at INTEGER NOT NULL,
	CHECK ((user_id IS NULL) <> (email IS NULL))
);
CREATE UNIQUE INDEX IF NOT EXISTS organisation_people_user ON organisation_people (org_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS organisation_people_invite ON organisation_people (org_id, email) WHERE email IS NOT NULL;
CREATE INDEX IF NOT EXISTS organisation_people_by_user ON organisation_people (user_id);
CREATE INDEX IF NOT EXISTS organisation_people_by_email ON organisation_people (email);
`;

/** The accounts tables on SQLite, created or brought up to date (a step of prepareSqliteSchema). */
export async function createAuthSchema(sql: Sql): Promise<void> {
	await sql.exec(SCHEMA);
	// The organisation whose members may open the map as facilitators (the owner's choice; null for none).
	const columns = await sql.all<{ name: string }>("SELECT name FROM pragma_table_info('map_owners')");
	if (!columns.some((c) => c.name === 'org_id')) await sql.exec('ALTER TABLE map_owners ADD COLUMN org_id INTEGER');
}
