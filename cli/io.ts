// Reading the input and writing the output of a CLI command: files, or stdin/stdout for '-'.
import { readFile, writeFile } from 'node:fs/promises';
import { MAX_IMPORT_BYTES } from '../src/lib/formats/index.js';
import type { Diagnostic } from '../src/lib/formats/owm/index.js';

/** What a command writes to: stdout and stderr (tests pass their own). */
export interface Streams {
	readonly stdin: NodeJS.ReadableStream;
	readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
	readonly stderr: NodeJS.WritableStream;
}

/** A problem with the input (exit code 1). */
export class InputError extends Error {
	override readonly name = 'InputError';
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
		size += b.byteLength;
		if (size > MAX_IMPORT_BYTES) throw new InputError(`input is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
		chunks.push(b);
	}
	return Buffer.concat(chunks);
}

/** The text of `path`, or of stdin for '-'. */
export async function readInput(path: string, io: Streams): Promise<string> {
	let bytes: Buffer;
	try {
		bytes = path === '-' ? await readStream(io.stdin) : await readFile(path);
	} catch (e) {
		if (e instanceof InputError) throw e;
		const code = (e as NodeJS.ErrnoException).code;
		throw new InputError(code === 'ENOENT' ? `${path}: no such file` : code === 'EISDIR' ? `${path}: is a folder, not a file` : `${path}: ${(e as Error).message}`);
	}
	if (bytes.byteLength > MAX_IMPORT_BYTES) throw new InputError(`${path}: larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
	return bytes.toString('utf8');
}

/** Write `body` to `path`, or to stdout for '-' or no path. */
export async function writeOutput(path: string | undefined, body: string | Uint8Array, io: Streams): Promise<void> {
	if (path === undefined || path === '-') {
		await new Promise<void>((resolve, reject) => io.stdout.write(body, (err) => (err ? reject(err) : resolve())));
		return;
	}
	await writeFile(path, body);
}

/** Print diagnostics as `file:line: kind: message`, the form editors and CI logs link to. */
export function printDiagnostics(io: Streams, file: string, kind: 'error' | 'warning', list: readonly Diagnostic[]): void {
	const name = file === '-' ? '<stdin>' : file;
	for (const d of list) io.stderr.write(`${name}:${d.line}: ${kind}: ${d.message}\n`);
}
