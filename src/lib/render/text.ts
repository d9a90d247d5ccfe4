// Text for the drawing: cleaning user strings for XML, estimating widths without a DOM, and
// wrapping labels onto lines. Pure; imports nothing of the app.

/** Average glyph width as a share of the font size, for a sans-serif system font (an estimate). */
const CHAR_WIDTH = 0.56;
const BOLD_CHAR_WIDTH = 0.6;

// Characters XML 1.0 cannot carry (C0 controls except tab/newline, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A user string made safe to draw: no characters XML forbids, `\r\n` and `\r` turned into `\n`, tabs into spaces. */
export function cleanText(text: string): string {
	return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(NOT_XML, '');
}

/** Estimated width in px of one line of text at `size` px. */
export function textWidth(line: string, size: number, bold = false): number {
	return line.length * size * (bold ? BOLD_CHAR_WIDTH : CHAR_WIDTH);
}

/**
 * Split text into lines: at each `\n` (also the two characters `\` `n`, as OWM names write
 * them), then greedily at spaces so no line is wider than `maxWidth` px at `size` px; a single
 * word longer than that is cut. Empty text gives no lines.
 */
export function wrapText(text: string, maxWidth: number, size: number, bold = false): string[] {
	const maxChars = Math.max(4, Math.floor(maxWidth / (size * (bold ? BOLD_CHAR_WIDTH : CHAR_WIDTH))));
	const lines: string[] = [];
	for (const paragraph of cleanText(text).split(/\n|\\n/)) {
		let line = '';
		for (let word of paragraph.split(' ')) {
			if (word === '') continue;
			while (word.length > maxChars) {
				if (line) lines.push(line);
				lines.push(word.slice(0, maxChars));
				word = word.slice(maxChars);
				line = '';
			}
			if (!line) line = word;
			else if (line.length + 1 + word.length <= maxChars) line += ' ' + word;
			else {
				lines.push(line);
				line = word;
			}
		}
		lines.push(line);
	}
	while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	while (lines.length > 0 && lines[0] === '') lines.shift();
	return lines;
}
