// Slips found in real OWM maps written by others (issue 21): read them as OWM draws them, with a
// warning on the line, instead of failing the import or inventing elements.
import { describe, expect, it } from 'vitest';
import { parseOwm, printOwm } from '../../../../src/lib/formats/owm/index.js';
import { parseMapJson } from '../../../../src/lib/formats/json/parse.js';
import { renderSvg } from '../../../../src/lib/render/index.js';

describe('parseOwm on slips OWM tolerates', () => {
	it.each([['component'], ['component   '], ['anchor']])('skips a bare "%s" line with a warning on it', (bare) => {
		const { map, errors, warnings } = parseOwm(`component A [0.5, 0.5]\n${bare}\nA->B\ncomponent B [0.4, 0.4]`);
		expect(errors).toEqual([]);
		expect(map.components.map((c) => c.name)).toEqual(['A', 'B']);
		expect(map.links).toHaveLength(1);
		expect(warnings).toMatchObject([{ line: 2, message: expect.stringContaining('no name') }]);
	});

	it.each([['building->land'], ['buyer->building'], ['build team->land']])('keeps the link "%s" without saying OWM drops it', (link) => {
		const text = 'component building [0.5, 0.5]\ncomponent land [0.2, 0.8]\ncomponent buyer [0.7, 0.3]\ncomponent build team [0.6, 0.6]\n' + link;
		const { map, errors, warnings } = parseOwm(text);
		expect(errors).toEqual([]);
		expect(warnings).toEqual([]);
		expect(map.links).toHaveLength(1);
	});

	it('reads "[0.55. 0.18]" (a full stop for the comma) as [0.55, 0.18] with a warning, and keeps links to it', () => {
		const { map, errors, warnings } = parseOwm('component 1 [0.55. 0.18] label [-112, -395]\ncomponent 2 [0.3, 0.6]\n1->2');
		expect(errors).toEqual([]);
		expect(map.components[0]).toMatchObject({ name: '1', visibility: 0.55, evolution: 0.18, label: { x: -112, y: -395 } });
		expect(map.links).toHaveLength(1);
		expect(warnings).toMatchObject([{ line: 1, message: expect.stringContaining('[0.55, 0.18]') }]);
	});

	it.each([['component X [0.6, 0.4] label [-5, 2] ?'], ['component X [0.6, 0.4] extra words'], ['component X [0.6, 0.4] (build) ?!']])(
		'imports "%s" with a warning on its line instead of an error',
		(slip) => {
			const { map, errors, warnings } = parseOwm(`component Y [0.2, 0.2]\n${slip}\nX->Y`);
			expect(errors).toEqual([]);
			expect(map.components[1]).toMatchObject({ name: 'X', visibility: 0.6, evolution: 0.4 });
			expect(map.links).toHaveLength(1);
			expect(warnings).toMatchObject([{ line: 2, message: expect.stringContaining('ignored') }]);
		}
	);

	it('still refuses what OWM cannot draw either: unreadable coordinates', () => {
		expect(parseOwm('component X [0.6, oops] ?').errors).toMatchObject([{ line: 1 }]);
	});

	it('keeps a self-link A->A through OWM, JSON and SVG', () => {
		const { map, errors } = parseOwm('component A [0.5, 0.5]\nA->A; loops\nA->B\ncomponent B [0.2, 0.2]');
		expect(errors).toEqual([]);
		expect(map.links).toHaveLength(2);
		expect(map.links[0].from).toBe(map.links[0].to);
		const again = parseOwm(printOwm(map));
		expect(again.map.links).toHaveLength(2);
		expect(printOwm(again.map)).toContain('A->A');
		const json = parseMapJson(JSON.stringify(map));
		expect(json.errors).toEqual([]);
		expect(json.map.links).toHaveLength(2);
		expect(renderSvg(map)).not.toContain('NaN');
	});
});
