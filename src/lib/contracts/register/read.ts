// One entry for the import: read a file (a CSV register or OCDS JSON) and match its rows to a map.
// Pure; the browser runs it in a worker (worker.ts), tests and the bench call it directly.
import type { Vocabulary } from '../../catalogue/types.js';
import type { MapSnapshot } from '../../map/types.js';
import type { RegisterMapping } from './fields.js';
import { matchRows, type Proposal } from './match.js';
import { readRegisterCsv } from './read-csv.js';
import { readOcds } from './read-ocds.js';
import type { BadRow } from './types.js';

export type RegisterFormat = 'csv' | 'ocds';

export interface RegisterImport {
	readonly format: RegisterFormat;
	/** CSV: the header row, its line and the mapping used (empty for OCDS). */
	readonly headers: readonly string[];
	readonly headerLine: number;
	readonly mapping: RegisterMapping;
	/** CSV: the first row's cells, as written. */
	readonly sample: readonly string[];
	readonly proposals: Proposal[];
	readonly bad: BadRow[];
	/** A problem with the whole file ('' when it could be read). */
	readonly error: string;
}

/** 'ocds' for JSON text (it starts with { or [), else 'csv'. */
export function registerFormat(text: string): RegisterFormat {
	return /^\uFEFF?\s*[[{]/.test(text) ? 'ocds' : 'csv';
}

/** Read a register file and propose what to do with each row. `mapping`: the person's column choices (CSV). */
export function importRegister(text: string, snapshot: MapSnapshot, vocabulary: Vocabulary, mapping?: RegisterMapping): RegisterImport {
	if (registerFormat(text) === 'ocds') {
		const r = readOcds(text);
		return { format: 'ocds', headers: [], headerLine: 0, mapping: {}, sample: [], proposals: matchRows(r.rows, snapshot, vocabulary), bad: r.bad, error: r.error };
	}
	const r = readRegisterCsv(text, mapping);
	const error = r.headerLine === 0 ? 'the file holds no rows' : '';
	return { format: 'csv', headers: r.headers, headerLine: r.headerLine, mapping: r.mapping, sample: r.sample, proposals: matchRows(r.rows, snapshot, vocabulary), bad: r.bad, error };
}
