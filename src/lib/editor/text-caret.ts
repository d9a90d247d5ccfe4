// Caret and line helpers for the text view's textarea: line/column of an offset, the offset of a
// line, and where the caret goes when the text is replaced. Pure.

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let start = 0;
	for (let i = 0; i < offset && i < text.length; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
			start = i + 1;
		}
	}
	return { line, column: offset - start + 1 };
}

/** Offsets of the start and end (before its newline) of 1-based `line`, clamped to the text. */
export function lineRange(text: string, line: number): { start: number; end: number } {
	let start = 0;
	for (let l = 1; l < line; l++) {
		const next = text.indexOf('\n', start);
		if (next < 0) break;
		start = next + 1;
	}
	const end = text.indexOf('\n', start);
	return { start, end: end < 0 ? text.length : end };
}

/** Where the caret at `offset` in `oldText` goes in `newText`, given a map of old line indexes to new ones. */
export function movedCaret(oldText: string, offset: number, newText: string, lineMap: readonly number[] | null): number {
	const { line, column } = lineColumn(oldText, offset);
	const newLine = lineMap ? (lineMap[line - 1] ?? lineMap.length) + 1 : line;
	const range = lineRange(newText, newLine);
	return Math.min(range.start + column - 1, range.end);
}

/** The line numbers shown beside the text, one per line. */
export function lineNumbers(count: number): string {
	let out = '';
	for (let i = 1; i <= count; i++) out += i === 1 ? '1' : `\n${i}`;
	return out;
}
