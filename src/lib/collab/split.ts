// Splits a large Yjs update (v1) into updates of at most a given number of structs, so one local
// transaction of a whole map (a paste into the text view, an import applied in the page) passes
// the server's per-update bound instead of being refused. Pieces are in clock order: applied in
// order, each depends only on what the ones before it (or the server) hold.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';

/** Structs a message may hold: below the server's bound (server/collab/update-shape.ts, 20,000). */
export const MAX_STRUCTS_PER_MESSAGE = 10_000;

const CONTENT_DELETED = 1;
const CONTENT_STRING = 4;
const CONTENT_TYPE = 7;
const CONTENT_ANY = 8;
const SKIP = 10;
const TYPE_MAP = 1;

class Unsplittable extends Error {}

/** Skip an item's content; returns its length in clock ticks. Content the map never writes: Unsplittable. */
function skipContent(d: decoding.Decoder, ref: number): number {
	switch (ref) {
		case CONTENT_DELETED:
			return decoding.readVarUint(d);
		case CONTENT_STRING:
			return decoding.readVarString(d).length;
		case CONTENT_ANY: {
			const n = decoding.readVarUint(d);
			for (let i = 0; i < n; i++) decoding.readAny(d);
			return n;
		}
		case CONTENT_TYPE:
			if (decoding.readVarUint(d) !== TYPE_MAP) throw new Unsplittable();
			return 1;
		default:
			throw new Unsplittable();
	}
}

interface Run {
	client: number;
	clock: number;
	structs: number;
	start: number;
	end: number;
}

/**
 * `update` unchanged when it holds at most `maxStructs` structs (or is not something this reads);
 * otherwise the same structs in several updates of at most `maxStructs` each, the delete set in the last.
 */
export function splitUpdate(update: Uint8Array, maxStructs = MAX_STRUCTS_PER_MESSAGE): Uint8Array[] {
	const runs: Run[] = [];
	let total = 0;
	let deleteSet: Uint8Array;
	try {
		const d = decoding.createDecoder(update);
		const blocks = decoding.readVarUint(d);
		for (let b = 0; b < blocks; b++) {
			const structs = decoding.readVarUint(d);
			const client = decoding.readVarUint(d);
			let clock = decoding.readVarUint(d);
			let run: Run = { client, clock, structs: 0, start: d.pos, end: d.pos };
			for (let i = 0; i < structs; i++) {
				if (run.structs === maxStructs) {
					runs.push(run);
					run = { client, clock, structs: 0, start: d.pos, end: d.pos };
				}
				const info = decoding.readUint8(d);
				const ref = info & 31;
				if (ref === 0 || ref === SKIP) {
					clock += decoding.readVarUint(d);
				} else {
					if (info & 128) (decoding.readVarUint(d), decoding.readVarUint(d));
					if (info & 64) (decoding.readVarUint(d), decoding.readVarUint(d));
					if ((info & (128 | 64)) === 0) {
						if (decoding.readVarUint(d) === 1) decoding.readVarString(d);
						else (decoding.readVarUint(d), decoding.readVarUint(d));
						if (info & 32) decoding.readVarString(d);
					}
					clock += skipContent(d, ref);
				}
				run.structs++;
				run.end = d.pos;
			}
			total += structs;
			runs.push(run);
		}
		deleteSet = update.subarray(d.pos);
	} catch {
		return [update];
	}
	if (total <= maxStructs) return [update];
	return runs.map((run, i) => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint(e, run.structs);
		encoding.writeVarUint(e, run.client);
		encoding.writeVarUint(e, run.clock);
		encoding.writeUint8Array(e, update.subarray(run.start, run.end));
		if (i === runs.length - 1) encoding.writeUint8Array(e, deleteSet);
		else encoding.writeVarUint(e, 0);
		return encoding.toUint8Array(e);
	});
}

/**
 * Make `provider` send each local update in pieces of at most `maxStructs` structs (splitUpdate).
 * Returns a function that puts the provider's own sending back.
 */
export function sendUpdatesInPieces(provider: WebsocketProvider, maxStructs = MAX_STRUCTS_PER_MESSAGE): () => void {
	const original = provider._updateHandler;
	const inPieces = (update: Uint8Array, origin: unknown) => {
		for (const piece of splitUpdate(update, maxStructs)) original(piece, origin);
	};
	provider.doc.off('update', original);
	provider.doc.on('update', inPieces);
	return () => {
		provider.doc.off('update', inPieces);
		provider.doc.on('update', original);
	};
}
