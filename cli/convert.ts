// `stackmap convert <in> --to svg|png|owm|mermaid|json|csv [-o out]`: any map file to any format,
// offline, with the same readers and writers as the server (PNG by resvg from the same SVG).
import {
	FILE_FORMATS,
	applyColumnChoices,
	formatOfExtension,
	formatOfFileName,
	isInputFormat,
	readMapText,
	withStableIds,
	writeMapText,
	type ExportFormat,
	type InputFormat
} from '../src/lib/formats/index.js';
import { detectDelimiter, guessCsvMapping, parseCsv, type CsvMapping } from '../src/lib/formats/csv/index.js';
import { detectFormat } from '../src/lib/formats/owm/index.js';
import { THEME_NAMES, type ThemeName } from '../src/lib/render/index.js';
import { renderPng } from '../src/lib/server/png.js';
import { UsageError, columnChoices, type CliArgs } from './args.js';
import { InputError, printDiagnostics, readInput, writeOutput, type Streams } from './io.js';

/** The input format: --from, else the file's extension, else detected from the text. */
export function inputFormat(path: string, from: string | undefined): InputFormat | undefined {
	if (from !== undefined) {
		const f = formatOfExtension(from);
		if (!isInputFormat(f)) throw new UsageError(`--from must be owm, mermaid, json or csv, not "${from}"`);
		return f;
	}
	const byName = path === '-' ? undefined : formatOfFileName(path);
	return isInputFormat(byName) ? byName : undefined;
}

function outputFormat(args: CliArgs): ExportFormat {
	const named = args.to ?? (args.output && args.output !== '-' ? formatOfFileName(args.output) : undefined);
	if (named === undefined) throw new UsageError('say which format to write: --to svg|png|owm|mermaid|json|csv');
	const format = formatOfExtension(named);
	if (!format) throw new UsageError(`--to must be svg, png, owm, mermaid, json or csv, not "${named}"`);
	return format;
}

function theme(value: string | undefined): ThemeName {
	if (value === undefined) return 'default';
	if (!(THEME_NAMES as readonly string[]).includes(value)) throw new UsageError(`--theme must be one of ${THEME_NAMES.join(', ')}`);
	return value as ThemeName;
}

function scale(value: string | undefined): number {
	if (value === undefined) return 1;
	const n = Number(value);
	if (!Number.isFinite(n) || n < 1 || n > 4) throw new UsageError('--scale must be a number from 1 to 4');
	return n;
}

/** `--column` choices applied to the mapping guessed from the CSV's header row. */
export function csvMappingOption(text: string, columns: readonly string[]): CsvMapping | undefined {
	if (columns.length === 0) return undefined;
	const headers = parseCsv(text, { delimiter: detectDelimiter(text) }).rows[0] ?? [];
	const { mapping, problems } = applyColumnChoices(guessCsvMapping(headers), columnChoices(columns), headers);
	if (problems.length) throw new UsageError(`--column: ${problems.join('; ')}`);
	return mapping;
}

/** Run `convert`; resolves to the exit code. */
export async function convert(args: CliArgs, io: Streams): Promise<number> {
	const [input, extra] = args.operands;
	if (input === undefined) throw new UsageError('convert needs an input file (or - for stdin)');
	if (extra !== undefined) throw new UsageError(`convert takes one input file, not also "${extra}"`);
	const to = outputFormat(args);
	const options = { theme: theme(args.theme), scale: scale(args.scale) };
	const from = inputFormat(input, args.from);
	const text = await readInput(input, io);
	const csv = (from ?? detectFormat(text)) === 'csv';
	const result = readMapText(text, { format: from, title: args.title, csvMapping: csv ? csvMappingOption(text, args.columns) : undefined });
	if (!args.quiet) printDiagnostics(io, input, 'warning', result.warnings);
	printDiagnostics(io, input, 'error', result.errors);
	if (result.format === 'unknown' || (result.errors.length > 0 && !args.partial)) {
		const n = result.errors.length;
		io.stderr.write(`${input === '-' ? '<stdin>' : input}: ${n} error${n === 1 ? '' : 's'}; nothing written${result.format === 'unknown' ? '' : ' (--partial writes what could be read)'}\n`);
		return 1;
	}
	if (to === 'png' && (args.output === undefined || args.output === '-') && io.stdout.isTTY) {
		throw new InputError('a PNG would be written to the terminal: use -o map.png (or pipe the output)');
	}
	// JSON keeps its own ids; the other readers make random ones, which would change every output.
	const map = result.format === 'json' ? result.map : withStableIds(result.map);
	const body = to === 'png' ? renderPng(map, options) : writeMapText(map, to, { theme: options.theme });
	await writeOutput(args.output, body, io);
	if (args.output && args.output !== '-' && !args.quiet) io.stderr.write(`${args.output}: ${FILE_FORMATS[to].label}, ${map.components.length} components\n`);
	return 0;
}
