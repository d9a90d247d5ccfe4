// What the home page's import form shows after a submit: the text, the format, line-numbered
// problems and, for CSV, the column-mapping step. Plain data shared by the form action and the components.
import type { CsvTable, InputFormat, ReadSummary } from '../formats/index.js';
import type { Diagnostic } from '../formats/owm/index.js';

export interface ImportFormState {
	/**
	 * The text as submitted (a chosen file's content), so the user can fix it in place; null when it
	 * is longer than MAX_ECHO_LENGTH and the answer is not the CSV mapping step (the page keeps what it has).
	 */
	readonly text: string | null;
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

/**
 * Longest text sent back in the page, characters: rendering a page around megabytes of text blocks
 * the server for a third of a second, and nobody fixes a map that size in a text box.
 */
export const MAX_ECHO_LENGTH = 512 * 1024;

/** `text` when it is short enough to send back, else null. */
export function echoed(text: string): string | null {
	return text.length <= MAX_ECHO_LENGTH ? text : null;
}

/** The form's state for what the server read; the CSV mapping step carries its text whatever its size. */
export function formState(text: string, format: InputFormat | 'auto', title: string, summary: ReadSummary, mappingStep = false): ImportFormState {
	return {
		text: mappingStep ? text : echoed(text),
		format,
		detected: summary.format,
		title,
		errors: summary.errors,
		warnings: summary.warnings,
		message: '',
		csv: summary.csv ?? null,
		counts: summary.counts
	};
}

/** The form's state for a problem with the whole submission. */
export function messageState(message: string, text = '', format: InputFormat | 'auto' = 'auto'): ImportFormState {
	return { text: echoed(text), format, detected: 'unknown', title: '', errors: [], warnings: [], message, csv: null, counts: { components: 0, links: 0 } };
}

/** "3 errors" / "1 warning". */
export function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Most diagnostics a page lists (the rest are counted): a broken 5 MB file could have 100,000. */
export const MAX_LISTED = 100;
