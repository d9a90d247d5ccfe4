// What the home page's import form shows after a submit: the text, the format, line-numbered
// problems and, for CSV, the column-mapping step. Plain data shared by the form action and the components.
import type { CsvTable, InputFormat, ReadResult } from '../formats/index.js';
import type { Diagnostic } from '../formats/owm/index.js';

export interface ImportFormState {
	/** The text as submitted (a chosen file's content), so the user can fix it in place. */
	readonly text: string;
	/** The format chosen in the form ('auto': detect). */
	readonly format: InputFormat | 'auto';
	/** The format that was read. */
	readonly detected: InputFormat | 'unknown';
	readonly title: string;
	readonly errors: readonly Diagnostic[];
	readonly warnings: readonly Diagnostic[];
	/** A problem with the whole submission (nothing given, too large). */
	readonly message: string;
	/** CSV: headers, the mapping in use and a sample; present means "show the mapping step". */
	readonly csv: CsvTable | null;
	/** What could be read despite the errors. */
	readonly counts: { readonly components: number; readonly links: number };
}

/** The form's state for a read result. */
export function formState(text: string, format: InputFormat | 'auto', title: string, result: ReadResult): ImportFormState {
	return {
		text,
		format,
		detected: result.format,
		title,
		errors: result.errors,
		warnings: result.warnings,
		message: '',
		csv: result.csv ?? null,
		counts: { components: result.map.components.length, links: result.map.links.length }
	};
}

/** The form's state for a problem with the whole submission. */
export function messageState(message: string, text = '', format: InputFormat | 'auto' = 'auto'): ImportFormState {
	return { text, format, detected: 'unknown', title: '', errors: [], warnings: [], message, csv: null, counts: { components: 0, links: 0 } };
}

/** "3 errors" / "1 warning". */
export function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Most diagnostics a page lists (the rest are counted): a broken 5 MB file could have 100,000. */
export const MAX_LISTED = 100;
