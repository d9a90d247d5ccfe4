// Yjs v1 updates taken apart and put together at the byte level, for tests that send what no Yjs
// client would: client blocks spliced from real updates (split, duplicated, dropped, reordered),
// delete sets cut short, and hand-written structs (nests of maps, huge keys). v1 layout:
// varUint(blocks) + blocks (varUint(structs) varUint(client) varUint(clock) structs…) + delete set.
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { readUpdateShape, type ClientBlock } from '../../server/collab/update-shape.js';

/** One client block of an update: its header values and its bytes (header included). */
export interface Block extends ClientBlock {
	readonly bytes: Uint8Array;
}

/** A deleted range: client, first clock, length. */
export type DeletedRange = readonly [client: number, clock: number, len: number];

/** Generous limits: the tests take apart real updates, whatever the server would say of them. */
const LOOSE = { maxStructs: 1e9, maxKeyLength: 1e9, maxValueDepth: 1e9, maxDeleteRanges: 1e9 };

/** The client blocks of a v1 update, in order. */
export function blocksOf(update: Uint8Array): Block[] {
	return readUpdateShape(update, LOOSE).blocks.map((b) => ({ ...b, bytes: update.subarray(b.start, b.end) }));
}

/** The deleted ranges of a v1 update, in order. */
export function deletedOf(update: Uint8Array): DeletedRange[] {
	const d = decoding.createDecoder(update);
	d.pos = readUpdateShape(update, LOOSE).deleteSet.start;
	const out: DeletedRange[] = [];
	for (let c = decoding.readVarUint(d); c > 0; c--) {
		const client = decoding.readVarUint(d);
		for (let n = decoding.readVarUint(d); n > 0; n--) out.push([client, decoding.readVarUint(d), decoding.readVarUint(d)]);
	}
	return out;
}

/** A v1 delete set of `ranges`, grouped by client in the order clients first appear. */
export function encodeDeleteSet(ranges: readonly DeletedRange[]): Uint8Array {
	const byClient = new Map<number, [number, number][]>();
	for (const [client, clock, len] of ranges) {
		let list = byClient.get(client);
		if (!list) byClient.set(client, (list = []));
		list.push([clock, len]);
	}
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, byClient.size);
	for (const [client, list] of byClient) {
		encoding.writeVarUint(e, client);
		encoding.writeVarUint(e, list.length);
		for (const [clock, len] of list) {
			encoding.writeVarUint(e, clock);
			encoding.writeVarUint(e, len);
		}
	}
	return encoding.toUint8Array(e);
}

/** A v1 update of `blocks` (as given: several for one client, any order) and a delete set. */
export function composeUpdate(blocks: readonly Uint8Array[], deleteSet: Uint8Array = encodeDeleteSet([])): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, blocks.length);
	for (const b of blocks) encoding.writeUint8Array(e, b);
	encoding.writeUint8Array(e, deleteSet);
	return encoding.toUint8Array(e);
}

// Hand-written structs: v1 item info bits and refs (Yjs' encoding.js and contentRefs).
const HAS_PARENT_SUB = 32;
const HAS_RIGHT_ORIGIN = 64;
const HAS_ORIGIN = 128;
const CONTENT_ANY = 8;
const CONTENT_TYPE = 7;
const CONTENT_STRING = 4;
const TYPE_MAP = 1;
const TYPE_ARRAY = 0;
const TYPE_TEXT = 2;

/** What a hand-written item holds. */
export type ItemContent =
	| { readonly kind: 'map' | 'array' | 'text' }
	| { readonly kind: 'any'; readonly value: unknown }
	| { readonly kind: 'string'; readonly text: string };

/**
 * Where a hand-written item goes: a root type by name, or the type item (client, clock), and its
 * key (null: list content, as a Y.Array writes); or next to items `origin` and/or `rightOrigin`
 * (client, clock), whose parent and key it shares.
 */
export type ItemPlace =
	| { readonly parent: string | readonly [client: number, clock: number]; readonly key: string | null }
	| { readonly origin?: readonly [client: number, clock: number]; readonly rightOrigin?: readonly [client: number, clock: number] };

/** Encoder for one client block of items (each sets a map key): header, then items. */
export class BlockWriter {
	private readonly e = encoding.createEncoder();
	private count = 0;
	constructor(
		readonly client: number,
		readonly clock: number
	) {}

	/** Clock of the next item. */
	get next(): number {
		return this.clock + this.count;
	}

	item(place: ItemPlace, content: ItemContent): this {
		const ref = content.kind === 'any' ? CONTENT_ANY : content.kind === 'string' ? CONTENT_STRING : CONTENT_TYPE;
		if (!('parent' in place)) {
			// Parent and key are the origins': neither is written.
			encoding.writeUint8(this.e, ref | (place.origin ? HAS_ORIGIN : 0) | (place.rightOrigin ? HAS_RIGHT_ORIGIN : 0));
			for (const id of [place.origin, place.rightOrigin]) {
				if (!id) continue;
				encoding.writeVarUint(this.e, id[0]);
				encoding.writeVarUint(this.e, id[1]);
			}
		} else {
			encoding.writeUint8(this.e, ref | (place.key === null ? 0 : HAS_PARENT_SUB));
			if (typeof place.parent === 'string') {
				encoding.writeVarUint(this.e, 1);
				encoding.writeVarString(this.e, place.parent);
			} else {
				encoding.writeVarUint(this.e, 0);
				encoding.writeVarUint(this.e, place.parent[0]);
				encoding.writeVarUint(this.e, place.parent[1]);
			}
			if (place.key !== null) encoding.writeVarString(this.e, place.key);
		}
		if (content.kind === 'any') {
			encoding.writeVarUint(this.e, 1);
			encoding.writeAny(this.e, content.value as Parameters<typeof encoding.writeAny>[1]);
		} else if (content.kind === 'string') {
			// A string item's length is its text's: only one-character strings keep clocks simple here.
			if (content.text.length !== 1) throw new Error('BlockWriter writes one-character strings only');
			encoding.writeVarString(this.e, content.text);
		} else encoding.writeVarUint(this.e, content.kind === 'map' ? TYPE_MAP : content.kind === 'array' ? TYPE_ARRAY : TYPE_TEXT);
		this.count++;
		return this;
	}

	/** The block's bytes: its header, then the items written. */
	bytes(): Uint8Array {
		const h = encoding.createEncoder();
		encoding.writeVarUint(h, this.count);
		encoding.writeVarUint(h, this.client);
		encoding.writeVarUint(h, this.clock);
		encoding.writeUint8Array(h, encoding.toUint8Array(this.e));
		return encoding.toUint8Array(h);
	}
}

/**
 * A nest of `depth` Y.Maps under element `id` of root `collection`, each map the `key` field of the
 * one above, written by `client` from `clock`: what a client that nests maps would send.
 */
export function nestedMaps(client: number, depth: number, collection = 'components', id = 'nest', key = 'a', clock = 0): Uint8Array {
	const w = new BlockWriter(client, clock);
	w.item({ parent: collection, key: id }, { kind: 'map' });
	for (let i = 1; i < depth; i++) w.item({ parent: [client, clock + i - 1], key }, { kind: 'map' });
	return composeUpdate([w.bytes()]);
}
