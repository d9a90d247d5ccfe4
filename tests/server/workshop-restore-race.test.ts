// Restoring a snapshot while someone keeps editing: the backup is saved after the restore, so an
// edit that reaches the server while the backup is being written (a database round trip with
// PostgreSQL) lands on the restored map instead of being overwritten unseen; and a backup that
// cannot be saved puts the map back as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { addComponent, readSnapshot } from '../../src/lib/map/index.js';
import { connectClient, startCollab, until, type TestServer } from '../helpers/collab.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function mapWithSnapshot(): Promise<{ srv: TestServer; id: string; snapshotId: string; client: Awaited<ReturnType<typeof connectClient>> }> {
	const srv = await startCollab();
	cleanup.push(() => srv.close());
	const { id, keys } = await srv.app.createMap({ title: 'Restore race' });
	const client = await connectClient(srv.url, id, keys.participant);
	cleanup.push(() => client.destroy());
	addComponent(client.doc, { name: 'Kept in the snapshot' });
	const names = async () => readSnapshot((await srv.app.rooms.peek(id))!.doc).components.map((c) => c.name);
	await until(async () => (await names()).includes('Kept in the snapshot'), 5000, 'the first edit');
	const snapshotId = (await srv.app.workshops.saveSnapshot(id, 'Start', 'Ada')).id;
	addComponent(client.doc, { name: 'Added after the snapshot' });
	await until(async () => (await names()).includes('Added after the snapshot'), 5000, 'the second edit');
	return { srv, id, snapshotId, client };
}

describe('restoring a snapshot during edits', () => {
	it('keeps an edit that arrives while the backup is saved, and the backup holds the map as it was', async () => {
		const { srv, id, snapshotId, client } = await mapWithSnapshot();
		const snapshots = srv.app.workshops.snapshots;
		const save = snapshots.save.bind(snapshots);
		snapshots.save = async (...args) => {
			// Someone's edit reaches the server while the backup is on its way to the database.
			addComponent(client.doc, { name: 'Arrived meanwhile' });
			await until(async () => readSnapshot((await srv.app.rooms.peek(id))!.doc).components.some((c) => c.name === 'Arrived meanwhile'), 5000, 'the edit meanwhile');
			return save(...args);
		};
		const outcome = await srv.app.workshops.restore(id, snapshotId, 'Ada');
		expect(outcome).not.toBeNull();
		const live = readSnapshot((await srv.app.rooms.peek(id))!.doc).components.map((c) => c.name).sort();
		expect(live).toEqual(['Arrived meanwhile', 'Kept in the snapshot']);
		const backup = await snapshots.get(id, outcome!.backup.id);
		expect(backup!.snapshot.components.map((c) => c.name).sort()).toEqual(['Added after the snapshot', 'Kept in the snapshot']);
	});

	it('puts the map back when the backup cannot be saved', async () => {
		const { srv, id, snapshotId } = await mapWithSnapshot();
		const snapshots = srv.app.workshops.snapshots;
		snapshots.save = async () => {
			throw new Error('disk full');
		};
		await expect(srv.app.workshops.restore(id, snapshotId, 'Ada')).rejects.toThrow('disk full');
		const live = readSnapshot((await srv.app.rooms.peek(id))!.doc).components.map((c) => c.name).sort();
		expect(live).toEqual(['Added after the snapshot', 'Kept in the snapshot']);
	});
});
