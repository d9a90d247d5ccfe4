// Checks a Yjs update's shape against the map schema before anything decodes it into structs:
// one linear pass over the bytes that bounds the work a message can cause (struct count, key and
// value sizes, nesting of values), refuses content the map never holds, and finds client blocks
// that Yjs would drop (it keeps only the last block of a client, so an earlier one could pass the
// guard and never be applied). Must not import Yjs' document code: it runs on untrusted bytes.
import * as decoding from 'lib0/decoding';

/** What one update may hold at most. */
export interface ShapeLimits {
	/** Structs (items, GC and skip runs) in the whole update. */
	maxStructs: number;
	/** Characters of a map key (root name, element id, field name) or a type's key. */
	maxKeyLength: number;
	/** Nesting of a JSON-like value (a field's value: `{ at: { … } }` is 2 deep). */
	maxValueDepth: number;
	/** Ranges in the delete set. */
	maxDeleteRanges: number;
}

export const DEFAULT_SHAPE_LIMITS: ShapeLimits = {
	maxStructs: 20_000,
	maxKeyLength: 256,
	maxValueDepth: 8,
	maxDeleteRanges: 100_000
};

/** One client's block of structs in an update, as bytes [start, end) of the update. */
export interface ClientBlock {
	readonly client: number;
	readonly clock: number;
	/** The clock after the block's last struct. */
	readonly endClock: number;
	readonly structs: number;
	readonly start: number;
	readonly end: number;
}

export interface UpdateShape {
	readonly blocks: readonly ClientBlock[];
	readonly structs: number;
	/** Bytes [start, end) of the delete set. */
	readonly deleteSet: { readonly start: number; readonly end: number };
}

/** Why an update's shape was refused: `schema` (not something a map holds) or `malformed` bytes. */
export class ShapeError extends Error {
	override readonly name = 'ShapeError';
	constructor(
		readonly kind: 'schema' | 'malformed',
		message: string
	) {
		super(message);
	}
}

const BITS5 = 31;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
/** Content refs (Yjs' contentRefs): the map model writes only these. */
const CONTENT_DELETED = 1;
const CONTENT_TYPE = 7;
const CONTENT_ANY = 8;
const SKIP = 10;
/** Keys from a root to the deepest item a map holds: root → element → field (resolve.ts' MAX_PATH). */
const MAX_DEPTH = 2;
/** Type refs (Yjs' typeRefs): the map model's types are all Y.Map. */
const TYPE_MAP = 1;

function readKey(d: decoding.Decoder, limits: ShapeLimits): void {
	const len = decoding.peekVarUint(d);
	// A UTF-8 byte count over 4 bytes a character is over the limit whatever it holds.
	if (len > limits.maxKeyLength * 4) throw new ShapeError('schema', 'key too long');
	if (decoding.readVarString(d).length > limits.maxKeyLength) throw new ShapeError('schema', 'key too long');
}

/** Skip a length-prefixed run of bytes (a value's string or binary) without decoding it. */
function skipBytes(d: decoding.Decoder): void {
	const len = decoding.readVarUint(d);
	if (len > d.arr.length - d.pos) throw new ShapeError('malformed', 'length past the end of the update');
	d.pos += len;
}

function readCount(d: decoding.Decoder): number {
	const n = decoding.readVarUint(d);
	// Every element takes at least a byte: a count past the bytes left is a lie.
	if (n > d.arr.length - d.pos) throw new ShapeError('malformed', 'count past the end of the update');
	return n;
}

/** Skip one lib0 `any` value, iteratively, refusing nesting past `maxValueDepth`. */
function skipAny(d: decoding.Decoder, limits: ShapeLimits): void {
	// Open arrays and objects: values still to read in each (an object's values follow their keys).
	const open: { left: number; object: boolean }[] = [];
	const value = () => {
		const type = decoding.readUint8(d);
		switch (type) {
			case 127: // undefined
			case 126: // null
			case 121: // false
			case 120: // true
				return;
			case 125:
				decoding.readVarInt(d);
				return;
			case 124:
				decoding.readFloat32(d);
				return;
			case 123:
				decoding.readFloat64(d);
				return;
			case 122:
				decoding.readBigInt64(d);
				return;
			case 119: // a string: its bytes are skipped, never decoded
			case 116: // a binary
				skipBytes(d);
				return;
			case 118:
			case 117: {
				const left = readCount(d);
				if (open.length >= limits.maxValueDepth) throw new ShapeError('schema', 'value nested too deep');
				open.push({ left, object: type === 118 });
				return;
			}
			default:
				throw new ShapeError('malformed', 'unknown value type');
		}
	};
	value();
	while (open.length > 0) {
		const top = open[open.length - 1];
		if (top.left === 0) {
			open.pop();
			continue;
		}
		top.left--;
		if (top.object) readKey(d, limits);
		value();
	}
}

/** Skip an item's content, refusing what the map model never writes; returns its length in clock ticks. */
function skipContent(d: decoding.Decoder, ref: number, limits: ShapeLimits): number {
	switch (ref) {
		case CONTENT_DELETED:
			return decoding.readVarUint(d);
		case CONTENT_ANY: {
			const n = readCount(d);
			for (let i = 0; i < n; i++) skipAny(d, limits);
			return n;
		}
		case CONTENT_TYPE:
			if (decoding.readVarUint(d) !== TYPE_MAP) throw new ShapeError('schema', 'a shared type other than a map');
			return 1;
		default:
			// Strings, JSON, binaries, embeds, formats and subdocuments: not part of a map.
			if (ref >= 1 && ref <= 9) throw new ShapeError('schema', 'content a map never holds');
			throw new ShapeError('malformed', 'unknown content');
	}
}

/**
 * Read the shape of a v1 update, or throw ShapeError. Linear in the update's bytes; allocates one
 * small record per client block. Decoding errors past the end are reported as `malformed`.
 */
export function readUpdateShape(update: Uint8Array, limits: ShapeLimits = DEFAULT_SHAPE_LIMITS): UpdateShape {
	const d = decoding.createDecoder(update);
	try {
		const blocks: ClientBlock[] = [];
		const seen = new Set<number>();
		let total = 0;
		// Keys from a root down to each item of this update whose place is known here (by the id of its
		// last clock): a nest built inside one update is refused before anything decodes it.
		const depths = new Map<string, number>();
		const numBlocks = readCount(d);
		for (let b = 0; b < numBlocks; b++) {
			const start = d.pos;
			const structs = readCount(d);
			const client = decoding.readVarUint(d);
			const clock = decoding.readVarUint(d);
			let at = clock;
			// Yjs keeps one block per client (the last): an earlier one would never be applied.
			if (seen.has(client)) throw new ShapeError('schema', 'several blocks for one client');
			seen.add(client);
			total += structs;
			if (total > limits.maxStructs) throw new ShapeError('schema', 'too many structs');
			for (let i = 0; i < structs; i++) {
				const info = decoding.readUint8(d);
				const ref = info & BITS5;
				if (ref === 0 || ref === SKIP) {
					at += decoding.readVarUint(d);
					continue;
				}
				let depth: number | undefined;
				if (info & BIT8) depth = depths.get(`${decoding.readVarUint(d)}:${decoding.readVarUint(d)}`);
				if (info & BIT7) {
					const right = depths.get(`${decoding.readVarUint(d)}:${decoding.readVarUint(d)}`);
					depth ??= right;
				}
				if ((info & (BIT7 | BIT8)) === 0) {
					if (decoding.readVarUint(d) === 1) {
						readKey(d, limits);
						depth = 1;
					} else {
						const parent = depths.get(`${decoding.readVarUint(d)}:${decoding.readVarUint(d)}`);
						depth = parent === undefined ? undefined : parent + 1;
					}
					if (info & BIT6) readKey(d, limits);
				}
				if (depth !== undefined && depth > MAX_DEPTH) throw new ShapeError('schema', 'nested deeper than a map');
				if (ref === CONTENT_TYPE && depth !== undefined && depth >= MAX_DEPTH) throw new ShapeError('schema', 'a map inside a field');
				const length = skipContent(d, ref, limits);
				if (depth !== undefined && length > 0) depths.set(`${client}:${at + length - 1}`, depth);
				at += length;
			}
			blocks.push({ client, clock, endClock: at, structs, start, end: d.pos });
		}
		const dsStart = d.pos;
		let ranges = 0;
		const numClients = readCount(d);
		for (let c = 0; c < numClients; c++) {
			decoding.readVarUint(d);
			const n = readCount(d);
			ranges += n;
			if (ranges > limits.maxDeleteRanges) throw new ShapeError('schema', 'too many deleted ranges');
			for (let i = 0; i < n; i++) {
				decoding.readVarUint(d);
				decoding.readVarUint(d);
			}
		}
		return { blocks, structs: total, deleteSet: { start: dsStart, end: d.pos } };
	} catch (err) {
		if (err instanceof ShapeError) throw err;
		throw new ShapeError('malformed', 'not a Yjs update');
	}
}

/** Call `each(client, clock, len)` for every deleted range of an update whose shape was read; stops when it returns false. */
export function forEachDeleted(update: Uint8Array, shape: UpdateShape, each: (client: number, clock: number, len: number) => boolean): void {
	const d = decoding.createDecoder(update);
	d.pos = shape.deleteSet.start;
	const numClients = decoding.readVarUint(d);
	for (let c = 0; c < numClients; c++) {
		const client = decoding.readVarUint(d);
		const n = decoding.readVarUint(d);
		for (let i = 0; i < n; i++) if (!each(client, decoding.readVarUint(d), decoding.readVarUint(d))) return;
	}
}
