import { describe, expect, it } from 'vitest';
import { parseKind, parseLifecycle, parsePosition, parseSourcing, parseStage, stageRange } from '../../../../src/lib/formats/csv/cells.js';

describe('parsePosition', () => {
	it.each([
		['0.65', 0.65, false],
		['0,65', 0.65, false],
		['.5', 0.5, false],
		['65%', 0.65, false],
		['1', 1, false],
		['0', 0, false],
		['65', 0.65, true],
		['150', 1, true],
		['-0.2', 0, true],
		['1e-1', 0.1, false]
	])('%j → %d', (cell, value, warned) => {
		const p = parsePosition(cell)!;
		expect(p.value).toBeCloseTo(value, 10);
		expect(p.warning !== undefined).toBe(warned);
	});

	it.each(['', '  ', 'abc', '0.5.1', 'Product', '1,000.5'])('%j is not a position', (cell) => {
		expect(parsePosition(cell)).toBeUndefined();
	});
});

describe('cell words', () => {
	it.each([
		['Genesis', 'genesis'],
		['Custom-built', 'custom'],
		['Product (+rental)', 'product'],
		['Commodity (+utility)', 'commodity'],
		['IV', 'commodity'],
		['banana', undefined]
	])('stage %j → %s', (cell, stage) => expect(parseStage(cell)).toBe(stage));

	it('gives stage ranges by the drawn boundaries', () => {
		expect(stageRange('genesis')).toEqual([0, 0.175]);
		expect(stageRange('commodity')).toEqual([0.7, 1]);
	});

	it.each([
		['', ''],
		['In use', 'live'],
		['Pilot', 'live'],
		['Proposed', 'planned'],
		['End of life', 'legacy'],
		['Being replaced', 'retiring'],
		['Decommissioned', 'retired'],
		['maybe', undefined]
	])('lifecycle %j → %s', (cell, lifecycle) => expect(parseLifecycle(cell)).toBe(lifecycle));

	it.each([
		['', ''],
		['Build', 'build'],
		['In-house', 'build'],
		['Bought', 'buy'],
		['SaaS', 'buy'],
		['Outsourced', 'outsource'],
		['Managed service', 'outsource'],
		['national', undefined],
		['shared-service', undefined]
	])('sourcing %j → %s', (cell, sourcing) => expect(parseSourcing(cell)).toBe(sourcing));

	it.each([
		['anchor', 'anchor'],
		['User need', 'anchor'],
		['submap', 'submap'],
		['', 'component'],
		['whatever', 'component']
	])('kind %j → %s', (cell, kind) => expect(parseKind(cell)).toBe(kind));
});
