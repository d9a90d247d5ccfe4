// parseMermaid (wardley-beta) fuzzed: random text, the corpus as Mermaid mutated, 1 MB of pathological shapes.
import * as vitest from 'vitest';
import { parseMermaid } from '../../../src/lib/formats/mermaid/index.js';
import { MERMAID_CORPUS, fuzzSuite } from './corpus.js';
import { MERMAID_SHAPES } from './shapes.js';

vitest.describe('parseMermaid', () => {
	fuzzSuite(parseMermaid, MERMAID_CORPUS, MERMAID_SHAPES, vitest);
});
