// POST /api/maps/import — create a map from OWM, Mermaid, Stackmap JSON or CSV text (the body).
// 201 like POST /api/maps plus `format` and `warnings`; 400 `{error, errors:[{line, message}]}`; 413 `{error}`
// when the map is over the size limits (nothing created); 503 with Retry-After when the server's
// import workers are all busy. The text is read on a worker thread. See docs/api.md.
import { error, json } from '@sveltejs/kit';
import { isInputFormat, type InputFormat } from '$lib/formats/index.js';
import { importMapText, readBoundedBody } from '$lib/server/import.js';
import { mapLinks } from '$lib/server/maps.js';
import { refusalResponse } from '$lib/server/work.js';
import type { RequestHandler } from './$types';

const TEXT_TYPES = /^(text\/[a-z0-9.+-]+|application\/json)?$/;

export const POST: RequestHandler = async ({ request, url }) => {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!TEXT_TYPES.test(type)) error(415, 'Send the map as text: Content-Type text/plain, text/csv or application/json');
	const formatParam = url.searchParams.get('format') ?? undefined;
	if (formatParam !== undefined && !isInputFormat(formatParam)) error(400, 'format must be owm, mermaid, json or csv');
	const body = await readBoundedBody(request);
	const format: InputFormat | undefined = formatParam ?? (type === 'application/json' ? 'json' : undefined);
	// `?column.<field>=<header or number>`: changes to the guessed CSV mapping.
	const choices = [...url.searchParams].filter(([k]) => k.startsWith('column.')).map(([k, v]) => [k.slice(7), v] as const);
	const outcome = await importMapText(body, {
		format,
		title: url.searchParams.get('title') ?? undefined,
		partial: ['1', 'true'].includes(url.searchParams.get('partial') ?? ''),
		csvColumns: choices.length > 0 ? { from: 'guess', choices } : undefined
	});
	switch (outcome.kind) {
		case 'refused':
			return refusalResponse(outcome);
		case 'bad-columns':
			error(400, outcome.message);
		case 'too-big': {
			const { summary, message, components, line } = outcome;
			return json({ error: message, format: summary.format, components, ...(line !== undefined ? { line } : {}) }, { status: 413 });
		}
		case 'invalid':
		case 'read': {
			const { format: read, errors, errorCount, warnings } = outcome.summary;
			const first = errors[0];
			const what = read === 'unknown' ? 'text' : read.toUpperCase();
			const message = `The ${what} has ${errorCount} error${errorCount === 1 ? '' : 's'}; first at line ${first?.line ?? 1}: ${first?.message ?? 'not read'}`;
			return json({ error: message, format: read, errors, warnings }, { status: 400 });
		}
		case 'created': {
			const { id, keys } = outcome.created;
			const { title, format: read, counts, warnings, errors } = outcome.summary;
			return json({ id, ...mapLinks(url.origin, id, keys), title, format: read, components: counts.components, warnings, errors }, { status: 201 });
		}
	}
};
