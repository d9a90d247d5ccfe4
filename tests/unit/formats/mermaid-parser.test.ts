// printMermaid against Mermaid's own parser (@mermaid-js/parser): every corpus map, every seeded
// council map and random maps with awkward names must parse, and read back the same components.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from '@mermaid-js/parser';
import type { MapSnapshot } from '../../../src/lib/map/index.js';
import { printMermaid } from '../../../src/lib/formats/mermaid/index.js';
import { parseOwm } from '../../../src/lib/formats/owm/index.js';
import { SEED_COUNCILS, seedCouncilMaps } from '../../../src/lib/catalogue/seed.js';
import { OWM_CORPUS } from '../fuzz/corpus.js';
import { mapArb } from './owm/helpers.js';

/** Names Mermaid's lexer trips on: its keywords as prefixes, comment and arrow marks, quotes, scripts. */
const AWKWARD = [
	'title', 'title x', 'accTitle', 'accDescr: x', 'wardley-beta', 'label', 'evolution', 'anchor', 'Component', 'BUILD',
	'buyer', 'market place', 'inertia', 'note', 'annotations', 'deaccelerator', 'size', '%% hidden', 'a %% b', 'a -> b',
	'a --> b', "it's", '"quoted"', 'back\\slash', '[0.5, 0.5]', '(build)', 'x (inertia)', '{', '}', '<script>alert(1)</script>',
	'日本語', 'évolution', 'Ωmega', '🙂', '1st', '0.5', '-x', 'a;b', 'a:b', 'tab\tname', 'two\nlines', ' '
];
const awkwardText = fc.oneof(
	fc.constantFrom(...AWKWARD),
	fc.string({ unit: 'grapheme', maxLength: 10 }),
	fc.string({ unit: fc.constantFrom(...'aZé日 %"\'\\[](){}<>-+;:,/*&#\n\t'), maxLength: 12 })
);

function uniqueNames<T extends { name: string }>(items: T[]): T[] {
	const used = new Set<string>();
	return items.map((item, k) => {
		let name = item.name;
		while (used.has(name)) name = `${name} ${k}`;
		used.add(name);
		return { ...item, name };
	});
}

/** mapArb with awkward component names, title, description, notes and accelerators. */
const awkwardMap: fc.Arbitrary<MapSnapshot> = fc
	.tuple(mapArb, fc.uniqueArray(awkwardText, { maxLength: 12 }), awkwardText, awkwardText, fc.array(awkwardText, { maxLength: 6 }))
	.map(([map, names, title, description, texts]) => ({
		...map,
		title,
		description,
		// Names stay unique: Mermaid finds a pipeline's parent by name, so twins make the read-back ambiguous.
		components: uniqueNames(map.components.map((c, k) => ({ ...c, name: names[k] ?? c.name }))),
		notes: map.notes.map((n, k) => ({ ...n, text: texts[k] ?? n.text })),
		accelerators: map.accelerators.map((a, k) => ({ ...a, name: texts[texts.length - 1 - k] ?? a.name }))
	}));

type Placed = [name: string, evolution: number, visibility: number];

/** What Mermaid read: every component, anchor and pipeline child, by name and position. */
async function mermaidReads(text: string): Promise<{ placed: Placed[]; links: string[] }> {
	const ast = await parse('wardley', text);
	const links = ast.links.map((l) => `${l.from} → ${l.to}`).sort();
	const children = ast.pipelines.flatMap((p) => {
		const parent = [...ast.components, ...ast.anchors].find((c) => c.name === p.parent);
		return p.components.map((c): Placed => [c.name, c.evolution, parent?.visibility ?? NaN]);
	});
	const placed = [
		...ast.anchors.map((a): Placed => [a.name, a.evolution, a.visibility]),
		...ast.components.map((c): Placed => [c.name, c.evolution, c.visibility]),
		...children
	].sort(byName);
	return { placed, links };
}

const clamp = (n: number) => Math.min(1, Math.max(0, n));
const byName = (a: Placed, b: Placed) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]);

/** What the map says, as Mermaid can: coordinates clamped to 0..1, children at the parent's visibility. */
function expected(map: MapSnapshot): { placed: Placed[]; links: string[] } {
	const pipelines = new Map(map.pipelines.map((p) => [p.id as string, p]));
	const byId = new Map(map.components.map((c) => [c.id as string, c]));
	const hasChildren = new Set(map.components.map((c) => c.pipelineId).filter((p) => p !== null));
	const nameOf = new Map<string, string>(map.components.map((c) => [c.id, c.name]));
	for (const e of map.evolves) nameOf.set(e.id, nameOf.get(e.componentId) ?? '');
	const links = map.links.map((l) => `${nameOf.get(l.from)} → ${nameOf.get(l.to)}`).sort();
	const placed = map.components
		.map((c): Placed => {
			const pipeline = c.pipelineId ? pipelines.get(c.pipelineId) : undefined;
			const parent = pipeline ? byId.get(pipeline.componentId) : undefined;
			const visibility = parent && hasChildren.has(pipeline!.id) ? parent.visibility : c.visibility;
			return [c.name, clamp(c.evolution), clamp(pipeline ? visibility : c.visibility)];
		})
		.sort(byName);
	return { placed, links };
}

async function agrees(map: MapSnapshot): Promise<void> {
	const text = printMermaid(map);
	let read: Awaited<ReturnType<typeof mermaidReads>>;
	try {
		read = await mermaidReads(text);
	} catch (e) {
		throw new Error(`Mermaid refused the export: ${(e as Error).message}\n${text}`);
	}
	expect(read, text).toEqual(expected(map));
}

describe('printMermaid against Mermaid’s parser', () => {
	it.each(OWM_CORPUS.map((t, k) => [k, parseOwm(t).map.title, t] as const))('corpus map %i (%s)', async (_k, _title, text) => {
		await agrees(parseOwm(text).map);
	});

	it.each(seedCouncilMaps(SEED_COUNCILS).map((s) => [s.council.name, s.map] as const))('seeded council map: %s', async (_name, map) => {
		await agrees(map);
	});

	it('random maps with awkward names (keywords, quotes, brackets, unicode, markup)', async () => {
		await fc.assert(fc.asyncProperty(mapArb, agrees), { numRuns: 150 });
	});

	it('random maps whose every name and text is awkward', async () => {
		await fc.assert(fc.asyncProperty(awkwardMap, agrees), { numRuns: 150 });
	});

	it('the awkward map CI once found (seed 1686930582) agrees', async () => {
		await fc.assert(fc.asyncProperty(awkwardMap, agrees), { numRuns: 150, seed: 1686930582 });
	});
});
