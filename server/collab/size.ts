// The size limits of a map (components and document bytes): whether an update would push a
// room's document past them, checked before it is applied. Encoding a large document costs tens
// of ms, so its size is measured exactly only when a cheap upper bound says it might be too big.
import * as Y from 'yjs';
import { NEW_TOO_BIG, formatBytes } from '../../src/lib/map/limits.js';
import type { Classification } from './guard.js';

export { NEW_TOO_BIG };

export interface MapLimits {
	/** Most components a map may hold. */
	maxComponents: number;
	/** Largest the document may grow, bytes of `Y.encodeStateAsUpdate`. */
	maxDocBytes: number;
}

/** Reasons a writer sees when an update would make the map too big (y-protocols/auth permission-denied). */
export const TOO_BIG = {
	components: (max: number) =>
		`This map has reached its size limit of ${max.toLocaleString('en-GB')} components: your change was not saved. Delete components to make room, or start a new map.`,
	bytes: (max: number) =>
		`This map has reached its size limit (${formatBytes(max)} of data): your change was not saved. Delete something to make room, or start a new map.`
} as const;

/** A new map over the size limits: nothing was created (HTTP 413). */
export class MapTooBigError extends Error {
	override readonly name = 'MapTooBigError';
	readonly status = 413;
}

/** Why a new map holding `doc` may not be created under `limits`, or null. */
export function newMapRefusal(doc: Y.Doc, limits: MapLimits): string | null {
	const components = doc.getMap('components').size;
	if (components > limits.maxComponents) return NEW_TOO_BIG.components(components, limits.maxComponents);
	const bytes = Y.encodeStateAsUpdate(doc).byteLength;
	return bytes > limits.maxDocBytes ? NEW_TOO_BIG.bytes(bytes, limits.maxDocBytes) : null;
}

/** The exact encoded size at some point, plus the bytes of every update applied since (an upper bound). */
class DocSize {
	private exact: number;
	private since = 0;

	constructor(private readonly doc: Y.Doc) {
		this.exact = Y.encodeStateAsUpdate(doc).byteLength;
		doc.on('update', (update: Uint8Array) => (this.since += update.byteLength));
	}

	/** True when applying `update` would take the document past `max` bytes. */
	wouldExceed(update: Uint8Array, max: number): boolean {
		const bytes = update.byteLength;
		if (this.exact + this.since + bytes <= max) return false;
		if (this.since > 0) {
			// Updates overwrite and delete: the document is usually much smaller than their sum.
			this.exact = Y.encodeStateAsUpdate(this.doc).byteLength;
			this.since = 0;
		}
		if (this.exact + bytes <= max) return false;
		// A replacement (a note's new text) frees what it overwrites: count only the growth.
		return this.exact + bytes - freedBytes(this.doc, update) > max;
	}
}

/** Bytes of content in `doc` that `update` deletes (strings, JSON values, binaries; roughly as encoded). */
function freedBytes(doc: Y.Doc, update: Uint8Array): number {
	const { ds } = Y.decodeUpdate(update) as { ds: { clients: Map<number, { clock: number; len: number }[]> } };
	let freed = 0;
	for (const [client, ranges] of ds.clients) {
		const structs = doc.store.clients.get(client) ?? [];
		const state = Y.getState(doc.store, client);
		for (const { clock, len } of ranges) {
			if (clock >= state || structs.length === 0) continue;
			for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < clock + len; i++) {
				const s = structs[i];
				if (s instanceof Y.Item && !s.deleted) freed += contentBytes(s.content);
			}
		}
	}
	return freed;
}

function contentBytes(content: Y.Item["content"]): number {
	const c = content as { str?: string; arr?: unknown[]; content?: Uint8Array };
	if (typeof c.str === 'string') return c.str.length;
	if (Array.isArray(c.arr)) return JSON.stringify(c.arr)?.length ?? 0;
	if (c.content instanceof Uint8Array) return c.content.byteLength;
	return 0;
}

const sizes = new WeakMap<Y.Doc, DocSize>();

/**
 * Why `update` (classified as `changes`) may not be applied to `doc` under `limits`, or null.
 * Only updates that grow the map are refused: a map already over a limit (imported before it, or
 * the limit was lowered) can still be moved, edited in place and trimmed.
 */
export function sizeRefusal(doc: Y.Doc, update: Uint8Array, changes: Classification, limits: MapLimits): string | null {
	let added = 0;
	let removed = 0;
	for (const change of changes.elements.values()) {
		if (change.collection !== 'components') continue;
		if (change.kinds.has('add')) added++;
		else if (change.kinds.has('delete')) removed++;
	}
	if (added > 0 && doc.getMap('components').size + added - removed > limits.maxComponents) return TOO_BIG.components(limits.maxComponents);
	if (changes.kinds.size === 1 && changes.kinds.has('delete')) return null;
	let size = sizes.get(doc);
	if (!size) sizes.set(doc, (size = new DocSize(doc)));
	return size.wouldExceed(update, limits.maxDocBytes) ? TOO_BIG.bytes(limits.maxDocBytes) : null;
}
