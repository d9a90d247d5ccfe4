// Download file names from map titles: only letters, digits, '-', '_' and '.', never empty.

/** Longest base name (before the extension) a download gets. */
const MAX_BASE = 80;

/**
 * A safe file name for `title` with `extension`: accents dropped, anything but letters, digits,
 * `-` and `_` becomes one `-`, at most 80 characters; 'map' when nothing is left.
 * `safeFileName('Revenues & Benefits', 'svg')` → `Revenues-Benefits.svg`.
 */
export function safeFileName(title: string, extension: string): string {
	const base = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9_-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^[-_]+|[-_]+$/g, '')
		.slice(0, MAX_BASE)
		.replace(/[-_]+$/, '');
	return `${base || 'map'}.${extension.replace(/[^A-Za-z0-9]/g, '')}`;
}

/** A `Content-Disposition` header value for a file name made by safeFileName (already plain ASCII). */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
	return `${kind}; filename="${fileName}"`;
}
