// Make a live document match a saved snapshot (named snapshots: "start", "agreed") with the
// model's own commands, in one transaction: only what differs is written, so the change is small,
// everyone sees it, and an UndoManager tracking `origin` can undo it in one step.
import * as Y from 'yjs';
import { COLLECTIONS, collection, type CollectionName } from './schema.js';
import { READERS, readMeta } from './read.js';
import {
	deleteElements,
	loadSnapshot,
	setMeta,
	updateAccelerator,
	updateAnnotation,
	updateArea,
	updateComponent,
	updateEvolve,
	updateLink,
	updateNote,
	updatePipeline
} from './commands.js';
import { META_KEYS, elementRef, type ElementRef, type MapMeta, type MapSnapshot } from './types.js';
import { assertValidSnapshot } from './validate.js';

export interface RestoreResult {
	readonly added: readonly ElementRef[];
	readonly updated: readonly ElementRef[];
	readonly deleted: readonly ElementRef[];
	readonly metaChanged: boolean;
}

type Plain = Record<string, unknown>;

function same(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ka = Object.keys(a as Plain);
	const kb = Object.keys(b as Plain);
	return ka.length === kb.length && ka.every((k) => same((a as Plain)[k], (b as Plain)[k]));
}

// Update commands by collection; each takes a partial patch of the element's editable fields.
const UPDATE: Record<CollectionName, (doc: Y.Doc, id: never, patch: never, origin: unknown) => void> = {
	components: updateComponent,
	links: updateLink,
	evolves: updateEvolve,
	pipelines: updatePipeline,
	notes: updateNote,
	annotations: updateAnnotation,
	areas: updateArea,
	accelerators: updateAccelerator
};

/** The fields of `target` that differ from `current` (decorators compared one by one). */
function patchOf(current: Plain, target: Plain): Plain | null {
	const patch: Plain = {};
	for (const [key, value] of Object.entries(target)) {
		if (key === 'id' || key === 'order') continue;
		if (key === 'decorators') {
			const d: Plain = {};
			for (const [name, on] of Object.entries(value as Plain)) if ((current.decorators as Plain)?.[name] !== on) d[name] = on;
			if (Object.keys(d).length > 0) patch.decorators = d;
		} else if (!same(current[key], value)) {
			patch[key] = value;
		}
	}
	// Comments are absent when there are none: a target without them clears the current ones.
	if (current.comments !== undefined && target.comments === undefined) patch.comments = '';
	return Object.keys(patch).length > 0 ? patch : null;
}

/** The snapshot's map settings, header and footer '' when absent (so restoring clears them). */
function metaOf(snapshot: MapSnapshot): Plain {
	return { ...snapshot, header: snapshot.header ?? '', footer: snapshot.footer ?? '' };
}

/**
 * Make `doc` match `snapshot`: delete elements it does not have, add the ones it has that are
 * missing (keeping their ids), update fields that differ, and set map settings that differ. One
 * transaction with `origin`. Returns what changed. A snapshot that is not valid on its own
 * (validateSnapshot) throws SnapshotError and changes nothing.
 */
export function restoreSnapshot(doc: Y.Doc, snapshot: MapSnapshot, origin: unknown): RestoreResult {
	assertValidSnapshot(snapshot);
	const added: ElementRef[] = [];
	const updated: ElementRef[] = [];
	const deleted: ElementRef[] = [];
	let metaChanged = false;
	doc.transact(() => {
		const wanted = new Map<CollectionName, Map<string, Plain>>();
		for (const name of COLLECTIONS) {
			const items = new Map<string, Plain>();
			for (const item of snapshot[name] as unknown as readonly Plain[]) items.set(item.id as string, item);
			wanted.set(name, items);
			collection(doc, name).forEach((_m, id) => {
				if (!items.has(id)) deleted.push(elementRef(name, id));
			});
		}
		if (deleted.length > 0) deleteElements(doc, deleted, origin);

		const missing: Partial<Record<CollectionName, Plain[]>> = {};
		const patches: [CollectionName, string, Plain][] = [];
		for (const name of COLLECTIONS) {
			for (const [id, target] of wanted.get(name)!) {
				const m = collection(doc, name).get(id);
				if (!(m instanceof Y.Map)) {
					(missing[name] ??= []).push(target);
					added.push(elementRef(name, id));
					continue;
				}
				const patch = patchOf(READERS[name](id, m) as unknown as Plain, target);
				if (patch) patches.push([name, id, patch]);
			}
		}
		const meta = { header: '', footer: '', ...readMeta(doc) } as unknown as Plain;
		const target = metaOf(snapshot);
		const metaPatch: Plain = {};
		// An optional setting absent from the snapshot is cleared ('' removes it).
		for (const key of META_KEYS) if (!same(meta[key], target[key])) metaPatch[key] = key === 'vestingDate' ? (target[key] ?? '') : target[key];
		metaChanged = Object.keys(metaPatch).length > 0;
		if (added.length > 0) {
			// loadSnapshot is the command that adds elements with given ids; it also sets the map settings.
			const part = metaOf(snapshot);
			for (const name of COLLECTIONS) part[name] = missing[name] ?? [];
			loadSnapshot(doc, part as unknown as MapSnapshot, origin);
		} else if (metaChanged) {
			setMeta(doc, metaPatch as Partial<MapMeta>, origin);
		}
		for (const [name, id, patch] of patches) {
			UPDATE[name](doc, id as never, patch as never, origin);
			updated.push(elementRef(name, id));
		}
	}, origin);
	return { added, updated, deleted, metaChanged };
}
