// The test harness puts each server where its project says: the `postgres` project's servers keep
// everything in PostgreSQL, the default project's in their SQLite file. Without this, the second
// run of the server tests could quietly test SQLite twice.
import { describe, expect, it } from 'vitest';
import { spawnServer, startCollab, tempDataDir } from '../helpers/collab.js';

const expected = process.env.STACKMAP_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

describe(`servers started by the test helpers (${expected})`, () => {
	it('in process', async () => {
		const srv = await startCollab();
		try {
			expect(srv.app.documentStore.kind).toBe(expected);
			expect(srv.app.sql.dialect).toBe(expected);
		} finally {
			await srv.close();
		}
	});

	it('as the built server', async () => {
		const srv = await spawnServer(tempDataDir());
		try {
			await new Promise((r) => setTimeout(r, 200));
			expect(srv.output()).toContain(expected === 'postgres' ? 'map documents in PostgreSQL' : 'map documents in SQLite');
		} finally {
			srv.child.kill('SIGKILL');
		}
	});
});
