// Command-line arguments of `stackmap`: the command, its operands and options (node:util parseArgs),
// with usage errors as exceptions the entry point turns into exit code 2.
import { parseArgs } from 'node:util';

/** A mistake in how the command was called (exit code 2, with a hint to --help). */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}

export interface CliArgs {
	readonly command: string | undefined;
	readonly operands: readonly string[];
	readonly to?: string;
	readonly from?: string;
	readonly output?: string;
	readonly scale?: string;
	readonly theme?: string;
	readonly title?: string;
	readonly server?: string;
	readonly data?: string;
	readonly columns: readonly string[];
	readonly partial: boolean;
	readonly quiet: boolean;
	readonly json: boolean;
	readonly help: boolean;
	readonly version: boolean;
}

/** Parse `argv` (without node and the script). Unknown options are usage errors. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
	try {
		const { values, positionals } = parseArgs({
			args: [...argv],
			allowPositionals: true,
			strict: true,
			options: {
				to: { type: 'string', short: 't' },
				from: { type: 'string', short: 'f' },
				output: { type: 'string', short: 'o' },
				scale: { type: 'string', short: 's' },
				theme: { type: 'string' },
				title: { type: 'string' },
				server: { type: 'string' },
				data: { type: 'string' },
				column: { type: 'string', multiple: true },
				partial: { type: 'boolean', default: false },
				quiet: { type: 'boolean', short: 'q', default: false },
				json: { type: 'boolean', default: false },
				help: { type: 'boolean', short: 'h', default: false },
				version: { type: 'boolean', short: 'v', default: false }
			}
		});
		const [command, ...operands] = positionals;
		return {
			command,
			operands,
			to: values.to,
			from: values.from,
			output: values.output,
			scale: values.scale,
			theme: values.theme,
			title: values.title,
			server: values.server,
			data: values.data,
			columns: values.column ?? [],
			partial: values.partial ?? false,
			quiet: values.quiet ?? false,
			json: values.json ?? false,
			help: values.help ?? false,
			version: values.version ?? false
		};
	} catch (e) {
		throw new UsageError((e as Error).message);
	}
}

/** `--column field=header` options as [field, column] pairs. */
export function columnChoices(columns: readonly string[]): [string, string][] {
	return columns.map((c) => {
		const eq = c.indexOf('=');
		if (eq <= 0) throw new UsageError(`--column wants field=column (e.g. --column supplier=Vendor), not "${c}"`);
		return [c.slice(0, eq).trim(), c.slice(eq + 1)];
	});
}
