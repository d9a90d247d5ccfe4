// The file formats Stackmap reads and writes: names, extensions, content types and size limits.
// Pure data shared by the file endpoints, the import form, the editor's export menu and the CLI.

/** Formats a map can be exported to. */
export type ExportFormat = 'svg' | 'png' | 'owm' | 'mermaid' | 'json' | 'csv';
/** Formats a map can be imported from. */
export type InputFormat = 'owm' | 'mermaid' | 'json' | 'csv';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['svg', 'png', 'owm', 'mermaid', 'json', 'csv'];
export const INPUT_FORMATS: readonly InputFormat[] = ['owm', 'mermaid', 'json', 'csv'];

export interface FileFormat {
	readonly format: ExportFormat;
	/** File extension without the dot; also the endpoint suffix (`/maps/<id>.<extension>`). */
	readonly extension: string;
	readonly contentType: string;
	/** What people call it, for menus and messages. */
	readonly label: string;
	/** Shown in place (`inline`) or downloaded (`attachment`) when opened in a browser. */
	readonly disposition: 'inline' | 'attachment';
}

/** One entry per export format. */
export const FILE_FORMATS: Readonly<Record<ExportFormat, FileFormat>> = Object.freeze({
	svg: { format: 'svg', extension: 'svg', contentType: 'image/svg+xml; charset=utf-8', label: 'SVG image', disposition: 'inline' },
	png: { format: 'png', extension: 'png', contentType: 'image/png', label: 'PNG image', disposition: 'inline' },
	owm: { format: 'owm', extension: 'owm', contentType: 'text/plain; charset=utf-8', label: 'OWM text', disposition: 'attachment' },
	mermaid: { format: 'mermaid', extension: 'mmd', contentType: 'text/plain; charset=utf-8', label: 'Mermaid wardley-beta', disposition: 'attachment' },
	json: { format: 'json', extension: 'json', contentType: 'application/json; charset=utf-8', label: 'Stackmap JSON', disposition: 'attachment' },
	csv: { format: 'csv', extension: 'csv', contentType: 'text/csv; charset=utf-8', label: 'CSV of components', disposition: 'attachment' }
} satisfies Record<ExportFormat, FileFormat>);

const BY_EXTENSION: Readonly<Record<string, ExportFormat>> = Object.freeze({
	svg: 'svg',
	png: 'png',
	owm: 'owm',
	wm: 'owm',
	txt: 'owm',
	mmd: 'mermaid',
	mermaid: 'mermaid',
	json: 'json',
	csv: 'csv',
	tsv: 'csv'
});

/** The format a file extension or CLI `--to` value names (`svg`, `wm`, `mmd`, `mermaid`, …), case-insensitive; undefined if none. */
export function formatOfExtension(extension: string): ExportFormat | undefined {
	const key = extension.replace(/^\./, '').toLowerCase();
	return Object.hasOwn(BY_EXTENSION, key) ? BY_EXTENSION[key] : undefined;
}

/** The format a file name's extension gives (`plan.owm` → owm); undefined when it says nothing. */
export function formatOfFileName(name: string): ExportFormat | undefined {
	const dot = name.lastIndexOf('.');
	return dot > 0 && dot > name.lastIndexOf('/') ? formatOfExtension(name.slice(dot + 1)) : undefined;
}

/** True for a format that can be read back into a map. */
export function isInputFormat(format: string | undefined): format is InputFormat {
	return (INPUT_FORMATS as readonly string[]).includes(format ?? '');
}

/** Largest text an import accepts, in bytes (5 MiB): far beyond any real map, small enough to parse at once. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** PNG scale factors accepted (device pixels per SVG pixel). */
export const MIN_PNG_SCALE = 1;
export const MAX_PNG_SCALE = 4;
