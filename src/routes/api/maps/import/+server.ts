// POST /api/maps/import — create a map from OWM, Mermaid, Stackmap JSON or CSV text (the body).
// 201 like POST /api/maps plus `format` and `warnings`; 400 `{error, errors:[{line, message}]}`; 413 `{error}`
// when the map is over the size limits (nothing created). See docs/api.md.
import { error, json } from '@sveltejs/kit';
import { applyColumnChoices, isInputFormat, type InputFormat } from '$lib/formats/index.js';
import { detectDelimiter, guessCsvMapping, parseCsv, type CsvMapping } from '$lib/formats/csv/index.js';
import { detectFormat } from '$lib/formats/owm/index.js';
import { importMapText, readBoundedText } from '$lib/server/import.js';
import { mapLinks } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

const TEXT_TYPES = /^(text\/[a-z0-9.+-]+|application\/json)?$/;

/** `?column.<field>=<header or number>` choices applied to the guessed CSV mapping; 400 on a bad choice. */
function csvMapping(text: string, url: URL): CsvMapping | undefined {
	const choices = [...url.searchParams].filter(([k]) => k.startsWith('column.')).map(([k, v]) => [k.slice(7), v] as const);
	if (choices.length === 0) return undefined;
	const headers = parseCsv(text, { delimiter: detectDelimiter(text) }).rows[0] ?? [];
	const { mapping, problems } = applyColumnChoices(guessCsvMapping(headers), choices, headers);
	if (problems.length) error(400, `Column mapping: ${problems.join('; ')}`);
	return mapping;
}

export const POST: RequestHandler = async ({ request, url }) => {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!TEXT_TYPES.test(type)) error(415, 'Send the map as text: Content-Type text/plain, text/csv or application/json');
	const formatParam = url.searchParams.get('format') ?? undefined;
	if (formatParam !== undefined && !isInputFormat(formatParam)) error(400, 'format must be owm, mermaid, json or csv');
	const text = await readBoundedText(request);
	const format: InputFormat | undefined = formatParam ?? (type === 'application/json' ? 'json' : undefined);
	const options = {
		format,
		title: url.searchParams.get('title') ?? undefined,
		partial: ['1', 'true'].includes(url.searchParams.get('partial') ?? ''),
		csvMapping: (format ?? detectFormat(text)) === 'csv' ? csvMapping(text, url) : undefined
	};
	const outcome = await importMapText(text, options);
	const { result } = outcome;
	if (outcome.kind === 'invalid') {
		const first = result.errors[0];
		return json(
			{ error: `The ${result.format === 'unknown' ? 'text' : result.format.toUpperCase()} has ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}; first at line ${first.line}: ${first.message}`, format: result.format, errors: result.errors, warnings: result.warnings },
			{ status: 400 }
		);
	}
	if (outcome.kind === 'too-big') return json({ error: outcome.message, format: result.format, components: result.map.components.length }, { status: 413 });
	const { id, keys } = outcome.created;
	return json(
		{ id, ...mapLinks(url.origin, id, keys), title: result.map.title, format: result.format, components: result.map.components.length, warnings: result.warnings, errors: result.errors },
		{ status: 201 }
	);
};
