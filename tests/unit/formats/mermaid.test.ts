// Mermaid wardley-beta: the documented examples parse, and printMermaid → parseMermaid keeps
// everything Mermaid can say.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MapSnapshot } from '../../../src/lib/map/index.js';
import { parseOwm, printOwm } from '../../../src/lib/formats/owm/index.js';
import { parseMermaid, printMermaid } from '../../../src/lib/formats/mermaid/index.js';
import { canon, mapArb } from './owm/helpers.js';

/** The "Complete Example" of Mermaid's wardley.md (v11.14). */
const COMPLETE = `wardley-beta
title Software Platform Strategy
size [1100, 800]

evolution Genesis@0.25 -> Custom@0.5 -> Product@0.75 -> Commodity@1.0

anchor Customer [0.90, 0.95]

component "Mobile App" [0.80, 0.85] (build)
component "Web App" [0.75, 0.80] (build) label [-60, 10]
component "API Gateway" [0.70, 0.65] (buy)
component "Auth Service" [0.60, 0.55] (outsource)
component "Database" [0.50, 0.45] (buy) (inertia)
component "Cloud Platform" [0.30, 0.95] (market)

Customer -> "Mobile App"
Customer -> "Web App"
"Mobile App" -> "API Gateway"
"Web App" -> "API Gateway"
"API Gateway" -> "Auth Service"
"API Gateway" -> "Database"
"Database" -> "Cloud Platform"

evolve "API Gateway" 0.85
evolve "Database" 0.75

accelerator "Cloud Native" [0.20, 0.85]
deaccelerator "Legacy Data" [0.45, 0.35]

annotations [0.10, 0.20]
annotation 1,[0.78, 0.82] "User touchpoints"
annotation 2,[0.70, 0.60] "Integration layer"
annotation 3,[0.50, 0.40] "Data persistence"

note "Build mobile-first experience" [0.85, 0.90]
note "Migrate to cloud-native database" [0.60, 0.50]
`;

describe('parseMermaid', () => {
	it('reads the complete documented example without errors', () => {
		const { map, errors, warnings } = parseMermaid(COMPLETE);
		expect(errors).toEqual([]);
		expect(warnings.map((w) => w.line)).toEqual([5]); // stage widths (@) are not kept
		expect(map.title).toBe('Software Platform Strategy');
		expect(map.size).toEqual({ width: 1100, height: 800 });
		expect(map.evolutionLabels).toEqual(['Genesis', 'Custom', 'Product', 'Commodity']);
		expect(map.components).toHaveLength(7);
		expect(map.components.find((c) => c.name === 'Database')).toMatchObject({ inertia: true, decorators: { buy: true }, visibility: 0.5, evolution: 0.45 });
		expect(map.links).toHaveLength(7);
		expect(map.evolves).toHaveLength(2);
		expect(map.annotations.map((a) => a.text)).toEqual(['User touchpoints', 'Integration layer', 'Data persistence']);
		expect(map.notes).toHaveLength(2);
		expect(map.accelerators.map((a) => a.kind)).toEqual(['accelerator', 'deaccelerator']);
	});

	it('pipelines with the brace on the parent line, hyphenated names, flows', () => {
		const { map, errors } = parseMermaid(
			'wardley-beta\ncomponent Database [0.40, 0.60]\ncomponent end-user [0.9, 0.95]\npipeline Database {\n  component "File System" [0.25]\n  component "SQL DB" [0.50]\n}\nend-user +> Database\nDatabase +\'backup\'> "SQL DB"'
		);
		expect(errors).toEqual([]);
		expect(map.components.filter((c) => c.pipelineId === map.pipelines[0].id).map((c) => c.name)).toEqual(['File System', 'SQL DB']);
		expect(map.links.map((l) => [l.flow, l.flowLabel])).toEqual([
			['forward', ''],
			['forward', 'backup']
		]);
	});

	it.each([
		['missing header', 'component A [0.5, 0.5]', 'wardley-beta'],
		['trend lines', 'wardley-beta\ncomponent A [0.5, 0.5]\nA -.- (0.2, 0.3)', 'trend'],
		['dashed arrows', 'wardley-beta\ncomponent A [0.5, 0.5]\ncomponent B [0.3, 0.3]\nA --> B', 'arrow'],
		['PST areas', 'wardley-beta\npioneers [0.9, 0.1, 0.7, 0.3]', 'mermaid']
	])('warns about %s', (_, text, words) => {
		const { warnings, errors } = parseMermaid(text);
		expect(errors).toEqual([]);
		expect(warnings.map((w) => w.message.toLowerCase()).join(' ')).toContain(words);
	});

	it('accepts a ```mermaid fence, front matter, %% comments and accessibility lines', () => {
		const { map, errors } = parseMermaid('```mermaid\n---\ntitle: Fenced\n---\nwardley-beta\n%% a comment\naccDescr: What this shows\ncomponent A [0.5, 0.5] %% trailing\n```');
		expect(errors).toEqual([]);
		expect(map).toMatchObject({ title: 'Fenced', description: 'What this shows' });
		expect(map.components.map((c) => c.name)).toEqual(['A']);
	});
});

/** Mermaid writes one line per position; lines with the same number and text read back as one annotation. */
function mergeAnnotations(items: MapSnapshot['annotations']): MapSnapshot['annotations'] {
	const out: MapSnapshot['annotations'][number][] = [];
	for (const a of items) {
		const seen = out.find((o) => o.number === a.number && o.text === a.text);
		if (seen) out[out.indexOf(seen)] = { ...seen, positions: [...seen.positions, ...a.positions] };
		else out.push(a);
	}
	return out;
}

/** What survives Mermaid: no areas/styles/hidden axes/submap urls/evolve renames/ecosystem, one decorator, whole-pixel labels, bare pipeline children. */
function mermaidView(m: MapSnapshot): MapSnapshot {
	const keep = new Set(m.pipelines.filter((p) => m.components.some((c) => c.pipelineId === p.id)).map((p) => p.id as string));
	const first = (d: MapSnapshot['components'][number]['decorators']) => {
		const on = (['build', 'buy', 'outsource', 'market'] as const).find((k) => d[k]);
		return { build: on === 'build', buy: on === 'buy', outsource: on === 'outsource', market: on === 'market', ecosystem: false };
	};
	const parsed = parseOwm(printOwm(m)).map;
	return {
		...parsed,
		style: 'plain',
		hideEvolution: false,
		hideValueChain: false,
		valueChainLabels: { axis: 'Value Chain', top: 'Visible', bottom: 'Invisible' },
		areas: [],
		annotations: mergeAnnotations(parsed.annotations),
		pipelines: parsed.pipelines.filter((p) => keep.has(m.pipelines[parsed.pipelines.indexOf(p)]?.id)).map((p) => ({ ...p, start: null, end: null })),
		// A pipeline child is a plain component with a name, evolution and label: Mermaid's grammar has no more.
		components: parsed.components.map((c) => ({
			...c,
			kind: c.kind === 'anchor' && !c.pipelineId ? 'anchor' : 'component',
			decorators: c.kind === 'anchor' || c.pipelineId ? { build: false, buy: false, outsource: false, market: false, ecosystem: false } : first(c.decorators),
			inertia: c.kind === 'anchor' || c.pipelineId ? false : c.inertia,
			label: c.kind === 'anchor' && !c.pipelineId ? null : c.label,
			submapRef: '',
			submapUrl: '',
			componentType: '',
			product: '',
			supplier: '',
			lifecycle: '',
			notes: '',
			predecessors: []
		})),
		evolves: parsed.evolves.map((e) => ({ ...e, name: '', label: null, decorators: { build: false, buy: false, outsource: false, market: false, ecosystem: false } }))
	};
}

describe('printMermaid → parseMermaid', () => {
	it('keeps what Mermaid can say (generated maps; Mermaid has no links to evolved copies)', () => {
		fc.assert(
			fc.property(mapArb, (m) => {
				const evolveIds = new Set(m.evolves.map((e) => e.id as string));
				// Mermaid titles and link labels run to the end of the line, unescaped.
				const plain = (t: string) => t.replace(/["\n%]/g, '').trim();
				const links = m.links.filter((l) => !evolveIds.has(l.from) && !evolveIds.has(l.to)).map((l) => ({ ...l, context: plain(l.context) }));
				// Mermaid's parser takes coordinates in 0..1 only: the printer clamps them.
				const u = (n: number) => Math.min(1, Math.max(0, n));
				const p = <T extends { visibility: number; evolution: number }>(x: T): T => ({ ...x, visibility: u(x.visibility), evolution: u(x.evolution) });
				const simple: MapSnapshot = {
					...m,
					title: plain(m.title),
					links,
					components: m.components.map(p),
					evolves: m.evolves.map((e) => ({ ...e, evolution: u(e.evolution) })),
					notes: m.notes.map(p),
					annotations: m.annotations.map((a) => ({ ...a, positions: a.positions.map(p) })),
					annotationsAt: m.annotationsAt && p(m.annotationsAt),
					accelerators: m.accelerators.map(p)
				};
				const text = printMermaid(simple);
				const back = parseMermaid(text);
				expect(back.errors, text).toEqual([]);
				const expected = mermaidView(simple);
				// Descriptions travel as accDescr, whose text Mermaid does not escape: compared separately below.
				expect(canon({ ...back.map, description: '' }), text).toEqual(canon({ ...expected, description: '' }));
			}),
			{ numRuns: 200 }
		);
	});

	it('prints numbers the way the Mermaid grammar wants them', () => {
		const { map } = parseOwm('component A [1, 0] label [3.7, -2.2]\nsize [1024.4, 768]');
		const text = printMermaid(map);
		expect(text).toContain('component A [1.0, 0.0] label [4, -2]');
		expect(text).toContain('size [1024, 768]');
		expect(text.startsWith('wardley-beta\n')).toBe(true);
	});
});

describe('printMermaid for Mermaid wardley-beta (issue 21)', () => {
	it('quotes names that start with a Mermaid keyword and clamps coordinates to 0..1', () => {
		const { map } = parseOwm('component labelling [0.5, 0.5]\ncomponent Notes app [1.2, -0.1]\ncomponent plain [0.3, 0.3]\nlabelling->plain');
		const text = printMermaid(map);
		expect(text).toContain('component "labelling" [0.5, 0.5]');
		expect(text).toContain('component "Notes app" [1.0, 0.0]');
		expect(text).toContain('component plain [0.3, 0.3]');
		expect(text).toContain('"labelling" -> plain');
		expect(text).not.toMatch(/\[-/);
		expect(parseMermaid(text).map.components.map((c) => c.name)).toEqual(['labelling', 'Notes app', 'plain']);
	});
});
