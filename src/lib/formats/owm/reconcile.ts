// reconcile: make a map document match a parsed map (a text view's content) with the fewest
// model commands, matching elements by name so ids, council fields and unchanged elements stay.
// Writes only through the exported commands of src/lib/map, all in one transaction.
import type * as Y from 'yjs';
import {
	LOCAL_ORIGIN,
	addComponent,
	addEvolve,
	addLink,
	addPipeline,
	deleteElements,
	emptySnapshot,
	migrate,
	readSnapshot,
	setMeta,
	updateComponent,
	updateEvolve,
	updateLink,
	updatePipeline,
	type Component,
	type ComponentId,
	type ElementRef,
	type EndpointId,
	type MapMeta,
	type MapSnapshot,
	type PipelineId
} from '../../map/index.js';
import { hasCouncilFields } from './extension.js';
import { commentsPatch, matchItems, patchOf, patchWithComments, sameValue, type Matching } from './match.js';
import { reconcileLoose } from './reconcile-loose.js';
import { normalizeName } from './text.js';

const COMPONENT_FIELDS = ['kind', 'name', 'evolution', 'visibility', 'label', 'inertia', 'decorators', 'submapRef', 'submapUrl'] as const;
const COUNCIL_FIELDS = ['componentType', 'product', 'supplier', 'lifecycle', 'notes', 'predecessors', 'contracts'] as const;
const DEFAULT_VALUE_CHAIN = emptySnapshot().valueChainLabels;

/** Pair components: same kind and name; same name; same kind and place; same kind and list index. */
export function matchComponents(current: readonly Component[], incoming: readonly Component[]): Matching<Component, Component> {
	const name = (c: Component) => normalizeName(c.name);
	const kindName = (c: Component) => `${c.kind}\u0000${name(c)}`;
	const kindPlace = (c: Component) => `${c.kind}\u0000${c.evolution}\u0000${c.visibility}`;
	const kindIndex = (c: Component, k: number) => `${c.kind}\u0000${k}`;
	return matchItems(current, incoming, [
		[kindName, kindName],
		[name, name],
		[kindPlace, kindPlace],
		[kindIndex, kindIndex]
	]);
}

function metaPatch(cur: MapMeta, next: MapMeta): Partial<MapMeta> | null {
	const fields = ['title', 'style', 'size', 'evolutionLabels', 'hideEvolution', 'hideValueChain', 'annotationsAt'] as const;
	const patch: { -readonly [K in keyof MapMeta]?: MapMeta[K] } = { ...patchOf(cur, next, fields) };
	// The header and footer comments are the text's own: text without them clears them.
	for (const key of ['header', 'footer'] as const) if ((cur[key] ?? '') !== (next[key] ?? '')) patch[key] = next[key] ?? '';
	// Fields that OWM text carries only in a `// stackmap:` comment: text without one keeps them.
	if (next.description !== '' && next.description !== cur.description) patch.description = next.description;
	if (next.vestingDate && next.vestingDate !== cur.vestingDate) patch.vestingDate = next.vestingDate;
	if (!sameValue(next.valueChainLabels, DEFAULT_VALUE_CHAIN) && !sameValue(next.valueChainLabels, cur.valueChainLabels)) {
		patch.valueChainLabels = next.valueChainLabels;
	}
	return Object.keys(patch).length > 0 ? patch : null;
}

function componentPatch(cur: Component, next: Component, pipelineId: PipelineId | null | undefined, ownsPipeline: boolean): Record<string, unknown> | null {
	const patch: Record<string, unknown> = { ...patchOf(cur, next, COMPONENT_FIELDS), ...commentsPatch(cur, next) };
	// A pipeline child's visibility is its parent's: the model derives it, so don't write it. Except
	// for a child that owns a pipeline itself: the model gives its children the child's stored value.
	if (next.pipelineId !== null && !ownsPipeline) delete patch.visibility;
	if (next.pipelineId !== null && ownsPipeline && pipelineId !== cur.pipelineId) patch.visibility = next.visibility;
	if (hasCouncilFields(next)) {
		Object.assign(patch, patchOf(cur, next, COUNCIL_FIELDS));
		// A comment without contracts removes them, as one without predecessors empties those.
		if (patch.contracts === undefined && 'contracts' in patch) patch.contracts = null;
	}
	// The pin travels in the `// stackmap:` comment: text that drops it gives the label back to layout.
	if ((cur.labelPinned === true) !== (next.labelPinned === true)) patch.labelPinned = next.labelPinned === true ? true : null;
	if (pipelineId !== undefined && pipelineId !== cur.pipelineId) {
		patch.pipelineId = pipelineId;
		// Leaving a pipeline: the stored visibility may be stale, so write the one wanted.
		if (pipelineId === null) patch.visibility = next.visibility;
	}
	return Object.keys(patch).length > 0 ? patch : null;
}

function inputOf<T extends { id: string; order: number }>(item: T): Omit<T, 'id' | 'order'> {
	const { id: _id, order: _order, ...rest } = item;
	return rest;
}

/**
 * Make `doc` match `parsed` with minimal commands, in one transaction tagged `origin`.
 * Components match by kind + normalised name (then looser keys, so a rename keeps the id); links
 * by endpoints + flow; evolves and pipelines by component; notes by text; annotations by number;
 * accelerators by name; areas by kind and place. Changing one coordinate in the text becomes one
 * field update of one component. Council fields (and the map's description and value-chain
 * labels) are kept when the parsed map has none, since OWM text without `// stackmap:` comments
 * cannot carry them.
 */
export function reconcile(doc: Y.Doc, parsed: MapSnapshot, origin: unknown = LOCAL_ORIGIN): void {
	const cur = readSnapshot(doc);
	doc.transact(() => {
		migrate(doc, origin);
		const components = matchComponents(cur.components, parsed.components);
		const compId = new Map<string, ComponentId>();
		for (const [next, c] of components.pairs) compId.set(next.id, c.id);
		const byCompKey = <T extends { componentId: ComponentId }>(t: T) => t.componentId as string;
		const mappedComp = <T extends { componentId: ComponentId }>(t: T) => compId.get(t.componentId) ?? null;
		const evolves = matchItems(cur.evolves, parsed.evolves, [[byCompKey, mappedComp]]);
		const pipelines = matchItems(cur.pipelines, parsed.pipelines, [[byCompKey, mappedComp]]);
		const endpointId = new Map<string, EndpointId>(compId);
		for (const [next, e] of evolves.pairs) endpointId.set(next.id, e.id);
		const pipeId = new Map<string, PipelineId>();
		for (const [next, p] of pipelines.pairs) pipeId.set(next.id, p.id);

		const ends = (l: { from: string; to: string }) => {
			const from = endpointId.get(l.from);
			const to = endpointId.get(l.to);
			return from && to ? `${from}\u0000${to}` : null;
		};
		const curEnds = (l: { from: string; to: string }) => `${l.from}\u0000${l.to}`;
		const links = matchItems(cur.links, parsed.links, [
			[(l) => `${curEnds(l)}\u0000${l.flow}`, (l) => (ends(l) === null ? null : `${ends(l)}\u0000${l.flow}`)],
			[curEnds, ends]
		]);

		const doomed: ElementRef[] = [
			...components.removed.map((c) => ({ collection: 'components' as const, id: c.id })),
			...evolves.removed.map((e) => ({ collection: 'evolves' as const, id: e.id })),
			...pipelines.removed.map((p) => ({ collection: 'pipelines' as const, id: p.id })),
			...links.removed.map((l) => ({ collection: 'links' as const, id: l.id }))
		];
		const loose = reconcileLoose(doc, cur, parsed, origin);
		doomed.push(...loose.doomed);
		if (doomed.length > 0) deleteElements(doc, doomed, origin);
		const meta = metaPatch(cur, parsed);
		if (meta) setMeta(doc, meta, origin);

		// Components: updates, then additions in source order (so `order` follows the text).
		const wantedPipeline = (next: Component): PipelineId | null | undefined =>
			next.pipelineId === null ? null : pipeId.get(next.pipelineId);
		const later: Component[] = [];
		const owners = new Set<string>(parsed.pipelines.map((p) => p.componentId));
		for (const next of parsed.components) {
			const c = components.pairs.get(next);
			const pipelineId = wantedPipeline(next);
			if (pipelineId === undefined) later.push(next);
			if (c) {
				const patch = componentPatch(c, next, pipelineId, owners.has(next.id));
				if (patch) updateComponent(doc, c.id, patch, origin);
				continue;
			}
			const { pipelineId: _p, ...input } = inputOf(next);
			const id = addComponent(doc, pipelineId ? { ...input, pipelineId } : input, origin);
			compId.set(next.id, id);
			endpointId.set(next.id, id);
		}
		for (const [next, p] of pipelines.pairs) {
			const patch = patchWithComments(p, next, ['start', 'end'] as const);
			if (patch) updatePipeline(doc, p.id, patch, origin);
		}
		for (const next of pipelines.added) {
			const componentId = compId.get(next.componentId);
			if (componentId) pipeId.set(next.id, addPipeline(doc, { componentId, start: next.start, end: next.end, comments: next.comments }, origin));
		}
		for (const next of later) {
			const id = compId.get(next.id);
			const pipelineId = next.pipelineId && pipeId.get(next.pipelineId);
			if (id && pipelineId) updateComponent(doc, id, { pipelineId }, origin);
		}

		for (const [next, e] of evolves.pairs) {
			const patch = patchWithComments(e, next, ['evolution', 'name', 'label', 'decorators'] as const);
			if (patch) updateEvolve(doc, e.id, patch, origin);
		}
		for (const next of evolves.added) {
			const componentId = compId.get(next.componentId);
			if (componentId) endpointId.set(next.id, addEvolve(doc, { ...inputOf(next), componentId }, origin));
		}
		for (const [next, l] of links.pairs) {
			const patch = patchWithComments(l, next, ['flow', 'context', 'flowLabel'] as const);
			if (patch) updateLink(doc, l.id, patch, origin);
		}
		for (const next of links.added) {
			const from = endpointId.get(next.from);
			const to = endpointId.get(next.to);
			if (from && to) addLink(doc, { ...inputOf(next), from, to }, origin);
		}
		loose.apply();
	}, origin);
}
