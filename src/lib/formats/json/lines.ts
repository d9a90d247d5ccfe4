// Where things are in JSON text, for line-numbered messages: the line of a syntax error and the
// line each element of the top-level arrays (`components`, `links`, …) starts on. Pure.

/** 1-based line of character offset `index` in `text`. */
export function lineAt(text: string, index: number): number {
	let line = 1;
	const end = Math.min(Math.max(0, index), text.length);
	for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

/**
 * Offset of the first syntax error in `text` (JSON), or -1 when it is valid. A small recursive
 * descent walk, used only after JSON.parse failed, because V8's messages do not always say where.
 */
export function jsonErrorOffset(text: string): number {
	let i = 0;
	const ws = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
	};
	const fail = (): never => {
		throw i;
	};
	const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
	const string = () => {
		i++;
		while (i < text.length && text[i] !== '"') {
			if (text.charCodeAt(i) < 0x20) fail();
			if (text[i] === '\\') {
				i++;
				if (text[i] === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
					i += 4;
				} else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
			}
			i++;
		}
		if (i >= text.length) fail();
		i++;
	};
	const number = () => {
		const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
		if (!m || !m[0] || m[0] === '-') fail();
		i += m![0].length;
	};
	const value = (depth: number): void => {
		if (depth > 2000) fail();
		ws();
		const ch = text[i];
		if (ch === '{' || ch === '[') {
			const close = ch === '{' ? '}' : ']';
			i++;
			ws();
			if (text[i] === close) return void i++;
			for (;;) {
				if (ch === '{') {
					ws();
					if (text[i] !== '"') fail();
					string();
					ws();
					if (text[i] !== ':') fail();
					i++;
				}
				value(depth + 1);
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === close) return void i++;
				else fail();
			}
		}
		if (ch === '"') return string();
		if (ch === 't') return void literal('true');
		if (ch === 'f') return void literal('false');
		if (ch === 'n') return void literal('null');
		number();
	};
	try {
		value(0);
		ws();
		return i < text.length ? i : -1;
	} catch (at) {
		return typeof at === 'number' ? at : i;
	}
}

/**
 * Offset of the first `[` or `{` nested deeper than `max` levels (strings skipped), or -1. Linear,
 * no recursion: checked before JSON.parse, which takes seconds on a megabyte of `[[[[…]]]]`.
 */
export function tooDeepAt(text: string, max: number): number {
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 34) {
			// Skip a string: to the next quote that is not escaped.
			for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
		} else if (c === 91 || c === 123) {
			if (++depth > max) return i;
		} else if (c === 93 || c === 125) depth--;
	}
	return -1;
}

/** The 1-based line of the syntax error in `text` that made JSON.parse throw `error`. */
export function syntaxErrorLine(text: string, error: unknown): number {
	const message = error instanceof Error ? error.message : String(error);
	const line = /\bline (\d+)/.exec(message);
	if (line) return Number(line[1]);
	const at = jsonErrorOffset(text);
	if (at >= 0) return lineAt(text, at);
	const position = /\bposition (\d+)/.exec(message);
	return position ? lineAt(text, Number(position[1])) : 1;
}

/**
 * For each array that is a value of the top-level object, the 1-based line where each of its
 * items starts: `{"components": [ {…}, {…} ]}` → `{components: [2, 3]}`. Assumes valid JSON.
 */
export function arrayItemLines(text: string): Map<string, number[]> {
	const out = new Map<string, number[]>();
	let line = 1;
	let depth = 0;
	let key = '';
	let lastString = '';
	let current: number[] | null = null;
	let expectItem = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '\n') {
			line++;
			continue;
		}
		if (ch === ' ' || ch === '\t' || ch === '\r') continue;
		if (depth === 2 && current && expectItem && ch !== ']') {
			current.push(line);
			expectItem = false;
		}
		if (ch === '"') {
			let j = i + 1;
			let s = '';
			for (; j < text.length && text[j] !== '"'; j++) {
				if (text[j] === '\\') j++;
				else s += text[j];
				if (text[j] === '\n') line++;
			}
			lastString = s;
			i = j;
		} else if (ch === ':' && depth === 1) {
			key = lastString;
		} else if (ch === '{' || ch === '[') {
			depth++;
			if (depth === 2 && ch === '[') {
				current = [];
				out.set(key, current);
				expectItem = true;
			}
		} else if (ch === '}' || ch === ']') {
			depth--;
			if (depth === 1) current = null;
		} else if (ch === ',' && depth === 2 && current) {
			expectItem = true;
		}
	}
	return out;
}
