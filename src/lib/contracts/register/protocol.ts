// Messages between the editor and the register import's worker. Plain data (structured clone).
import type { MapSnapshot } from '../../map/types.js';
import type { RegisterMapping } from './fields.js';
import type { RegisterImport } from './read.js';

export interface RegisterRequest {
	readonly id: number;
	readonly text: string;
	readonly snapshot: MapSnapshot;
	/** The person's column choices (CSV); absent: guessed from the headers. */
	readonly mapping?: RegisterMapping;
}

export type RegisterResponse = { readonly id: number; readonly result: RegisterImport } | { readonly id: number; readonly error: string };
