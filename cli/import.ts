// `stackmap import <file> [--server URL]`: create a map on a running Stackmap server from a map file
// (POST /api/maps/import) and print its links. Errors come back with line numbers.
import { MAX_IMPORT_BYTES, type InputFormat } from '../src/lib/formats/index.js';
import { detectFormat, type Diagnostic } from '../src/lib/formats/owm/index.js';
import { UsageError, columnChoices, type CliArgs } from './args.js';
import { inputFormat } from './convert.js';
import { InputError, printDiagnostics, readInput, type Streams } from './io.js';

/** Where to import to when --server is not given. */
export const DEFAULT_SERVER = 'http://localhost:3000';

/** Content types the server accepts from any client (SvelteKit refuses a cross-site text/plain post). */
const CONTENT_TYPES: Record<InputFormat, string> = {
	owm: 'text/x-owm; charset=utf-8',
	mermaid: 'text/vnd.mermaid; charset=utf-8',
	json: 'application/json; charset=utf-8',
	csv: 'text/csv; charset=utf-8'
};

interface Created {
	id: string;
	title: string;
	format: InputFormat;
	components: number;
	facilitatorUrl: string;
	editUrl: string;
	viewUrl: string;
	warnings: Diagnostic[];
	errors: Diagnostic[];
}

function serverUrl(value: string | undefined): URL {
	const raw = value ?? process.env.STACKMAP_SERVER ?? DEFAULT_SERVER;
	try {
		const url = new URL(raw);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
		return url;
	} catch {
		throw new UsageError(`--server must be an http(s) address like ${DEFAULT_SERVER}, not "${raw}"`);
	}
}

/** Run `import`; resolves to the exit code. */
export async function importCommand(args: CliArgs, io: Streams): Promise<number> {
	const [input, extra] = args.operands;
	if (input === undefined) throw new UsageError('import needs a map file (or - for stdin)');
	if (extra !== undefined) throw new UsageError(`import takes one file, not also "${extra}"`);
	const server = serverUrl(args.server);
	const text = await readInput(input, io);
	const detected = inputFormat(input, args.from) ?? detectFormat(text);
	const format: InputFormat = detected === 'unknown' ? 'owm' : detected;
	const url = new URL('api/maps/import', server.href.endsWith('/') ? server : `${server.href}/`);
	if (detected !== 'unknown') url.searchParams.set('format', format);
	if (args.title) url.searchParams.set('title', args.title);
	if (args.partial) url.searchParams.set('partial', '1');
	for (const [field, column] of columnChoices(args.columns)) url.searchParams.append(`column.${field}`, column);
	if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) throw new InputError(`${input}: larger than the server accepts`);
	let res: Response;
	try {
		res = await fetch(url, { method: 'POST', headers: { 'content-type': CONTENT_TYPES[format] }, body: text });
	} catch (e) {
		const cause = (e as { cause?: { code?: string } }).cause?.code;
		throw new InputError(`cannot reach the Stackmap server at ${server.origin}${cause ? ` (${cause})` : ''}: is it running? Start one with \`npm start\` or pass --server URL`);
	}
	const body = (await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }))) as Partial<Created> & { error?: string };
	if (!args.quiet) printDiagnostics(io, input, 'warning', body.warnings ?? []);
	if (res.status !== 201) {
		printDiagnostics(io, input, 'error', body.errors ?? []);
		io.stderr.write(`stackmap import: ${res.status}: ${body.error ?? 'failed'}\n`);
		return 1;
	}
	printDiagnostics(io, input, 'error', body.errors ?? []);
	const created = body as Created;
	if (args.json) {
		io.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
		return 0;
	}
	io.stdout.write(
		[
			`Created “${created.title}” (${created.components} components, from ${created.format.toUpperCase()}).`,
			`Facilitator (keep private): ${created.facilitatorUrl}`,
			`Edit (participants):        ${created.editUrl}`,
			`View (anyone you choose):   ${created.viewUrl}`,
			''
		].join('\n')
	);
	return 0;
}
