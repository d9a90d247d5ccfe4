import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../src/lib/formats/owm/index.js';

describe('detectFormat', () => {
	it.each([
		['title Tea\ncomponent Kettle [0.4, 0.3]', 'owm'],
		['Cup of Tea->Kettle\nKettle->Power', 'owm'],
		['// comment\nanchor User [0.9, 0.5]', 'owm'],
		['y-axis My Label->Min->Max', 'owm'],
		[readFileSync('tests/fixtures/owm-golden/golden-master.owm', 'utf8'), 'owm'],
		['wardley-beta\ntitle X\ncomponent A [0.5, 0.5]', 'mermaid'],
		['%% hello\nwardley-beta', 'mermaid'],
		['```mermaid\nwardley-beta\ncomponent A [0.5, 0.5]\n```', 'mermaid'],
		['{"schemaVersion":1,"components":[]}', 'json'],
		['[1, 2, 3]', 'json'],
		['name,evolution,visibility\nKettle,0.3,0.4\nWater,0.8,0.3', 'csv'],
		['name;evolution\nKettle;0.3', 'csv'],
		['', 'unknown'],
		['hello there', 'unknown'],
		['{ not json', 'unknown']
	])('%#: %s', (text, format) => {
		expect(detectFormat(text)).toBe(format);
	});
});
