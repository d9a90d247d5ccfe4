// A database made before joining an organisation needed its key: opening it adds the column for
// pending requests, keeps every organisation where it was (nothing is detached or deleted), and
// lets the parent's admin remove a member it never approved.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { hashKey, newKey } from '../../server/access.js';
import { startCollab, tempDataDir, type TestServer } from '../helpers/collab.js';

/** The organisations table as it was before pending requests. */
const OLD_ORGANISATIONS = `
CREATE TABLE organisations (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	region TEXT NOT NULL DEFAULT '',
	parent_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
	website TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	fictional INTEGER NOT NULL DEFAULT 0,
	admin_hash BLOB NOT NULL,
	created_at INTEGER NOT NULL
)`;

let s: TestServer | undefined;
afterEach(async () => {
	await s?.close();
});

it('keeps organisations attached before keys were needed, and their parent can remove them', async () => {
	const dataDir = tempDataDir();
	const countyKey = newKey();
	const db = new Database(join(dataDir, 'stackmap.db'));
	db.exec(OLD_ORGANISATIONS);
	const insert = db.prepare('INSERT INTO organisations (id, slug, name, type, parent_id, admin_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
	insert.run(1, 'oldshire-county-council', 'Oldshire County Council', 'county', null, Buffer.from(hashKey(countyKey)), 1);
	insert.run(2, 'squatter-district-council', 'Squatter District Council', 'district', 1, Buffer.from(hashKey(newKey())), 2);
	// Two names that are now the same one: both stay.
	insert.run(3, 'oldshire-county-council-2', 'OLDSHIRE county council', 'county', null, Buffer.from(hashKey(newKey())), 3);
	db.close();

	s = await startCollab({ dataDir });
	const orgs = s.app.catalogue.orgs;
	expect(orgs.all().map((o) => o.slug).sort()).toEqual(['oldshire-county-council', 'oldshire-county-council-2', 'squatter-district-council']);
	expect(orgs.children(1).map((o) => o.slug)).toEqual(['squatter-district-council']);
	expect(orgs.get(2)).toMatchObject({ parentId: 1, pendingParentId: null });
	// Either of two same-named organisations can still edit its profile.
	expect((await orgs.update(3, { region: 'London' })).region).toBe('London');
	expect(await orgs.release(1, 2)).toBe('removed');
	expect(orgs.children(1)).toEqual([]);
});
