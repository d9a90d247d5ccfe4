// The `stackmap` command line: convert map files between formats offline, or import one into a
// running server. bin/stackmap.js runs main() from the compiled copy in dist/cli/.
import { UsageError, parseCliArgs } from './args.js';
import { convert } from './convert.js';
import { importCommand, DEFAULT_SERVER } from './import.js';
import { backupCommand } from './backup.js';
import { moveCommand } from './move.js';
import { InputError, type Streams } from './io.js';

export const HELP = `stackmap — Wardley maps for council technology stacks, on the command line

Usage:
  stackmap convert <in> --to <format> [-o <out>] [options]
  stackmap import <file> [--server <url>] [options]
  stackmap backup <file> [--data <dir>]
  stackmap restore <file> [--data <dir>]
  DATABASE_URL=postgres://… stackmap move-to-postgres [--data <dir>]
  stackmap --help

Commands:
  convert   Convert a map file to another format, offline (no server needed).
            <in> and <out> may be - for stdin / stdout (the default output).
  import    Create a new map on a running Stackmap server from a map file and
            print its facilitator, edit and view links.
  backup    Copy the SQLite store (with its edit journal) into one new file,
            safely while the server runs.
  restore   Put a backup in place of the store. Stop the server first.
  move-to-postgres
            Copy everything the SQLite store holds into the empty PostgreSQL
            database at DATABASE_URL. Stop the server first.

Formats:
  in:   owm (.owm .wm .txt), mermaid (.mmd .mermaid; wardley-beta), json (Stackmap JSON), csv (.csv .tsv)
        — from --from, else the file extension, else the content
  out:  svg, png, owm, mermaid, json, csv — from --to, else the extension of -o

Options:
  -t, --to <format>        output format (convert)
  -f, --from <format>      input format, when the extension or content cannot tell
  -o, --output <file>      output file (convert; default stdout)
  -s, --scale <n>          PNG scale, 1 to 4 (default 1)
      --theme <name>       SVG/PNG theme: default, high-contrast, projector
      --title <text>       title of the map (default: the file's own; CSV: "Imported map")
      --column <f>=<col>   CSV: which column holds a field, by header or number (repeatable),
                           e.g. --column name=System --column supplier=3 --column notes=none
      --partial            write or import what could be read despite errors
      --server <url>       server for import (default $STACKMAP_SERVER or ${DEFAULT_SERVER})
      --json               import: print the server's answer as JSON
      --data <dir>         backup/restore/move-to-postgres: the data folder (default $STACKMAP_DATA or ./data)
  -q, --quiet              no warnings
  -h, --help               this help

Exit codes: 0 done, 1 the input has errors (printed as file:line: error: message)
or the server refused, 2 wrong usage.

Examples:
  stackmap convert "Tea Shop.owm" --to svg -o tea.svg
  stackmap convert tea.owm -o tea.png --scale 2
  cat register.csv | stackmap convert - --from csv --to owm --column name=System
  stackmap import tea.owm --server http://localhost:3000
`;

const defaultStreams: Streams = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

/** Run the command line `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Streams = defaultStreams): Promise<number> {
	try {
		const args = parseCliArgs(argv);
		if (args.help || args.command === 'help' || (args.command === undefined && !args.version)) {
			io.stdout.write(HELP);
			return args.command === undefined && !args.help ? 2 : 0;
		}
		if (args.version) {
			io.stdout.write('stackmap 0.1.0\n');
			return 0;
		}
		if (args.command === 'convert') return await convert(args, io);
		if (args.command === 'import') return await importCommand(args, io);
		if (args.command === 'backup' || args.command === 'restore') return await backupCommand(args, io);
		if (args.command === 'move-to-postgres') return await moveCommand(args, io);
		throw new UsageError(`unknown command "${args.command}" (commands: convert, import, backup, restore, move-to-postgres)`);
	} catch (e) {
		if (e instanceof UsageError) {
			io.stderr.write(`stackmap: ${e.message}\nTry: stackmap --help\n`);
			return 2;
		}
		if (e instanceof InputError) {
			io.stderr.write(`stackmap: ${e.message}\n`);
			return 1;
		}
		throw e;
	}
}
