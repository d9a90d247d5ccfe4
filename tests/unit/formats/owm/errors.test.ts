// Errors and warnings: each names its 1-based line, and the parse always goes on.
import { describe, expect, it } from 'vitest';
import { parseOwm } from '../../../../src/lib/formats/owm/index.js';

describe('errors name their line and the parse goes on', () => {
	it.each([
		['component A [0.5, 0.5', 'coordinates'],
		['component A [0.5, 0.5] label [1]', 'label'],
		['component A [0.5, 0.5] (flying)', 'decorator'],
		['component A [0.1, 0.2, 0.3]', 'coordinates'],
		['evolution A->B->C', '4 stages'],
		['evolution A->B->C->D->E', '4 stages'],
		['evolution --show', '--show'],
		['valuechain', '--hide'],
		['size [100]', 'size'],
		['annotation [0.5, 0.5] no number', 'number'],
		['annotation 1 no positions', 'positions'],
		['pioneers [0.1, 0.2]', 'pioneers'],
		['url nothing', 'url'],
		['hello world', 'cannot read'],
		['Component X [0.5, 0.5]', 'lowercase'],
		['evolve', 'evolve'],
		['pipeline', 'pipeline'],
		['{', 'pipeline'],
		['A->', 'both sides']
	])('%s', (bad, words) => {
		const text = `component Before [0.9, 0.9]\n${bad}\ncomponent After [0.1, 0.1]`;
		const { map, errors } = parseOwm(text);
		expect(errors.length, JSON.stringify(errors)).toBeGreaterThan(0);
		expect(errors[0].line).toBe(2);
		expect(errors[0].message.toLowerCase()).toContain(words.toLowerCase());
		expect(map.components.map((c) => c.name)).toContain('After');
		expect(map.components.map((c) => c.name)).toContain('Before');
	});

	it('a bad component line still yields a fallback component', () => {
		const { map, errors } = parseOwm('component Broken [0.5, x]');
		expect(errors).toMatchObject([{ line: 1 }]);
		expect(map.components).toMatchObject([{ name: 'Broken', evolution: 0.1, visibility: 0.9 }]);
	});

	it('an unclosed pipeline block is an error on the line that opened it', () => {
		const { errors, map } = parseOwm('component P [0.5, 0.5]\npipeline P\n{\ncomponent C [0.3]');
		expect(errors).toMatchObject([{ line: 3 }]);
		expect(map.components.find((c) => c.name === 'C')?.pipelineId).toBe(map.pipelines[0].id);
	});

	it('line numbers count lines inside block comments and CRLF files', () => {
		const { errors } = parseOwm('/* one\r\ntwo */\r\n\r\nbad line here');
		expect(errors).toMatchObject([{ line: 4 }]);
	});
});

describe('warnings', () => {
	it.each([
		['component A [0.5, 0.5]\ncomponent a [0.4, 0.4]', 2, 'declared more than once'],
		['evolve Ghost 0.5', 1, 'no component'],
		['pipeline Ghost', 1, 'no component'],
		['buy Ghost', 1, 'no component'],
		['url spare [https://x.org]', 1, 'not used'],
		['style neon', 1, 'unknown style'],
		['}', 1, 'stray'],
		['note N [0.5, 0.5] trailing', 1, 'ignored'],
		['// stackmap: {not json', 1, 'unreadable'],
		['// stackmap: {"component":"Ghost","product":"X"}', 1, 'no such component'],
		['wardley-beta', 1, 'mermaid']
	])('%s', (text, line, words) => {
		const { warnings, errors } = parseOwm(text);
		expect(errors).toEqual([]);
		expect(warnings.length).toBeGreaterThan(0);
		expect(warnings[0].line).toBe(line);
		expect(warnings[0].message.toLowerCase()).toContain(words);
	});
});
