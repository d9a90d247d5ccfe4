// The Yjs layout of a map (schema version 1) and the only place that names its shared types.
// Layout: a `meta` Y.Map of plain values, and one Y.Map per element collection, keyed by element
// id, each element a nested Y.Map of plain field values (so concurrent edits of different fields
// of one element both survive). An element placed at a point keeps its position as ONE field, `at`
// = [evolution, visibility]: successive moves by one person then overwrite one key with
// consecutive Yjs clocks, and their tombstones merge into one (two keys written in turn never
// merge, so every move would stay in the document). See docs/model.md.
import * as Y from 'yjs';
import type { CollectionName } from './types.js';

export { SCHEMA_VERSION } from './version.js';
export type { CollectionName };

export const COLLECTIONS = [
	'components',
	'links',
	'evolves',
	'pipelines',
	'notes',
	'annotations',
	'areas',
	'accelerators'
] as const satisfies readonly CollectionName[];
// Every collection a reference can name is in the document (fails to compile if one is missing).
const EVERY_COLLECTION: Exclude<CollectionName, (typeof COLLECTIONS)[number]> extends never ? true : never = true;
void EVERY_COLLECTION;

/** An element as stored: a nested Y.Map of plain JSON values. */
export type ElementMap = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('meta');
}

export function collection(doc: Y.Doc, name: CollectionName): Y.Map<ElementMap> {
	return doc.getMap(name) as Y.Map<ElementMap>;
}

export function str(m: Y.Map<unknown>, key: string, fallback = ''): string {
	const v = m.get(key);
	return typeof v === 'string' ? v : fallback;
}

export function num(m: Y.Map<unknown>, key: string, fallback = 0): number {
	const v = m.get(key);
	return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function numOrNull(m: Y.Map<unknown>, key: string): number | null {
	const v = m.get(key);
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function bool(m: Y.Map<unknown>, key: string): boolean {
	return m.get(key) === true;
}

/** Collections whose elements sit at a point, stored as `at`. */
export const POINT_COLLECTIONS: ReadonlySet<CollectionName> = new Set<CollectionName>(['components', 'notes', 'accelerators']);

/**
 * An element's position: its `at` field, or (documents written before there was one) its
 * `evolution` and `visibility` fields; 0 for anything unreadable.
 */
export function position(m: Y.Map<unknown>): { evolution: number; visibility: number } {
	const at = m.get('at');
	if (Array.isArray(at) && at.length === 2 && typeof at[0] === 'number' && typeof at[1] === 'number' && Number.isFinite(at[0]) && Number.isFinite(at[1])) {
		return { evolution: at[0], visibility: at[1] };
	}
	return { evolution: num(m, 'evolution'), visibility: num(m, 'visibility') };
}
