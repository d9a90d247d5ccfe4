// The home page's "Import a map" form action: paste or file → read on the server's workers →
// (CSV: the column-mapping step) → a new map opened with its facilitator link. Works without
// JavaScript. Server only.
import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { isInputFormat, MAX_IMPORT_BYTES, type InputFormat } from '../formats/index.js';
import { formState, messageState, MAX_LISTED, type ImportFormState } from '../import/state.js';
import { declaredTooLarge, facilitatorAddress, importMapText, TOO_LARGE } from './import.js';

type Result = ActionFailure<{ import: ImportFormState }> | { import: ImportFormState };

/** Form overhead allowed on top of the text (multipart boundaries, the other fields). */
const FORM_OVERHEAD = 64 * 1024;

function trimmed(state: ImportFormState): ImportFormState {
	return { ...state, errors: state.errors.slice(0, MAX_LISTED), warnings: state.warnings.slice(0, MAX_LISTED) };
}

/** The columns chosen in the mapping step's selects (`column.<field>` = 1-based column number or ''). */
function columnChoices(data: FormData): [string, string][] {
	return [...data.entries()].filter(([k, v]) => k.startsWith('column.') && typeof v === 'string').map(([k, v]) => [k.slice(7), v as string]);
}

async function formText(data: FormData): Promise<string | null> {
	const file = data.get('file');
	if (file instanceof File && file.size > 0) return file.size > MAX_IMPORT_BYTES ? null : file.text();
	return String(data.get('text') ?? '');
}

/**
 * Handle a submit of the import form or of the CSV mapping step (`mapped=1` with `column.<field>`
 * selects; `step=create` or `partial=1` creates, anything else only checks the mapping).
 * Redirects to the new map; otherwise returns what the form should show (400/413 on problems, 503
 * when the server's import workers are all busy).
 */
export async function importFormAction(request: Request): Promise<Result> {
	if (declaredTooLarge(request, MAX_IMPORT_BYTES + FORM_OVERHEAD)) return fail(413, { import: messageState(TOO_LARGE) });
	let data: FormData;
	try {
		data = await request.formData();
	} catch (e) {
		if ((e as { status?: number }).status === 413) return fail(413, { import: messageState(TOO_LARGE) });
		throw e;
	}
	const formatField = String(data.get('format') ?? 'auto');
	const format: InputFormat | 'auto' = isInputFormat(formatField) ? formatField : 'auto';
	const text = await formText(data);
	if (text === null || Buffer.byteLength(text) > MAX_IMPORT_BYTES) return fail(413, { import: messageState(TOO_LARGE, '', format) });
	if (!text.trim()) return fail(400, { import: messageState('Paste a map or choose a file to import.', text, format) });
	const title = String(data.get('title') ?? '').trim();
	const partial = data.get('partial') === '1';
	const create = partial || data.get('step') === 'create';
	const mapped = data.get('mapped') === '1';
	const outcome = await importMapText(text, {
		format: format === 'auto' ? undefined : format,
		title: title || undefined,
		partial,
		csvColumns: mapped ? { from: 'blank', choices: columnChoices(data) } : undefined,
		// A CSV always goes through the mapping step before anything is created.
		csvReadOnly: !(mapped && create)
	});
	if (outcome.kind === 'created') redirect(303, facilitatorAddress(outcome.created));
	if (outcome.kind === 'refused') return fail(outcome.status, { import: messageState(outcome.message, text, format) });
	if (outcome.kind === 'bad-columns') return fail(400, { import: messageState(outcome.message, text, format) });
	const state = trimmed(formState(text, format, title, outcome.summary, outcome.kind === 'read'));
	if (outcome.kind === 'too-big') return fail(413, { import: { ...state, message: outcome.message } });
	if (outcome.kind === 'read') return { import: state };
	return fail(400, { import: state });
}
