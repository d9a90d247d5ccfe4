// detectFormat: guess what pasted or uploaded map text is, so the importer picks a parser.
// Cheap and side-effect free; looks at structure only, never at file names.
import { OWM_KEYWORDS } from './names.js';

/** The formats an importer can be handed. */
export type MapFormat = 'owm' | 'mermaid' | 'json' | 'csv' | 'unknown';

const OWM_WORDS: ReadonlySet<string> = new Set(OWM_KEYWORDS.filter((k) => !['{', '}', 'wardley-beta', 'accTitle', 'accDescr'].includes(k)));
const SAMPLE_LINES = 200;

function meaningfulLines(text: string): string[] {
	const out: string[] = [];
	for (const raw of text.split('\n', SAMPLE_LINES * 4)) {
		const line = raw.trim();
		if (line === '' || line.startsWith('//') || line.startsWith('%%') || line.startsWith('/*')) continue;
		out.push(line);
		if (out.length >= SAMPLE_LINES) break;
	}
	return out;
}

function looksLikeCsv(lines: readonly string[]): boolean {
	if (lines.length < 2) return false;
	for (const sep of [',', ';', '\t']) {
		const count = (l: string) => l.split(sep).length - 1;
		const header = count(lines[0]);
		if (header >= 1 && lines.slice(1, 20).every((l) => count(l) >= 1)) return true;
	}
	return false;
}

/**
 * Guess a map text's format: Stackmap/other JSON, Mermaid `wardley-beta` (also inside a
 * ```mermaid fence), OWM (keyword or `A->B` lines), CSV (a separator on every line), else unknown.
 */
export function detectFormat(text: string): MapFormat {
	if (typeof text !== 'string') return 'unknown';
	const body = text.replace(/^\uFEFF/, '').trim();
	if (body === '') return 'unknown';
	if (body[0] === '{' || body[0] === '[') {
		try {
			JSON.parse(body);
			return 'json';
		} catch {
			// Not JSON after all; an OWM map never starts with a brace, so keep looking.
		}
	}
	const lines = meaningfulLines(body).filter((l) => !l.startsWith('```') && l !== '---');
	if (lines.length === 0) return 'unknown';
	if (lines.some((l) => l === 'wardley-beta')) return 'mermaid';
	let owm = 0;
	for (const l of lines) {
		const word = l.split(/\s/, 1)[0];
		if (OWM_WORDS.has(word) || /^title(\s|$)/.test(l) || /(->|\+>|\+<|\+')/.test(l)) owm++;
	}
	if (owm > 0 && owm >= lines.length / 2) return 'owm';
	if (looksLikeCsv(lines)) return 'csv';
	return owm > 0 ? 'owm' : 'unknown';
}
