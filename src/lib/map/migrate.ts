// Schema versions and migrations: bring a stored document up to SCHEMA_VERSION before use.
// A migration runs once per document, inside one transaction, and is itself a Yjs update.
import * as Y from 'yjs';
import { metaMap } from './schema.js';
import { SCHEMA_VERSION } from './version.js';

/** Migrations keyed by the version they upgrade *from*; each must leave the doc at version+1. */
export const MIGRATIONS: Record<number, (doc: Y.Doc) => void> = {
	// 1: (doc) => { ...rewrite v1 fields as v2... ; metaMap(doc).set('schemaVersion', 2) }
};

/** The schema version stored in a document; 0 for a document that was never initialised. */
export function storedVersion(doc: Y.Doc): number {
	const v = metaMap(doc).get('schemaVersion');
	return typeof v === 'number' ? v : 0;
}

/**
 * Bring the document to SCHEMA_VERSION. An empty document is stamped with the current version.
 * Throws if the document is newer than this code understands (never downgrade silently).
 * Returns true when it changed the document.
 */
export function migrate(doc: Y.Doc, origin: unknown = 'migrate'): boolean {
	let version = storedVersion(doc);
	if (version === SCHEMA_VERSION) return false;
	if (version > SCHEMA_VERSION) {
		throw new Error(`Map schema version ${version} is newer than this Stackmap (${SCHEMA_VERSION})`);
	}
	doc.transact(() => {
		if (version === 0) {
			metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
			version = SCHEMA_VERSION;
		}
		while (version < SCHEMA_VERSION) {
			const step = MIGRATIONS[version];
			if (!step) throw new Error(`No migration from map schema version ${version}`);
			step(doc);
			version = storedVersion(doc);
		}
	}, origin);
	return true;
}
