// Shared test helpers for the OWM module: compare maps modulo ids, and generate random maps
// that the OWM text format can carry (fast-check arbitraries).
import fc from 'fast-check';
import {
	DEFAULT_EVOLUTION_LABELS,
	LIFECYCLES,
	SCHEMA_VERSION,
	newId,
	type Component,
	type ComponentId,
	type MapSnapshot
} from '../../../../src/lib/map/index.js';

const COLLECTIONS = ['components', 'links', 'evolves', 'pipelines', 'notes', 'annotations', 'areas', 'accelerators'] as const;

/** A map with ids replaced by `collection#rank` and orders by ranks: equal iff same map modulo ids. */
export function canon(map: MapSnapshot): Record<string, unknown> {
	const ids = new Map<string, string>();
	const sorted: Record<string, { id: string; order: number }[]> = {};
	for (const c of COLLECTIONS) {
		sorted[c] = [...(map[c] as readonly { id: string; order: number }[])].sort((a, b) => a.order - b.order);
		sorted[c].forEach((el, k) => ids.set(el.id, `${c}#${k}`));
	}
	const ref = (v: unknown) => (typeof v === 'string' ? (ids.get(v) ?? `dangling:${v}`) : v);
	const out: Record<string, unknown> = { ...map };
	for (const c of COLLECTIONS) {
		out[c] = sorted[c].map((el, k) => {
			const copy: Record<string, unknown> = { ...el, id: ids.get(el.id), order: k };
			for (const key of ['componentId', 'pipelineId', 'from', 'to']) if (key in copy && copy[key] !== null) copy[key] = ref(copy[key]);
			return copy;
		});
	}
	return out;
}

/** The map as the OWM printer lays it out: pipeline children after the other components, at the parent's visibility. */
export function printedOrder(map: MapSnapshot): MapSnapshot {
	const parentOf = new Map(map.pipelines.map((p) => [p.id as string, map.components.find((c) => c.id === p.componentId)!]));
	const byOrder = [...map.components].sort((a, b) => a.order - b.order);
	const free = byOrder.filter((c) => !c.pipelineId);
	const children = map.pipelines.flatMap((p) => byOrder.filter((c) => c.pipelineId === p.id));
	const components = [...free, ...children].map((c, k) => ({
		...c,
		order: k + 1,
		visibility: c.pipelineId ? parentOf.get(c.pipelineId)!.visibility : c.visibility
	}));
	return { ...map, components };
}

const NAME_CHARS = [...'abcdeXYZ 019.-_>[]()";\\+\'/*{}%<:,&#', '\n', 'é', '🙂'];
const TEXT_CHARS = [...'abcXY 01.-_()&:,<>é$£'];

/** Any name, including ones that need quoting (arrows, brackets, newlines, quotes, keywords). */
export const nameArb = fc.oneof(
	fc.string({ unit: fc.constantFrom(...NAME_CHARS), maxLength: 14 }),
	fc.constantFrom('building', 'buyer', 'note', 'component x', 'supranational (UN)', 'x (build)', '<script>alert(1)</script>', 'Inertia', 'title')
).map((s) => s.trim());

/** Single-line text with no comment markers (titles, contexts, stage labels lose those in OWM). */
export const lineArb = fc.string({ unit: fc.constantFrom(...TEXT_CHARS), maxLength: 16 }).map((s) => s.trim());

const coord = fc.double({ min: -0.5, max: 1.5, noNaN: true }).map((n) => (Object.is(n, -0) ? 0 : n));
const pixel = fc.integer({ min: -1000, max: 1000 });
const offset = fc.option(fc.record({ x: pixel, y: pixel }), { nil: null });
const decorators = fc.record({ build: fc.boolean(), buy: fc.boolean(), outsource: fc.boolean(), market: fc.boolean(), ecosystem: fc.boolean() });
const point = fc.record({ evolution: coord, visibility: coord });

const genArb = fc.record({
		title: fc.string({ unit: fc.constantFrom(...NAME_CHARS), maxLength: 14 }),
		description: fc.string({ maxLength: 20 }),
		style: fc.constantFrom('plain', 'wardley', 'handwritten', 'colour', 'dark') as fc.Arbitrary<MapSnapshot['style']>,
		size: fc.option(fc.record({ width: fc.integer({ min: 1, max: 3000 }), height: fc.integer({ min: 1, max: 3000 }) }), { nil: null }),
		labels: fc.option(fc.tuple(lineArb, lineArb, lineArb, lineArb).filter((l) => !l[0].startsWith('-') && !l.some((s) => s.includes('->'))), { nil: null }),
		hideEvolution: fc.boolean(),
		hideValueChain: fc.boolean(),
		annotationsAt: fc.option(point, { nil: null }),
		valueChain: fc.option(fc.record({ axis: lineArb, top: lineArb, bottom: lineArb }), { nil: null }),
		components: fc.uniqueArray(
			fc.record({
				name: nameArb,
				kind: fc.constantFrom('component', 'anchor', 'submap') as fc.Arbitrary<Component['kind']>,
				point,
				label: offset,
				inertia: fc.boolean(),
				decorators,
				ref: fc.constantFrom('', 'mapA', 'mapB'),
				product: fc.constantFrom('', 'Dynamics 365', 'x "y" // z'),
				lifecycle: fc.constantFrom(...LIFECYCLES),
				predecessors: fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
				pipelineOf: fc.nat(),
				childOf: fc.option(fc.nat(), { nil: null })
			}),
			{ maxLength: 12, selector: (c) => c.name.replace(/\s+/g, ' ').toLowerCase() }
		),
		evolves: fc.array(fc.record({ of: fc.nat(), name: fc.option(nameArb, { nil: '' }), evolution: coord, label: offset, decorators }), { maxLength: 4 }),
		pipelines: fc.array(fc.record({ of: fc.nat(), span: fc.option(fc.tuple(coord, coord), { nil: null }) }), { maxLength: 3 }),
		links: fc.array(
			fc.record({
				from: fc.nat(),
				to: fc.nat(),
				context: fc.string({ unit: fc.constantFrom(...NAME_CHARS), maxLength: 10 }),
				flow: fc.constantFrom(null, 'forward', 'reverse', 'both') as fc.Arbitrary<MapSnapshot['links'][number]['flow']>,
				flowLabel: lineArb
			}),
			{ maxLength: 10 }
		),
		notes: fc.array(fc.record({ text: nameArb, point }), { maxLength: 3 }),
		annotations: fc.array(fc.record({ number: fc.integer({ min: 1, max: 30 }), text: fc.string({ maxLength: 12 }), positions: fc.array(point, { minLength: 1, maxLength: 3 }) }), { maxLength: 3 }),
		areas: fc.array(fc.record({ kind: fc.constantFrom('pioneers', 'settlers', 'townplanners') as fc.Arbitrary<'pioneers'>, from: point, to: point }), { maxLength: 3 }),
		accelerators: fc.array(fc.record({ kind: fc.constantFrom('accelerator', 'deaccelerator') as fc.Arbitrary<'accelerator'>, name: nameArb, point }), { maxLength: 3 })
});
type Gen = typeof genArb extends fc.Arbitrary<infer T> ? T : never;

/** A random map that OWM text can carry: unique names, named evolves for links, consistent urls. */
export const mapArb: fc.Arbitrary<MapSnapshot> = genArb.map((g) => assemble(g));

function assemble(g: Gen): MapSnapshot {
	const comps: Component[] = g.components.map((c, k) => ({
		id: newId<ComponentId>(),
		kind: c.kind,
		name: c.name,
		evolution: c.point.evolution,
		visibility: c.point.visibility,
		label: c.label,
		inertia: c.inertia,
		decorators: c.decorators,
		pipelineId: null,
		submapRef: c.kind === 'submap' ? c.ref : '',
		submapUrl: c.kind === 'submap' && c.ref ? `https://maps.example/${c.ref}?a=1` : '',
		componentType: '',
		product: c.product,
		supplier: '',
		lifecycle: c.lifecycle,
		notes: '',
		predecessors: c.predecessors,
		order: k + 1
	}));
	// Pipelines sit on components that are not children; children are other free components.
	const pipelines: MapSnapshot['pipelines'][number][] = [];
	const owners = new Set<number>();
	if (comps.length > 1) {
		for (const p of g.pipelines) {
			const k = p.of % comps.length;
			if (owners.has(k)) continue;
			owners.add(k);
			pipelines.push({ id: newId(), componentId: comps[k].id, start: p.span?.[0] ?? null, end: p.span?.[1] ?? null, order: pipelines.length + 1 });
		}
	}
	g.components.forEach((c, k) => {
		if (c.childOf === null || pipelines.length === 0 || owners.has(k)) return;
		const p = pipelines[c.childOf % pipelines.length];
		if (p.componentId === comps[k].id) return;
		comps[k] = { ...comps[k], pipelineId: p.id };
	});
	const evolveNames = new Set(comps.map((c) => c.name.replace(/\s+/g, ' ').toLowerCase()));
	const evolves: MapSnapshot['evolves'][number][] = [];
	if (comps.length > 0) {
		for (const e of g.evolves) {
			let name = e.name;
			const key = name.replace(/\s+/g, ' ').toLowerCase();
			if (name && evolveNames.has(key)) name = '';
			if (name) evolveNames.add(key);
			evolves.push({ id: newId(), componentId: comps[e.of % comps.length].id, evolution: e.evolution, name, label: e.label, decorators: e.decorators, order: evolves.length + 1 });
		}
	}
	const endpoints = [...comps.map((c) => c.id as string), ...evolves.filter((e) => e.name).map((e) => e.id as string)];
	const links: MapSnapshot['links'][number][] = [];
	if (endpoints.length > 1) {
		for (const l of g.links) {
			const from = endpoints[l.from % endpoints.length];
			const to = endpoints[l.to % endpoints.length];
			if (from === to) continue;
			links.push({ id: newId(), from: from as ComponentId, to: to as ComponentId, context: l.context, flow: l.flow, flowLabel: l.flow ? l.flowLabel : '', order: links.length + 1 });
		}
	}
	const withIds = <T extends object>(items: T[]) => items.map((item, k) => ({ ...item, id: newId(), order: k + 1 }));
	return {
		schemaVersion: SCHEMA_VERSION,
		title: g.title,
		description: g.description,
		style: g.style,
		size: g.size ?? { width: 0, height: 0 },
		evolutionLabels: g.labels ?? DEFAULT_EVOLUTION_LABELS,
		valueChainLabels: g.valueChain ?? { axis: 'Value Chain', top: 'Visible', bottom: 'Invisible' },
		hideEvolution: g.hideEvolution,
		hideValueChain: g.hideValueChain,
		annotationsAt: g.annotationsAt,
		components: comps,
		links,
		evolves,
		pipelines,
		notes: withIds(g.notes.map((n) => ({ text: n.text, ...n.point }))),
		annotations: withIds(g.annotations.map((a) => ({ number: a.number, text: a.text, positions: a.positions }))),
		areas: withIds(g.areas),
		accelerators: withIds(g.accelerators.map((a) => ({ kind: a.kind, name: a.name, ...a.point })))
	} as unknown as MapSnapshot;
}
