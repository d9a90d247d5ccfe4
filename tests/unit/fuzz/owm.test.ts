// parseOwm fuzzed: random text, mutated corpus maps, 1 MB of pathological shapes (fast-check, fixed seed).
import * as vitest from 'vitest';
import { parseOwm } from '../../../src/lib/formats/owm/index.js';
import { OWM_CORPUS, fuzzSuite } from './corpus.js';
import { OWM_SHAPES } from './shapes.js';

vitest.describe('parseOwm', () => {
	fuzzSuite(parseOwm, OWM_CORPUS, OWM_SHAPES, vitest);
});
