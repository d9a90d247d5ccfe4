// parseMermaid (wardley-beta) fuzzed: random text, the corpus as Mermaid mutated, 1 MB of pathological shapes.
import * as vitest from 'vitest';
import { parseMermaid } from '../../../src/lib/formats/mermaid/index.js';
import { MERMAID_CORPUS, fuzzSuite, grow } from './corpus.js';

vitest.describe('parseMermaid', () => {
	fuzzSuite(parseMermaid, MERMAID_CORPUS, [
		['the corpus, repeated', (n) => 'wardley-beta\n' + grow(MERMAID_CORPUS.map((t) => t.replace(/^wardley-beta\n/, '')).join('\n'), n)],
		['one line of spaces', (n) => 'wardley-beta\ncomponent A [0.5, 0.5]' + ' '.repeat(n)],
		['open brackets', (n) => 'wardley-beta\ncomponent A ' + '['.repeat(n)],
		['open braces', (n) => 'wardley-beta\n' + '{'.repeat(n)],
		['one unterminated quote', (n) => 'wardley-beta\ncomponent "' + 'x'.repeat(n)],
		['comment lines', (n) => 'wardley-beta\n' + grow('%% c\n', n)],
		['many headers', (n) => grow('wardley-beta\n', n)],
		['many components', (n) => 'wardley-beta\n' + Array.from({ length: n / 30 }, (_, i) => `component C${i} [0.${i % 10}, 0.5]`).join('\n')],
		['links', (n) => 'wardley-beta\n' + Array.from({ length: n / 12 }, (_, i) => `c${i} -> c${i + 1}`).join('\n')]
	], ['one line of spaces', 'open brackets', 'open braces', 'one unterminated quote'], vitest);
});
