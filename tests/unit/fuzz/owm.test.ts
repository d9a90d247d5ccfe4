// parseOwm fuzzed: random text, mutated corpus maps, 1 MB of pathological shapes (fast-check, fixed seed).
import * as vitest from 'vitest';
import { parseOwm } from '../../../src/lib/formats/owm/index.js';
import { OWM_CORPUS, fuzzSuite, grow } from './corpus.js';

vitest.describe('parseOwm', () => {
	fuzzSuite(parseOwm, OWM_CORPUS, [
		['the corpus, repeated', (n) => grow(OWM_CORPUS.join('\n'), n)],
		['one line of spaces', (n) => 'component A [0.5, 0.5]' + ' '.repeat(n) + 'x'],
		['one long name', (n) => 'component ' + 'A'.repeat(n) + ' [0.5, 0.5]'],
		['open brackets', (n) => 'component A ' + '['.repeat(n)],
		['nested brackets', (n) => 'component A ' + '['.repeat(n / 2) + ']'.repeat(n / 2)],
		['open braces', (n) => 'pipeline A ' + '{'.repeat(n)],
		['unterminated quotes', (n) => grow('component "A [0.5, 0.5]\n', n)],
		['one unterminated quote', (n) => 'component "' + 'x'.repeat(n)],
		['unclosed comment', (n) => '/*' + grow('component A [0.5, 0.5]\n', n)],
		['links to everything', (n) => grow('A->B\nB->C\nC->A\n', n)],
		['a long chain', (n) => Array.from({ length: n / 12 }, (_, i) => `c${i}->c${i + 1}`).join('\n')],
		['many components', (n) => Array.from({ length: n / 30 }, (_, i) => `component C${i} [0.${i % 10}, 0.5]`).join('\n')],
		['blank lines', (n) => '\n'.repeat(n)],
		['lone CRs', (n) => grow('component A [0.5, 0.5]\r', n)]
	], ['one line of spaces', 'one long name', 'open brackets', 'nested brackets', 'open braces', 'one unterminated quote', 'unclosed comment'], vitest);
});
