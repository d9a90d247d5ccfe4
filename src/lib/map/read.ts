// Yjs → plain snapshot. readSnapshot(doc) returns a frozen MapSnapshot; unchanged elements keep
// their identity between snapshots (structural sharing), so keyed joins and memos stay cheap.
import * as Y from 'yjs';
import {
	COLLECTIONS,
	bool,
	collection,
	metaMap,
	num,
	numOrNull,
	position,
	str,
	type CollectionName,
	type ElementMap
} from './schema.js';
import { storedVersion } from './migrate.js';
import { readContracts } from './contracts-read.js';
import { isIsoDate } from './contracts.js';
import {
	ACCELERATOR_KINDS,
	AREA_KINDS,
	COMPONENT_KINDS,
	DEFAULT_EVOLUTION_LABELS,
	FLOW_KINDS,
	LIFECYCLES,
	MAP_STYLES,
	type Accelerator,
	type Annotation,
	type Area,
	type Component,
	type Decorators,
	type Evolve,
	type Lifecycle,
	type Link,
	type MapMeta,
	type MapSnapshot,
	type Note,
	type Offset,
	type Pipeline,
	type Point
} from './types.js';

function offset(m: ElementMap, key: string): Offset | null {
	const v = m.get(key) as { x?: unknown; y?: unknown } | null | undefined;
	if (!v || typeof v !== 'object') return null;
	const { x, y } = v;
	return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
		? { x, y }
		: null;
}

function point(v: unknown): Point | null {
	if (!v || typeof v !== 'object') return null;
	const { evolution, visibility } = v as { evolution?: unknown; visibility?: unknown };
	return typeof evolution === 'number' && typeof visibility === 'number' ? { evolution, visibility } : null;
}

function decorators(m: ElementMap): Decorators {
	return {
		build: bool(m, 'build'),
		buy: bool(m, 'buy'),
		outsource: bool(m, 'outsource'),
		market: bool(m, 'market'),
		ecosystem: bool(m, 'ecosystem')
	};
}

/** An element's comment lines, only when it has some (a map without comments reads as before they existed). */
function commented(m: Y.Map<unknown>): { comments?: string } {
	const v = str(m, 'comments');
	return v ? { comments: v } : {};
}

function oneOf<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
	return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Readers from a stored element to its plain record, one per collection. */
export const READERS = {
	components: (id: string, m: ElementMap): Component => {
		const predecessors = m.get('predecessors');
		return {
			id: id as Component['id'],
			kind: oneOf(str(m, 'kind'), COMPONENT_KINDS, 'component'),
			name: str(m, 'name'),
			...position(m),
			label: offset(m, 'label'),
			// Omitted when off, so a snapshot without pins equals one read before pins existed.
			...(m.get('labelPinned') === true ? { labelPinned: true } : {}),
			inertia: bool(m, 'inertia'),
			decorators: decorators(m),
			pipelineId: (str(m, 'pipelineId') || null) as Component['pipelineId'],
			submapRef: str(m, 'submapRef'),
			submapUrl: str(m, 'submapUrl'),
			componentType: str(m, 'componentType'),
			product: str(m, 'product'),
			supplier: str(m, 'supplier'),
			lifecycle: oneOf(str(m, 'lifecycle'), LIFECYCLES, '' as Lifecycle),
			notes: str(m, 'notes'),
			predecessors: Array.isArray(predecessors)
				? predecessors.filter((p): p is string => typeof p === 'string')
				: [],
			...commented(m),
			...readContracts(m.entries()),
			order: num(m, 'order')
		};
	},
	links: (id: string, m: ElementMap): Link => {
		const flow = str(m, 'flow');
		return {
			id: id as Link['id'],
			from: str(m, 'from') as Link['from'],
			to: str(m, 'to') as Link['to'],
			context: str(m, 'context'),
			flow: flow ? oneOf(flow, FLOW_KINDS, 'forward') : null,
			flowLabel: str(m, 'flowLabel'),
			...commented(m),
			order: num(m, 'order')
		};
	},
	evolves: (id: string, m: ElementMap): Evolve => ({
		id: id as Evolve['id'],
		componentId: str(m, 'componentId') as Evolve['componentId'],
		evolution: num(m, 'evolution'),
		name: str(m, 'name'),
		label: offset(m, 'label'),
		...(m.get('labelPinned') === true ? { labelPinned: true } : {}),
		decorators: decorators(m),
		...commented(m),
		order: num(m, 'order')
	}),
	pipelines: (id: string, m: ElementMap): Pipeline => ({
		id: id as Pipeline['id'],
		componentId: str(m, 'componentId') as Pipeline['componentId'],
		start: numOrNull(m, 'start'),
		end: numOrNull(m, 'end'),
		...commented(m),
		order: num(m, 'order')
	}),
	notes: (id: string, m: ElementMap): Note => ({
		id: id as Note['id'],
		text: str(m, 'text'),
		...position(m),
		...commented(m),
		order: num(m, 'order')
	}),
	annotations: (id: string, m: ElementMap): Annotation => {
		const raw = m.get('positions');
		const positions = Array.isArray(raw) ? raw.map(point).filter((p): p is Point => p !== null) : [];
		return {
			id: id as Annotation['id'],
			number: num(m, 'number', 1),
			text: str(m, 'text'),
			positions,
			...commented(m),
			order: num(m, 'order')
		};
	},
	areas: (id: string, m: ElementMap): Area => ({
		id: id as Area['id'],
		kind: oneOf(str(m, 'kind'), AREA_KINDS, 'pioneers'),
		from: point(m.get('from')) ?? { evolution: 0, visibility: 1 },
		to: point(m.get('to')) ?? { evolution: 0.25, visibility: 0.75 },
		...commented(m),
		order: num(m, 'order')
	}),
	accelerators: (id: string, m: ElementMap): Accelerator => ({
		id: id as Accelerator['id'],
		kind: oneOf(str(m, 'kind'), ACCELERATOR_KINDS, 'accelerator'),
		name: str(m, 'name'),
		...position(m),
		...commented(m),
		order: num(m, 'order')
	})
} satisfies Record<CollectionName, (id: string, m: ElementMap) => unknown>;

export type ElementOf<C extends CollectionName> = ReturnType<(typeof READERS)[C]>;

/** Map-level settings from the `meta` map, with defaults for anything unset. */
export function readMeta(doc: Y.Doc): MapMeta {
	const m = metaMap(doc);
	const labels = m.get('evolutionLabels');
	const vc = m.get('valueChainLabels') as Record<string, unknown> | undefined;
	return {
		title: str(m, 'title', 'Untitled map'),
		description: str(m, 'description'),
		style: oneOf(str(m, 'style'), MAP_STYLES, 'plain'),
		size: { width: num(m, 'width'), height: num(m, 'height') },
		evolutionLabels:
			Array.isArray(labels) && labels.length === 4 && labels.every((l) => typeof l === 'string')
				? (labels as unknown as [string, string, string, string])
				: DEFAULT_EVOLUTION_LABELS,
		valueChainLabels: {
			axis: typeof vc?.axis === 'string' ? vc.axis : 'Value Chain',
			top: typeof vc?.top === 'string' ? vc.top : 'Visible',
			bottom: typeof vc?.bottom === 'string' ? vc.bottom : 'Invisible'
		},
		hideEvolution: bool(m, 'hideEvolution'),
		hideValueChain: bool(m, 'hideValueChain'),
		annotationsAt: point(m.get('annotationsAt')),
		...(str(m, 'header') ? { header: str(m, 'header') } : {}),
		...(str(m, 'footer') ? { footer: str(m, 'footer') } : {}),
		...(isIsoDate(str(m, 'vestingDate')) ? { vestingDate: str(m, 'vestingDate') } : {})
	};
}

function byOrder(a: { order: number; id: string }, b: { order: number; id: string }): number {
	return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value)) deepFreeze(v);
	}
	return value;
}

interface Cache {
	/** Per collection: element id → its last read record (dropped when the element changes). */
	elements: Map<CollectionName, Map<string, unknown>>;
	snapshot: MapSnapshot | null;
}

const caches = new WeakMap<Y.Doc, Cache>();

function cacheFor(doc: Y.Doc): Cache {
	let cache = caches.get(doc);
	if (cache) return cache;
	const c: Cache = { elements: new Map(), snapshot: null };
	for (const name of COLLECTIONS) {
		const records = new Map<string, unknown>();
		c.elements.set(name, records);
		collection(doc, name).observeDeep((events) => {
			for (const event of events) {
				if (event.target === event.currentTarget) {
					for (const key of (event as Y.YMapEvent<unknown>).keysChanged) records.delete(key);
				} else {
					// A field of one element changed: its key in the collection is the first path step.
					const key = event.path[0];
					if (typeof key === 'string') records.delete(key);
				}
			}
		});
	}
	doc.on('afterTransaction', (tr: Y.Transaction) => {
		if (tr.changed.size > 0 || tr.deleteSet.clients.size > 0) c.snapshot = null;
	});
	caches.set(doc, c);
	return c;
}

function readCollection<C extends CollectionName>(doc: Y.Doc, name: C, cache: Cache): ElementOf<C>[] {
	const records = cache.elements.get(name)!;
	const out: ElementOf<C>[] = [];
	collection(doc, name).forEach((m, id) => {
		if (!(m instanceof Y.Map)) return;
		let record = records.get(id) as ElementOf<C> | undefined;
		if (!record) {
			record = deepFreeze(READERS[name](id, m) as ElementOf<C>);
			records.set(id, record);
		}
		out.push(record);
	});
	return out.sort(byOrder);
}

/**
 * The whole map as a frozen plain snapshot. Dangling references (a link to a deleted component,
 * which concurrent edits can create) are left out, so every id in the snapshot resolves.
 * Repeated calls without a change in between return the same object.
 */
export function readSnapshot(doc: Y.Doc): MapSnapshot {
	const cache = cacheFor(doc);
	if (cache.snapshot) return cache.snapshot;
	const components = readCollection(doc, 'components', cache);
	const componentIds = new Set<string>(components.map((c) => c.id));
	const pipelines = readCollection(doc, 'pipelines', cache).filter((p) => componentIds.has(p.componentId));
	const pipelineById = new Map(pipelines.map((p) => [p.id as string, p]));
	const visibilityById = new Map(components.map((c) => [c.id as string, c.visibility]));
	// A pipeline child takes its parent's visibility; a child of a missing pipeline is free.
	const placed = components.map((c) => {
		if (!c.pipelineId) return c;
		const pipeline = pipelineById.get(c.pipelineId);
		if (!pipeline) return deepFreeze({ ...c, pipelineId: null });
		const visibility = visibilityById.get(pipeline.componentId)!;
		return visibility === c.visibility ? c : deepFreeze({ ...c, visibility });
	});
	const evolves = readCollection(doc, 'evolves', cache).filter((e) => componentIds.has(e.componentId));
	const endpoints = new Set<string>([...componentIds, ...evolves.map((e) => e.id)]);
	const links = readCollection(doc, 'links', cache).filter((l) => endpoints.has(l.from) && endpoints.has(l.to));
	const snapshot: MapSnapshot = {
		schemaVersion: storedVersion(doc),
		...readMeta(doc),
		components: placed,
		links,
		evolves,
		pipelines,
		notes: readCollection(doc, 'notes', cache),
		annotations: readCollection(doc, 'annotations', cache),
		areas: readCollection(doc, 'areas', cache),
		accelerators: readCollection(doc, 'accelerators', cache)
	};
	cache.snapshot = deepFreeze(snapshot);
	return cache.snapshot;
}
