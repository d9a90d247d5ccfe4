// The workshop tables on SQLite and PostgreSQL alike: sealed links, named snapshots (newest first,
// the per-map limit held against concurrent saves) and the change history (kinds merged per
// minute, queries, what is buffered written on close and kept when a write fails).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Classification } from '../../server/collab/guard.js';
import type { Sql } from '../../server/db/sql.js';
import { HistoryLog } from '../../server/workshop/history.js';
import { LinkVault } from '../../server/workshop/links.js';
import { MAX_SNAPSHOTS_PER_MAP, SnapshotLimitError, SnapshotStore } from '../../server/workshop/snapshots.js';
import type { MapSnapshot, ToolKind } from '../../src/lib/map/index.js';
import { sqlDialects, type OpenedDatabase } from '../helpers/dialects.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 7, 10, 0);

/** A map with `names` as its components, as readSnapshot would give it. */
function mapOf(...names: string[]): MapSnapshot {
	return { components: names.map((name, i) => ({ id: `c${i}`, name })) } as unknown as MapSnapshot;
}

/** One applied update that changed component `id` (labelled `label`) in the given ways. */
function changed(id: string, label: string, ...kinds: ToolKind[]): Classification {
	return {
		elements: new Map([[`components/${id}`, { collection: 'components', id, kinds: new Set(kinds), fields: new Set<string>(), label }]]),
		meta: new Set(),
		workshop: false,
		other: new Set(),
		kinds: new Set(kinds),
		unresolved: false,
		outsideSchema: false
	};
}

const noLabel = () => '';

describe.each(sqlDialects())('workshop tables on $dialect', ({ open }) => {
	let db: OpenedDatabase;
	let sql: Sql;
	const newMap = async (id: string) =>
		db.store.createMap({
			id,
			title: id,
			createdAt: T0,
			updatedAt: T0,
			visibility: 'private',
			keyHashes: { facilitator: new Uint8Array([1]), participant: new Uint8Array([2]), viewer: new Uint8Array([3]) }
		});
	beforeEach(async () => {
		db = await open();
		sql = db.sql;
		await newMap('map1');
		await newMap('map2');
	});
	afterEach(() => db.close());

	describe('shared links', () => {
		it('opens what was sealed only with the facilitator key, and forgets it when dropped', async () => {
			const links = new LinkVault(sql);
			await links.seal('map1', 'fac-key', { participant: 'edit-key', viewer: 'view-key' });
			expect(await links.open('map1', 'fac-key')).toEqual({ participant: 'edit-key', viewer: 'view-key' });
			expect(await links.open('map1', 'wrong-key')).toEqual({ participant: null, viewer: null });
			expect(await links.open('map2', 'fac-key')).toEqual({ participant: null, viewer: null });

			await links.seal('map1', 'new-fac-key', { participant: 'edit-2', viewer: null });
			expect(await links.open('map1', 'fac-key')).toEqual({ participant: null, viewer: null });
			expect(await links.open('map1', 'new-fac-key')).toEqual({ participant: 'edit-2', viewer: null });

			await links.drop('map1');
			expect(await links.open('map1', 'new-fac-key')).toEqual({ participant: null, viewer: null });
		});

		it('stores no key in the clear', async () => {
			await new LinkVault(sql).seal('map1', 'fac-key', { participant: 'edit-key-in-clear', viewer: 'view-key' });
			const row = await sql.get<{ sealed: Uint8Array }>('SELECT sealed FROM map_shared_links WHERE map_id = ?', ['map1']);
			expect(Buffer.from(row!.sealed).toString('latin1')).not.toContain('edit-key-in-clear');
		});
	});

	describe('snapshots', () => {
		it('saves, lists newest first, reads back and deletes', async () => {
			const snapshots = new SnapshotStore(sql);
			const start = await snapshots.save('map1', 'start', mapOf('Payments'), 'Ana', T0);
			const agreed = await snapshots.save('map1', 'agreed', mapOf('Payments', 'Revenues'), 'Bob', T0 + MINUTE);
			await snapshots.save('map2', 'other map', mapOf(), '', T0);
			expect(start).toMatchObject({ name: 'start', createdAt: T0, createdBy: 'Ana', components: 1 });
			expect(await snapshots.list('map1')).toEqual([agreed, start]);
			expect((await snapshots.get('map1', agreed.id))!.snapshot).toEqual(mapOf('Payments', 'Revenues'));
			expect((await snapshots.get('map1', agreed.id))!.info).toEqual(agreed);
			expect(await snapshots.get('map2', agreed.id)).toBeNull();

			expect(await snapshots.remove('map2', start.id)).toBe(false);
			expect(await snapshots.remove('map1', start.id)).toBe(true);
			expect(await snapshots.remove('map1', start.id)).toBe(false);
			expect((await snapshots.list('map1')).map((s) => s.name)).toEqual(['agreed']);
		});

		it('lists snapshots saved in the same millisecond in the order they were saved', async () => {
			const snapshots = new SnapshotStore(sql);
			for (const name of ['one', 'two', 'three', 'four']) await snapshots.save('map1', name, mapOf(), '', T0);
			expect((await snapshots.list('map1')).map((s) => s.name)).toEqual(['four', 'three', 'two', 'one']);
		});

		it('refuses a snapshot past the limit, even from several instances at once', async () => {
			await sql.tx(async (t) => {
				for (let i = 0; i < MAX_SNAPSHOTS_PER_MAP - 1; i++)
					await t.run("INSERT INTO map_snapshots (id, map_id, name, created_at, components, data) VALUES (?, 'map1', ?, ?, 0, '{}')", [`s${i}`, `s${i}`, T0 + i]);
			});
			const instances = [new SnapshotStore(sql), new SnapshotStore(sql), new SnapshotStore(sql)];
			const saves = await Promise.allSettled(instances.map((s, i) => s.save('map1', `last ${i}`, mapOf())));
			expect(saves.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
			for (const s of saves) if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(SnapshotLimitError);
			expect(await instances[0].list('map1')).toHaveLength(MAX_SNAPSHOTS_PER_MAP);
			// Another map is not affected, and deleting one makes room again.
			await instances[0].save('map2', 'fine', mapOf());
			await expect(instances[1].save('map1', 'over', mapOf())).rejects.toThrow(`at most ${MAX_SNAPSHOTS_PER_MAP} snapshots`);
			await instances[1].remove('map1', 's0');
			await instances[1].save('map1', 'room again', mapOf());
		});
	});

	describe('history', () => {
		it('merges the kinds of one person’s changes to an element within a minute, across writes', async () => {
			const history = new HistoryLog(sql, 60_000);
			history.record('map1', 'Bob', changed('a', 'Payments', 'add'), noLabel, T0 + 1_000);
			await history.flush();
			history.record('map1', 'Bob', changed('a', '', 'move'), noLabel, T0 + 30_000);
			history.record('map1', 'Ana', changed('a', '', 'edit'), () => 'Payments (GOV.UK Pay)', T0 + 40_000);
			await history.flush();
			history.record('map1', 'Bob', changed('a', '', 'link'), noLabel, T0 + MINUTE + 5_000);
			expect(await history.list('map1')).toEqual([
				{ minute: T0 + MINUTE, name: 'Bob', collection: 'components', elementId: 'a', label: '', kinds: ['link'] },
				{ minute: T0, name: 'Ana', collection: 'components', elementId: 'a', label: 'Payments (GOV.UK Pay)', kinds: ['edit'] },
				// An empty label does not replace the one written before.
				{ minute: T0, name: 'Bob', collection: 'components', elementId: 'a', label: 'Payments', kinds: ['add', 'move'] }
			]);
			await history.close();
		});

		it('answers queries by time, element and count, most recent first, per map', async () => {
			const history = new HistoryLog(sql, 60_000);
			for (let m = 0; m < 5; m++) history.record('map1', 'Ana', changed(m % 2 ? 'odd' : 'even', '', 'edit'), noLabel, T0 + m * MINUTE);
			history.record('map2', 'Ana', changed('even', '', 'add'), noLabel, T0 + 9 * MINUTE);
			history.recordOne('map1', 'Cai', 'meta', 'restore', 'start', 'edit', T0 + 2 * MINUTE + 1);
			const minutes = (entries: { minute: number }[]) => entries.map((e) => (e.minute - T0) / MINUTE);
			expect(minutes(await history.list('map1'))).toEqual([4, 3, 2, 2, 1, 0]);
			expect(minutes(await history.list('map1', { since: T0 + 2 * MINUTE }))).toEqual([4, 3, 2, 2]);
			expect(minutes(await history.list('map1', { elementId: 'odd' }))).toEqual([3, 1]);
			expect(minutes(await history.list('map1', { elementId: 'even', since: T0 + MINUTE }))).toEqual([4, 2]);
			expect(minutes(await history.list('map1', { limit: 2 }))).toEqual([4, 3]);
			expect(await history.list('map1', { elementId: 'restore' })).toEqual([
				{ minute: T0 + 2 * MINUTE, name: 'Cai', collection: 'meta', elementId: 'restore', label: 'start', kinds: ['edit'] }
			]);
			expect(minutes(await history.list('map2'))).toEqual([9]);
			await history.close();
		});

		it('writes what is buffered when closed', async () => {
			const history = new HistoryLog(sql, 60_000);
			history.record('map1', 'Ana', changed('a', 'Payments', 'add'), noLabel, T0);
			await history.close();
			const reader = new HistoryLog(sql);
			expect(await reader.list('map1')).toMatchObject([{ name: 'Ana', elementId: 'a', kinds: ['add'] }]);
		});

		it('keeps what a refused write held and writes it with the next one', async () => {
			let refuse = true;
			const flaky: Sql = {
				dialect: sql.dialect,
				all: (text, params) => sql.all(text, params),
				get: (text, params) => sql.get(text, params),
				run: (text, params) => sql.run(text, params),
				exec: (text) => sql.exec(text),
				tx: (fn) => (refuse ? Promise.reject(new Error('database gone')) : sql.tx(fn)),
				ready: () => sql.ready()
			};
			const refused: number[] = [];
			const history = new HistoryLog(flaky, 60_000, (_err, rows) => refused.push(rows));
			history.record('map1', 'Ana', changed('a', 'Payments', 'add'), noLabel, T0);
			await history.flush();
			expect(refused).toEqual([1]);
			history.record('map1', 'Ana', changed('a', '', 'move'), noLabel, T0 + 1_000);
			refuse = false;
			await history.flush();
			expect(await new HistoryLog(sql).list('map1')).toMatchObject([{ name: 'Ana', elementId: 'a', label: 'Payments', kinds: ['add', 'move'] }]);
			await history.close();
		});

		it('writes many rows in one flush', async () => {
			const history = new HistoryLog(sql, 60_000);
			for (let i = 0; i < 150; i++) history.record('map1', 'Ana', changed(`e${i}`, `E${i}`, 'add'), noLabel, T0);
			await history.close();
			const entries = await new HistoryLog(sql).list('map1', { limit: 5000 });
			expect(entries).toHaveLength(150);
			expect(new Set(entries.map((e) => e.label)).size).toBe(150);
		});
	});
});
