// The complete example of owm-format.md §b.4 (every keyword), read end to end.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOwm, printOwm } from '../../../../src/lib/formats/owm/index.js';
import { parseMermaid, printMermaid } from '../../../../src/lib/formats/mermaid/index.js';
import { canon, printedOrder } from './helpers.js';

const text = readFileSync('tests/fixtures/owm-spec/council-revenues.owm', 'utf8');
const { map, errors, warnings } = parseOwm(text);
const named = (name: string) => map.components.find((c) => c.name === name)!;
const nameOf = (id: string) => map.components.find((c) => c.id === id)?.name ?? map.evolves.find((e) => e.id === id)?.name;

describe('owm-format.md b.4 example', () => {
	it('parses without errors or warnings', () => {
		expect(errors).toEqual([]);
		expect(warnings).toEqual([]);
		expect(map).toMatchObject({ title: 'Council Revenues & Benefits', style: 'wardley', size: { width: 1100, height: 700 }, annotationsAt: { visibility: 0.08, evolution: 0.02 } });
	});

	it('reads quoted multi-line names in components, evolves and links', () => {
		const rb = named('Revenues &\nBenefits System');
		expect(rb).toMatchObject({ inertia: true, decorators: { buy: true }, visibility: 0.62, evolution: 0.55 });
		expect(map.evolves.map((e) => [nameOf(e.componentId), e.name, e.evolution])).toEqual([
			['Hosting', 'Public Cloud', 0.88],
			['Revenues &\nBenefits System', '', 0.72]
		]);
		expect(map.links.map((l) => [nameOf(l.from), nameOf(l.to), l.flow, l.flowLabel, l.context])).toEqual([
			['Resident', 'Pay Council Tax Online', null, '', ''],
			['Council Officer', 'Revenues &\nBenefits System', null, '', ''],
			['Pay Council Tax Online', 'Payment Gateway', null, '', ''],
			['Pay Council Tax Online', 'Revenues &\nBenefits System', 'forward', '£', ''],
			['Revenues &\nBenefits System', 'Data Platform', null, '', 'limited by'],
			['Data Platform', 'Hosting', null, '', ''],
			['Identity Verification', 'Data Platform', 'both', '', '']
		]);
	});

	it('reads the pipeline, submap, url, PST areas and accelerators', () => {
		const p = map.pipelines[0];
		expect(nameOf(p.componentId)).toBe('Case Management');
		expect(map.components.filter((c) => c.pipelineId === p.id).map((c) => [c.name, c.evolution, c.visibility])).toEqual([
			['In-house CRM', 0.3, 0.7],
			['SaaS CRM', 0.62, 0.7]
		]);
		expect(named('Data Platform Detail')).toMatchObject({ kind: 'submap', submapRef: 'dpMap', submapUrl: 'https://example.org/maps/data-platform' });
		expect(map.areas.map((a) => a.kind)).toEqual(['pioneers', 'townplanners']);
		expect(map.accelerators.map((a) => [a.kind, a.name])).toEqual([
			['accelerator', 'Open Standards'],
			['deaccelerator', 'Procurement Cycle']
		]);
	});

	it('round-trips through printOwm, and through Mermaid without errors', () => {
		expect(canon(parseOwm(printOwm(map)).map)).toEqual(canon(printedOrder(map)));
		expect(parseMermaid(printMermaid(map)).errors).toEqual([]);
	});
});
