// The heavy work on uploaded text and map images, as plain functions of plain data: read an
// import (stopping at the read limits) and prepare its document; render a PNG. Run by the worker
// threads (worker.ts), or inline when there are none. Nothing here touches the store or rooms.
import * as Y from 'yjs';
import { applyColumnChoices, readMapText, summarise, type InputFormat, type ReadSummary } from '../../src/lib/formats/index.js';
import { loadSnapshot, type MapSnapshot, type ReadLimits } from '../../src/lib/map/index.js';
import type { ThemeName } from '../../src/lib/render/index.js';
import { renderPng } from '../../src/lib/server/png.js';
import { MapTooBigError, type MapLimits } from '../collab/size.js';
import { prepareMap, type PreparedMap } from './prepare.js';

/** Read map text for a new map. */
export interface ImportJob {
	readonly kind: 'import';
	/** The text, or its UTF-8 bytes (moved to the worker rather than copied; decoded there). */
	readonly text: string | Uint8Array;
	/** Otherwise detected. */
	readonly format?: InputFormat;
	readonly title?: string;
	/** Prepare what could be read even when there are errors. */
	readonly partial?: boolean;
	/**
	 * CSV only: column choices (`[field, header, 1-based number or 'none']`) applied to the guessed
	 * mapping (`from: 'guess'`; a bad choice is a 'bad-columns' answer) or to none (`from: 'blank'`).
	 */
	readonly csvColumns?: { readonly from: 'guess' | 'blank'; readonly choices: readonly (readonly [string, string])[] };
	/** CSV only: read, do not prepare (the column-mapping step comes first). */
	readonly csvReadOnly?: boolean;
	readonly limits: ReadLimits & MapLimits;
}

/** Render a map as PNG. */
export interface PngJob {
	readonly kind: 'png';
	readonly snapshot: MapSnapshot;
	readonly scale: number;
	readonly theme: ThemeName;
	/** Ids in focus (a filtered view; the rest dimmed), or absent for all. Plain array: it crosses threads. */
	readonly focus?: readonly string[];
	/** Canvas size in px (`?size=a4|a3`); absent: the map's default. */
	readonly width?: number;
	readonly height?: number;
}

export type Job = ImportJob | PngJob;

/** What an import job found. Only 'ready' carries a map to store. */
export type ImportRead =
	| { readonly kind: 'ready'; readonly summary: ReadSummary; readonly map: PreparedMap }
	/** A CSV read for its column-mapping step (csvReadOnly). */
	| { readonly kind: 'read'; readonly summary: ReadSummary }
	/** Not a map format, or errors without `partial`. */
	| { readonly kind: 'invalid'; readonly summary: ReadSummary }
	/** Over a read limit or the map size limits: `line` where reading stopped, `components` as many as the text has. */
	| { readonly kind: 'too-big'; readonly summary: ReadSummary; readonly message: string; readonly components: number; readonly line?: number }
	| { readonly kind: 'bad-columns'; readonly message: string };

export type JobResult<J extends Job> = J extends ImportJob ? ImportRead : Uint8Array;

function readImport(job: ImportJob): ImportRead {
	const text = typeof job.text === 'string' ? job.text : new TextDecoder().decode(job.text);
	const options = { format: job.format, title: job.title, limits: job.limits };
	let result = readMapText(text, options);
	if (result.format === 'csv' && result.csv && job.csvColumns && !result.overLimit) {
		const { from, choices } = job.csvColumns;
		const { mapping, problems } = applyColumnChoices(from === 'guess' ? result.csv.mapping : {}, choices, result.csv.headers);
		if (from === 'guess' && problems.length > 0) return { kind: 'bad-columns', message: `Column mapping: ${problems.join('; ')}` };
		result = readMapText(text, { ...options, format: 'csv', csvMapping: mapping });
	}
	const summary = summarise(result);
	const over = result.overLimit;
	if (over) return { kind: 'too-big', summary, message: over.message, line: over.line, components: over.limit === 'components' ? over.count : summary.counts.components };
	if (result.format === 'csv' && job.csvReadOnly) return { kind: 'read', summary };
	if (result.format === 'unknown' || (result.errors.length > 0 && !job.partial)) return { kind: 'invalid', summary };
	const doc = new Y.Doc();
	try {
		loadSnapshot(doc, result.map);
		return { kind: 'ready', summary, map: prepareMap(doc, job.limits) };
	} catch (err) {
		if (err instanceof MapTooBigError) return { kind: 'too-big', summary, message: err.message, components: summary.counts.components };
		throw err;
	} finally {
		doc.destroy();
	}
}

/** Do `job` on this thread. */
export function runJob<J extends Job>(job: J): JobResult<J> {
	const result = job.kind === 'import' ? readImport(job) : renderPng(job.snapshot, { scale: job.scale, theme: job.theme, focus: job.focus, width: job.width, height: job.height });
	return result as JobResult<J>;
}

/** The buffer of `bytes` when it is theirs alone (a pooled Buffer's is not), so it can be moved to another thread. */
function ownBuffer(bytes: Uint8Array | null): ArrayBuffer[] {
	return bytes && bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer] : [];
}

/** The buffers of `result` to move (not copy) to the thread that asked. */
export function transferables(result: ImportRead | Uint8Array): ArrayBuffer[] {
	return ownBuffer(result instanceof Uint8Array ? result : result.kind === 'ready' ? result.map.update : null);
}

/** The buffers of `job` to move (not copy) to the worker. */
export function jobTransferables(job: Job): ArrayBuffer[] {
	return ownBuffer(job.kind === 'import' && job.text instanceof Uint8Array ? job.text : null);
}
