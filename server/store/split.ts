// A store whose map records and documents live apart: with DATABASE_URL the records (title,
// visibility, key hashes) stay in SQLite, where the catalogue, publication and owners join them,
// and the documents (update log, compacted state) go to PostgreSQL.
import type { MapStore } from './types.js';

/** `records` keeps the map records, `documents` the update logs and compacted states. */
export function documentsIn(records: MapStore, documents: MapStore): MapStore {
	return {
		createMap: (record) => records.createMap(record),
		getMap: (id) => records.getMap(id),
		setKeyHash: (id, role, hash) => records.setKeyHash(id, role, hash),
		touchMap: (id, fields) => records.touchMap(id, fields),
		loadDoc: (id) => documents.loadDoc(id),
		appendUpdate: (id, update) => documents.appendUpdate(id, update),
		// No appendDurable: an edit waits for the documents store's commit before it is sent.
		compact: (id, state, uptoSeq) => documents.compact(id, state, uptoSeq),
		countUpdates: (id) => documents.countUpdates(id),
		mapsNeedingCompaction: (threshold) => documents.mapsNeedingCompaction(threshold),
		async open() {
			await records.open?.();
			await documents.open?.();
		},
		async ready() {
			return (await (records.ready?.() ?? true)) && (await (documents.ready?.() ?? true));
		},
		async close() {
			// Both are closed even when one fails; the first failure is reported.
			const closed = await Promise.allSettled([documents.close(), records.close()]);
			const failed = closed.find((r) => r.status === 'rejected');
			if (failed) throw failed.reason;
		}
	};
}
