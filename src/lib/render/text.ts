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

/** A word longer than the wrap width by at most this many characters stays whole (a slightly wider line). */
const SLACK = 2;
/** The shortest piece a hyphenated word leaves on a line. */
const MIN_PIECE = 3;

/** One unbreakable run of a paragraph and whether a space goes before it when it follows on the same line. */
interface Token {
	readonly text: string;
	readonly space: boolean;
}

/** Break opportunities: at spaces, after `/` and `-` inside a word, and before `(` inside a word. */
function tokens(paragraph: string): Token[] {
	const out: Token[] = [];
	for (const word of paragraph.split(' ')) {
		if (word === '') continue;
		const parts = word.split(/(?<=[^/\-][/-])(?=[^/-])|(?<=[^\s(])(?=\()/);
		parts.forEach((text, i) => out.push({ text, space: i === 0 }));
	}
	return out;
}

/** A word too long for one line: pieces of at most `maxChars` ending in `-`, none shorter than MIN_PIECE. */
function hyphenate(word: string, maxChars: number): string[] {
	if (word.length <= maxChars + SLACK) return [word];
	const step = Math.max(MIN_PIECE, maxChars - 1);
	const pieces: string[] = [];
	let rest = word;
	while (rest.length > maxChars + SLACK) {
		// Leave at least MIN_PIECE characters for the tail.
		const take = Math.min(step, rest.length - MIN_PIECE);
		pieces.push(rest.slice(0, take) + '-');
		rest = rest.slice(take);
	}
	pieces.push(rest);
	return pieces;
}

/**
 * Split text into lines: at each `\n` (also the two characters `\` `n`, as OWM names write
 * them), then greedily at word breaks (spaces; after `/` and `-`; before `(`) so that lines fit
 * `maxWidth` px at `size` px. Words are never cut mid-word, except one longer than the width by
 * more than two characters, which is hyphenated into pieces of three characters or more. A
 * one-character last line (`&`) joins the line before it. Empty text gives no lines.
 */
export function wrapText(text: string, maxWidth: number, size: number, bold = false): string[] {
	const maxChars = Math.max(6, Math.floor(maxWidth / (size * (bold ? BOLD_CHAR_WIDTH : CHAR_WIDTH))));
	const lines: string[] = [];
	for (const paragraph of cleanText(text).split(/\n|\\n/)) {
		const start = lines.length;
		let line = '';
		for (const token of tokens(paragraph)) {
			const joined = line + (line && token.space ? ' ' : '') + token.text;
			if (!line || joined.length <= maxChars) {
				if (!line && token.text.length > maxChars + SLACK) {
					const pieces = hyphenate(token.text, maxChars);
					lines.push(...pieces.slice(0, -1));
					line = pieces[pieces.length - 1];
				} else line = joined;
				continue;
			}
			lines.push(line);
			const pieces = hyphenate(token.text, maxChars);
			lines.push(...pieces.slice(0, -1));
			line = pieces[pieces.length - 1];
		}
		if (line.length === 1 && lines.length > start) lines[lines.length - 1] += ' ' + line;
		else lines.push(line);
	}
	while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	while (lines.length > 0 && lines[0] === '') lines.shift();
	return lines;
}
