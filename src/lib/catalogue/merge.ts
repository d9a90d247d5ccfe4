// Local government reorganisation: merge several councils' maps into one new draft, one
// component per type, with duplicates flagged and predecessors recorded. Pure; map types only.
import type { Component, ComponentId, EndpointId, Evolve, EvolveId, Link, MapSnapshot } from '../map/types.js';
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '../map/commands.js';
import { buildSnapshot, makeComponent, makeEvolve, makeLink } from './snapshot.js';
import { normalise, splitParentheses } from './text.js';
import type { Vocabulary } from './types.js';

export interface MergeInput {
	/** Short name of the predecessor, e.g. 'Kestrelford'; used in predecessors and notes. */
	readonly name: string;
	readonly map: MapSnapshot;
}

/** One predecessor component of a duplicated type. */
export interface MergeSource {
	readonly mapName: string;
	readonly name: string;
	readonly product: string;
	readonly supplier: string;
}

/** A type several predecessor components fill (across maps or within one): a rationalisation decision. */
export interface MergeDuplicate {
	readonly typeId: string;
	/** The merged component standing for them all. */
	readonly componentId: ComponentId;
	readonly components: readonly MergeSource[];
}

export interface MergeResult {
	readonly map: MapSnapshot;
	/** Types with more than one predecessor component, in merged-map order. */
	readonly duplicates: readonly MergeDuplicate[];
}

interface Source {
	readonly mapIndex: number;
	readonly mapName: string;
	readonly component: Component;
}

/** Which merged element a predecessor component joins: its type, else its name. */
function groupKey(c: Component): string {
	if (c.kind === 'anchor') return `anchor:${normalise(c.name)}`;
	return c.componentType ? `type:${c.componentType}` : `name:${normalise(c.name)}`;
}

function distinct(values: readonly string[]): string[] {
	const seen = new Map<string, string>();
	for (const v of values) {
		const key = normalise(v);
		if (key && !seen.has(key)) seen.set(key, v.trim());
	}
	return [...seen.values()];
}

function mean(values: readonly number[]): number {
	return values.reduce((s, v) => s + v, 0) / values.length;
}

function sameDecorators(sources: readonly Source[]): boolean {
	const first = JSON.stringify(sources[0].component.decorators);
	return sources.every((s) => JSON.stringify(s.component.decorators) === first);
}

function describe(s: Source): string {
	const c = s.component;
	const what = c.product || c.name;
	return `${s.mapName}: ${what}${c.supplier ? ` (${c.supplier})` : ''}`;
}

function mergedComponent(key: string, sources: readonly Source[], vocabulary: Vocabulary, order: number): Component {
	const first = sources[0].component;
	const type = first.componentType ? vocabulary.byId.get(first.componentType) : undefined;
	const names = distinct(sources.map((s) => s.component.name));
	const lifecycles = new Set(sources.map((s) => s.component.lifecycle));
	const isAnchor = first.kind === 'anchor';
	const notes: string[] = [];
	if (!isAnchor && key.startsWith('type:') && sources.length > 1) {
		notes.push(`Duplicates to rationalise (${sources.length}): ${sources.map(describe).join('; ')}.`);
	}
	for (const s of sources) if (s.component.notes) notes.push(`${s.mapName}: ${s.component.notes}`);
	return makeComponent(
		{
			kind: first.kind,
			name: names.length === 1 ? names[0] : type ? splitParentheses(type.name)[0] : first.name,
			evolution: mean(sources.map((s) => s.component.evolution)),
			visibility: mean(sources.map((s) => s.component.visibility)),
			componentType: first.componentType,
			product: distinct(sources.map((s) => s.component.product)).join(' / '),
			supplier: distinct(sources.map((s) => s.component.supplier)).join(' / '),
			lifecycle: lifecycles.size === 1 ? first.lifecycle : '',
			decorators: sameDecorators(sources) ? first.decorators : undefined,
			inertia: sources.some((s) => s.component.inertia),
			submapRef: first.submapRef,
			submapUrl: first.submapUrl,
			notes: clip(notes.join('\n'), MAX_TEXT_LENGTH),
			predecessors: isAnchor
				? []
				: sources.map((s) => {
						const from = s.component.predecessors.length ? ` (from ${s.component.predecessors.join(', ')})` : '';
						return clip(`${s.mapName}: ${s.component.product || s.component.name}${from}`, MAX_NAME_LENGTH);
					})
		},
		order
	);
}

/** `text` cut to `max` characters, with an ellipsis when cut: what the model accepts. */
function clip(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Give repeated names a number ('Website', 'Website (2)') so links by name stay unambiguous. */
function uniqueNames(components: Component[]): Component[] {
	const used = new Set<string>();
	return components.map((c) => {
		let name = c.name;
		for (let i = 2; used.has(normalise(name)); i++) name = `${c.name} (${i})`;
		used.add(normalise(name));
		return name === c.name ? c : { ...c, name };
	});
}

/**
 * Merge predecessor maps into a new draft: one component per component type (untyped components
 * join by name, anchors by name), placed at the mean position of their predecessors; product and
 * supplier list the distinct predecessors' values; `predecessors` records each one
 * ('Kestrelford: Dynamics 365'); types filled more than once are flagged in the notes and returned
 * as `duplicates`. Links and evolve moves are carried over, deduplicated. Pipelines, map notes,
 * annotations, areas and accelerators are not carried. All ids are fresh.
 */
export function mergeMaps(maps: readonly MergeInput[], vocabulary: Vocabulary, title: string): MergeResult {
	const groups = new Map<string, Source[]>();
	maps.forEach(({ name, map }, mapIndex) => {
		for (const component of map.components) {
			const key = groupKey(component);
			const list = groups.get(key);
			const source = { mapIndex, mapName: name, component };
			if (list) list.push(source);
			else groups.set(key, [source]);
		}
	});
	// Predecessor element (per map) → merged element.
	const target = maps.map(() => new Map<string, EndpointId>());
	let components: Component[] = [];
	const evolves: Evolve[] = [];
	const duplicates: MergeDuplicate[] = [];
	for (const [key, sources] of groups) {
		const merged = mergedComponent(key, sources, vocabulary, components.length + 1);
		components.push(merged);
		for (const s of sources) target[s.mapIndex].set(s.component.id, merged.id);
		if (key.startsWith('type:') && sources.length > 1 && merged.kind !== 'anchor') {
			duplicates.push({
				typeId: merged.componentType,
				componentId: merged.id,
				components: sources.map(({ mapName, component: c }) => ({ mapName, name: c.name, product: c.product, supplier: c.supplier }))
			});
		}
		const moves = sources.flatMap((s) => maps[s.mapIndex].map.evolves.filter((e) => e.componentId === s.component.id).map((e) => ({ s, e })));
		if (moves.length > 0) {
			const evolve = makeEvolve(merged.id, mean(moves.map((m) => m.e.evolution)), evolves.length + 1);
			evolves.push(evolve);
			for (const { s, e } of moves) target[s.mapIndex].set(e.id, evolve.id as EvolveId);
		}
	}
	components = uniqueNames(components);
	const links: Link[] = [];
	const seen = new Set<string>();
	maps.forEach(({ map }, mapIndex) => {
		for (const l of map.links) {
			const from = target[mapIndex].get(l.from);
			const to = target[mapIndex].get(l.to);
			if (!from || !to || from === to || seen.has(`${from}>${to}`)) continue;
			seen.add(`${from}>${to}`);
			links.push({ ...makeLink(from, to, links.length + 1), context: l.context, flow: l.flow, flowLabel: l.flowLabel });
		}
	});
	const description = `Draft merged from ${maps.map((m) => m.name).join(', ')}.`;
	return { map: buildSnapshot({ title, description }, { components, links, evolves }), duplicates };
}
