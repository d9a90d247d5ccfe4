// parseMapJson: Stackmap JSON back into a map, with line-numbered problems and no throw.
import { describe, expect, it } from 'vitest';
import { parseOwm } from '../../../src/lib/formats/owm/index.js';
import { parseMapJson, writeMapText } from '../../../src/lib/formats/index.js';
import { arrayItemLines, jsonErrorOffset, lineAt, syntaxErrorLine } from '../../../src/lib/formats/json/lines.js';

const TEA = `title Tea Shop
anchor Business [0.95, 0.63]
component Cup of Tea [0.79, 0.61] label [19, -4]
component Kettle [0.43, 0.35] (build)
evolve Kettle 0.62
Business->Cup of Tea
Cup of Tea->Kettle; limited by
note Tea is hot [0.2, 0.2]`;

describe('parseMapJson', () => {
	it('reads back the JSON export exactly (ids kept)', () => {
		const map = parseOwm(TEA).map;
		const back = parseMapJson(writeMapText(map, 'json'));
		expect(back.errors).toEqual([]);
		expect(back.warnings).toEqual([]);
		expect(back.map).toEqual(map);
	});

	it.each([
		['{"components": [}', 1],
		['{\n  "title": "x",\n  "components": [1,]\n}', 3],
		['{\n  "a": "b"\n  "c": 1}', 3],
		['{\n  "a": tru }', 2],
		['{"a": 1}\n\nx', 3]
	])('gives the line of a syntax error: %j', (text, line) => {
		const r = parseMapJson(text);
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0].line).toBe(line);
		expect(r.errors[0].message).toMatch(/Not valid JSON/);
	});

	it('refuses JSON that is not a map, and a newer schema', () => {
		expect(parseMapJson('[1, 2]').errors[0].message).toMatch(/Not a Stackmap map/);
		expect(parseMapJson('{"schemaVersion": 99, "components": []}').errors[0].message).toMatch(/newer/);
	});

	it('leaves out a bad element with an error at its line and keeps the rest', () => {
		const map = parseOwm(TEA).map;
		const json = JSON.parse(writeMapText(map, 'json'));
		json.components[2].evolution = 'far';
		json.components[0].colour = 'red';
		json.title = 42;
		const text = JSON.stringify(json, null, 2);
		const r = parseMapJson(text);
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0].message).toMatch(/Kettle.*evolution must be a finite number; left out/);
		expect(text.split('\n')[r.errors[0].line - 1].trim()).toBe('{');
		expect(text.split('\n')[r.errors[0].line].trim()).toBe(`"id": "${json.components[2].id}",`);
		expect(r.map.components.map((c) => c.name)).toEqual(['Business', 'Cup of Tea']);
		// The link and the evolve to Kettle went with it.
		expect(r.map.links).toHaveLength(1);
		expect(r.map.evolves).toHaveLength(0);
		expect(r.warnings.map((w) => w.message)).toEqual([
			'title: title must be text; the default is used',
			'2 elements referred to something not on the map and were left out',
			'component “Business”: unknown field “colour” ignored'
		]);
		expect(r.map.title).toBe('Untitled map');
	});

	it('rejects missing and repeated ids', () => {
		const r = parseMapJson('{"components": [{"name": "A"}, {"id": "x1", "name": "B"}, {"id": "x1", "name": "C"}]}');
		expect(r.errors.map((e) => e.message)).toEqual([
			'components[0] “A” has a missing, malformed or repeated id; left out',
			'components[2] “C” has a missing, malformed or repeated id; left out'
		]);
		expect(r.map.components.map((c) => c.name)).toEqual(['B']);
	});
});

describe('json-lines', () => {
	it('finds the line of each top-level array item', () => {
		const text = '{\n "a": [\n  {"x": "[{"},\n  {"y": 2}\n ],\n "b": [], "c": [1,\n 2]\n}';
		const lines = arrayItemLines(text);
		expect(lines.get('a')).toEqual([3, 4]);
		expect(lines.get('b')).toEqual([]);
		expect(lines.get('c')).toEqual([6, 7]);
	});

	it('finds the first syntax error itself, and accepts valid JSON', () => {
		for (const ok of ['{}', '[1, -2.5e3, "a\\u00e9\\n", true, false, null, {"x": []}]', ' 0 ']) expect(jsonErrorOffset(ok)).toBe(-1);
		expect(jsonErrorOffset('[01]')).toBe(2);
		expect(jsonErrorOffset('{"a" 1}')).toBe(5);
		expect(jsonErrorOffset('"abc')).toBe(4);
	});

	it('turns positions and line numbers in JSON.parse messages into lines', () => {
		expect(lineAt('a\nb\nc', 4)).toBe(3);
		expect(syntaxErrorLine('[1,\n2,,]', new SyntaxError('Unexpected token in JSON at position 1'))).toBe(2);
		expect(syntaxErrorLine('', new SyntaxError('Expected x (line 7 column 2)'))).toBe(7);
	});
});
