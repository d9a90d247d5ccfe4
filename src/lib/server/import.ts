// Import on the server: read a bounded request body, have the server's workers read the map text
// and prepare its document, and create the map. Shared by POST /api/maps/import and the home page form.
import { error } from '@sveltejs/kit';
import { MAX_IMPORT_BYTES, type ReadSummary } from '../formats/index.js';
import { isMapTooBig, stackmap, type CreatedMap, type ImportJob, type ImportRead } from './context.js';
import { claimNewMap } from './auth/session.js';
import { workRefusal, type Refusal } from './work.js';

export const TOO_LARGE = `The file is too large: imports are limited to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`;

/** True when the request says (Content-Length) it is larger than `limit` bytes. */
export function declaredTooLarge(request: Request, limit = MAX_IMPORT_BYTES): boolean {
	const length = Number(request.headers.get('content-length') ?? '0');
	return Number.isFinite(length) && length > limit;
}

/**
 * The request body, at most `limit` bytes: a 413 error past that, even when streamed without a
 * length. The bytes own their buffer, so they can be moved to a worker thread and decoded there.
 */
export async function readBoundedBody(request: Request, limit = MAX_IMPORT_BYTES): Promise<Uint8Array> {
	if (declaredTooLarge(request, limit)) error(413, TOO_LARGE);
	if (!request.body) return new Uint8Array(0);
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
	const body = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		body.set(chunk, at);
		at += chunk.byteLength;
	}
	return body;
}

export type ImportOptions = Omit<ImportJob, 'kind' | 'limits' | 'text'>;

export type ImportOutcome =
	| { readonly kind: 'created'; readonly created: CreatedMap; readonly summary: ReadSummary }
	| Exclude<ImportRead, { kind: 'ready' }>
	/** The workers did not read it: busy (503), too slow or too much memory (413). */
	| ({ readonly kind: 'refused' } & Refusal);

/**
 * Read `text` (or its UTF-8 bytes, moved to the worker) on the server's workers (which stop at the read limits) and create a map from what
 * they prepared; this thread only stores it. With errors nothing is created ('invalid') unless
 * `partial` is set and the format was recognised.
 */
export async function importMapText(text: string | Uint8Array, options: ImportOptions): Promise<ImportOutcome> {
	const app = stackmap();
	let read: ImportRead;
	try {
		read = await app.work.readImport({ ...options, text });
	} catch (err) {
		const refusal = workRefusal(err);
		if (refusal) return { kind: 'refused', ...refusal };
		throw err;
	}
	if (read.kind !== 'ready') return read;
	try {
		const created = await app.createMap({ prepared: read.map });
		await claimNewMap(created.id);
		return { kind: 'created', created, summary: read.summary };
	} catch (err) {
		if (isMapTooBig(err)) return { kind: 'too-big', message: err.message, summary: read.summary, components: read.map.components };
		throw err;
	}
}

/** The facilitator's address of a new map; the other two links travel in the fragment (never sent to a server). */
export function facilitatorAddress(created: CreatedMap): string {
	return `/maps/${created.id}?key=${created.keys.facilitator}#share=${created.keys.participant}.${created.keys.viewer}`;
}
