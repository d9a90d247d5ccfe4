// Import on the server: read a bounded request body, read the map text, and create a map from it
// (loaded into a fresh document with loadSnapshot). Shared by POST /api/maps/import and the home page form.
import { error } from '@sveltejs/kit';
import * as Y from 'yjs';
import { MAX_IMPORT_BYTES, readMapText, type ReadOptions, type ReadResult } from '../formats/index.js';
import { loadSnapshot, type MapSnapshot } from '../map/index.js';
import { isMapTooBig, stackmap, type CreatedMap } from './context.js';

export const TOO_LARGE = `The file is too large: imports are limited to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`;

/** True when the request says (Content-Length) it is larger than `limit` bytes. */
export function declaredTooLarge(request: Request, limit = MAX_IMPORT_BYTES): boolean {
	const length = Number(request.headers.get('content-length') ?? '0');
	return Number.isFinite(length) && length > limit;
}

/** The request body as UTF-8 text, at most `limit` bytes: a 413 error past that, even when streamed without a length. */
export async function readBoundedText(request: Request, limit = MAX_IMPORT_BYTES): Promise<string> {
	if (declaredTooLarge(request, limit)) error(413, TOO_LARGE);
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		let chunk: ReadableStreamReadResult<Uint8Array>;
		try {
			chunk = await reader.read();
		} catch (e) {
			// adapter-node's own limit (BODY_SIZE_LIMIT) ends the stream with a 413.
			if ((e as { status?: number }).status === 413) error(413, TOO_LARGE);
			throw e;
		}
		const { done, value } = chunk;
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			error(413, TOO_LARGE);
		}
		chunks.push(value);
	}
	return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Create a new private map holding `map` (its ids kept); resolves once it is stored. */
export async function createMapFrom(map: MapSnapshot): Promise<CreatedMap> {
	const doc = new Y.Doc();
	loadSnapshot(doc, map);
	try {
		return await stackmap().createMap({ doc });
	} finally {
		doc.destroy();
	}
}

export type ImportOutcome =
	| { readonly kind: 'created'; readonly created: CreatedMap; readonly result: ReadResult }
	| { readonly kind: 'invalid'; readonly result: ReadResult }
	/** Read fine, but over the map size limits: nothing was created. */
	| { readonly kind: 'too-big'; readonly message: string; readonly result: ReadResult };

/**
 * Read `text` and create a map from it. With errors nothing is created ('invalid') unless
 * `partial` is set and the format was recognised: then what could be read is imported.
 */
export async function importMapText(text: string, options: ReadOptions & { partial?: boolean }): Promise<ImportOutcome> {
	const result = readMapText(text, options);
	if (result.format === 'unknown' || (result.errors.length > 0 && !options.partial)) return { kind: 'invalid', result };
	try {
		return { kind: 'created', created: await createMapFrom(result.map), result };
	} catch (err) {
		if (isMapTooBig(err)) return { kind: 'too-big', message: err.message, result };
		throw err;
	}
}

/** The facilitator's address of a new map; the other two links travel in the fragment (never sent to a server). */
export function facilitatorAddress(created: CreatedMap): string {
	return `/maps/${created.id}?key=${created.keys.facilitator}#share=${created.keys.participant}.${created.keys.viewer}`;
}
