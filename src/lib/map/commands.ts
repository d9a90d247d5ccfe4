// Every write to a map: named commands, each one Yjs transaction tagged with an origin (so an
// UndoManager can track one user's own changes). Rules live here: deleting a component removes
// its links, evolves and pipelines; links only join elements that exist.
import * as Y from 'yjs';
import { POINT_COLLECTIONS, collection, metaMap, position, type CollectionName, type ElementMap } from './schema.js';
import { migrate } from './migrate.js';
import { writeContracts } from './contracts-store.js';
import { newId } from './ids.js';
import { ModelError, assertValidSnapshot, checkFields, checkMeta } from './validate.js';
import {
	META_KEYS,
	type Accelerator,
	type AcceleratorId,
	type Annotation,
	type AnnotationId,
	type Area,
	type AreaId,
	type Component,
	type ComponentId,
	type Contract,
	type Decorators,
	type ElementRef,
	type EndpointId,
	type Evolve,
	type EvolveId,
	type Link,
	type LinkId,
	type MapMeta,
	type MapSnapshot,
	type Note,
	type NoteId,
	type Offset,
	type Pipeline,
	type PipelineId,
	type Point
} from './types.js';

/** The origin of local edits when a caller gives none. Pass your own object for per-user undo. */
export const LOCAL_ORIGIN = Symbol('stackmap-local');

export { MAX_NAME_LENGTH, MAX_TEXT_LENGTH, ModelError, SnapshotError } from './validate.js';

type Editable<T> = { -readonly [K in keyof T]?: T[K] };
/** A command's input: any editable field; decorators may be given in part (the rest are off). */
type Input<T, Required extends keyof T = never> = Editable<Omit<T, 'id' | 'order' | 'decorators'>> &
	Pick<T, Required> &
	('decorators' extends keyof T ? { decorators?: Partial<Decorators> } : unknown);

export type ComponentInput = Input<Component, 'name'>;
export type LinkInput = Input<Link, 'from' | 'to'>;
export type EvolveInput = Input<Evolve, 'componentId' | 'evolution'>;
export type PipelineInput = Input<Pipeline, 'componentId'>;
export type NoteInput = Input<Note, 'text' | 'evolution' | 'visibility'>;
export type AnnotationInput = Input<Annotation, 'number' | 'positions'>;
export type AreaInput = Input<Area, 'kind' | 'from' | 'to'>;
export type AcceleratorInput = Input<Accelerator, 'kind' | 'name' | 'evolution' | 'visibility'>;

/**
 * Fields as stored for an element of `name`: a position (evolution and/or visibility) of an element
 * placed at a point becomes its one `at` field, the other coordinate kept from `element`; the two
 * fields of documents from before `at` are dropped on its first move.
 */
function placed(name: CollectionName, element: ElementMap, fields: Record<string, unknown>): Record<string, unknown> {
	if (!POINT_COLLECTIONS.has(name) || (fields.evolution === undefined && fields.visibility === undefined)) return fields;
	const { evolution, visibility, ...rest } = fields;
	const now = position(element);
	const out: Record<string, unknown> = { ...rest, at: [evolution ?? now.evolution, visibility ?? now.visibility] };
	if (element.has('evolution')) out.evolution = null;
	if (element.has('visibility')) out.visibility = null;
	return out;
}

function sameAt(a: unknown, b: unknown): boolean {
	return Array.isArray(a) && Array.isArray(b) && a.length === 2 && b.length === 2 && a[0] === b[0] && a[1] === b[1];
}

function write(element: ElementMap, fields: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(fields)) {
		// A component's contracts are kept one key each (contracts-store.ts): null removes them all.
		if (key === 'contracts') writeContracts(element, (value ?? []) as readonly Contract[]);
		else if (value === null) {
			if (element.has(key)) element.delete(key);
		} else if (key === 'at' ? !sameAt(element.get(key), value) : element.get(key) !== value || typeof value === 'object') {
			element.set(key, value);
		}
	}
}

function nextOrder(doc: Y.Doc, name: CollectionName): number {
	let max = 0;
	collection(doc, name).forEach((m) => {
		const o = m.get('order');
		if (typeof o === 'number' && o > max) max = o;
	});
	return max + 1;
}

function getElement(doc: Y.Doc, name: CollectionName, id: string): ElementMap {
	const element = collection(doc, name).get(id);
	if (!(element instanceof Y.Map)) throw new ModelError(`no ${name.slice(0, -1)} with id ${id}`);
	return element;
}

function addElement<T extends string>(
	doc: Y.Doc,
	name: CollectionName,
	input: Record<string, unknown>,
	origin: unknown,
	id?: string
): T {
	const fields = checkFields(name, input);
	const newIdValue = (id ?? newId()) as T;
	doc.transact(() => {
		const element = new Y.Map<unknown>();
		collection(doc, name).set(newIdValue, element);
		write(element, { ...placed(name, element, fields), order: nextOrder(doc, name) });
	}, origin);
	return newIdValue;
}

function updateElement(doc: Y.Doc, name: CollectionName, id: string, patch: Record<string, unknown>, origin: unknown): void {
	const fields = checkFields(name, patch);
	doc.transact(() => {
		const element = getElement(doc, name, id);
		write(element, placed(name, element, fields));
	}, origin);
}

function hasElement(doc: Y.Doc, name: CollectionName, id: string): boolean {
	return collection(doc, name).get(id) instanceof Y.Map;
}

/** Ids in `name` whose field `key` is one of `values`. */
function idsWhere(doc: Y.Doc, name: CollectionName, key: string, values: ReadonlySet<string>): string[] {
	const ids: string[] = [];
	collection(doc, name).forEach((m, id) => {
		if (values.has(m.get(key) as string)) ids.push(id);
	});
	return ids;
}

// ---- map ------------------------------------------------------------------------------------

/** Stamp a new, empty document with the schema version and a title. */
export function initMap(doc: Y.Doc, meta: Partial<MapMeta> = {}, origin: unknown = LOCAL_ORIGIN): void {
	doc.transact(() => {
		migrate(doc, origin);
		setMeta(doc, meta, origin);
	}, origin);
}

/** Change map-level settings (title, style, stage labels, axis labels, …). */
export function setMeta(doc: Y.Doc, patch: Partial<MapMeta>, origin: unknown = LOCAL_ORIGIN): void {
	const meta = metaMap(doc);
	const fields = checkMeta(patch);
	doc.transact(() => {
		for (const [key, value] of Object.entries(fields)) {
			if (value === null) meta.delete(key);
			else meta.set(key, value);
		}
	}, origin);
}

// ---- components -----------------------------------------------------------------------------

/** Add a component (or anchor, or submap). Defaults: evolution 0.5, visibility 0.5. */
export function addComponent(doc: Y.Doc, input: ComponentInput, origin: unknown = LOCAL_ORIGIN): ComponentId {
	if (input.pipelineId && !hasElement(doc, 'pipelines', input.pipelineId)) {
		throw new ModelError(`no pipeline with id ${input.pipelineId}`);
	}
	return addElement<ComponentId>(doc, 'components', { evolution: 0.5, visibility: 0.5, ...input }, origin);
}

/** Change any fields of a component. */
export function updateComponent(doc: Y.Doc, id: ComponentId, patch: Partial<ComponentInput>, origin: unknown = LOCAL_ORIGIN): void {
	updateElement(doc, 'components', id, patch, origin);
}

/** Move a component to a point (evolution, visibility in 0..1). */
export function moveComponent(doc: Y.Doc, id: ComponentId, to: Point, origin: unknown = LOCAL_ORIGIN): void {
	updateElement(doc, 'components', id, { evolution: to.evolution, visibility: to.visibility }, origin);
}

/**
 * Place a component's label `offset` px from its point (the OWM `label [x, y]`), pinned: the
 * renderer draws it exactly there rather than treating it as a hint.
 */
export function setLabelOffset(doc: Y.Doc, id: ComponentId, offset: Offset, origin: unknown = LOCAL_ORIGIN): void {
	updateElement(doc, 'components', id, { label: { x: offset.x, y: offset.y }, labelPinned: true }, origin);
}

/** Give a component's label back to automatic placement: no offset, not pinned. */
export function resetLabel(doc: Y.Doc, id: ComponentId, origin: unknown = LOCAL_ORIGIN): void {
	updateElement(doc, 'components', id, { label: null, labelPinned: null }, origin);
}

export function renameComponent(doc: Y.Doc, id: ComponentId, name: string, origin: unknown = LOCAL_ORIGIN): void {
	updateElement(doc, 'components', id, { name }, origin);
}

/** Delete a component with its links, its evolve moves and the pipelines it owns (children stay, freed). */
export function deleteComponent(doc: Y.Doc, id: ComponentId, origin: unknown = LOCAL_ORIGIN): void {
	deleteElements(doc, [{ collection: 'components', id }], origin);
}

// ---- links ----------------------------------------------------------------------------------

function checkEndpoint(doc: Y.Doc, id: string, end: string): void {
	if (!hasElement(doc, 'components', id) && !hasElement(doc, 'evolves', id)) {
		throw new ModelError(`link ${end} ${id} is not a component or an evolved component`);
	}
}

/**
 * Link `from` (the higher element, which needs) to `to`. A link to itself is allowed, so imported
 * `A->A` lines survive round trips; the editor does not offer one (controller.link).
 */
export function addLink(doc: Y.Doc, input: LinkInput, origin: unknown = LOCAL_ORIGIN): LinkId {
	checkEndpoint(doc, input.from, 'start');
	checkEndpoint(doc, input.to, 'end');
	return addElement<LinkId>(doc, 'links', input as Record<string, unknown>, origin);
}

export function updateLink(doc: Y.Doc, id: LinkId, patch: Partial<LinkInput>, origin: unknown = LOCAL_ORIGIN): void {
	if (patch.from) checkEndpoint(doc, patch.from, 'start');
	if (patch.to) checkEndpoint(doc, patch.to, 'end');
	updateElement(doc, 'links', id, patch, origin);
}

export function deleteLink(doc: Y.Doc, id: LinkId, origin: unknown = LOCAL_ORIGIN): void {
	deleteElements(doc, [{ collection: 'links', id }], origin);
}

// ---- evolve moves and pipelines -------------------------------------------------------------

/** Add an evolve move of a component to evolution `evolution` (its visibility stays). */
export function addEvolve(doc: Y.Doc, input: EvolveInput, origin: unknown = LOCAL_ORIGIN): EvolveId {
	getElement(doc, 'components', input.componentId);
	return addElement<EvolveId>(doc, 'evolves', input as Record<string, unknown>, origin);
}

export function updateEvolve(doc: Y.Doc, id: EvolveId, patch: Partial<EvolveInput>, origin: unknown = LOCAL_ORIGIN): void {
	updateElement(doc, 'evolves', id, patch, origin);
}

export function deleteEvolve(doc: Y.Doc, id: EvolveId, origin: unknown = LOCAL_ORIGIN): void {
	deleteElements(doc, [{ collection: 'evolves', id }], origin);
}

/** Give a component a pipeline. Children are components added with `pipelineId`. */
export function addPipeline(doc: Y.Doc, input: PipelineInput, origin: unknown = LOCAL_ORIGIN): PipelineId {
	getElement(doc, 'components', input.componentId);
	return addElement<PipelineId>(doc, 'pipelines', input as Record<string, unknown>, origin);
}

export function updatePipeline(doc: Y.Doc, id: PipelineId, patch: Partial<PipelineInput>, origin: unknown = LOCAL_ORIGIN): void {
	updateElement(doc, 'pipelines', id, patch, origin);
}

export function deletePipeline(doc: Y.Doc, id: PipelineId, origin: unknown = LOCAL_ORIGIN): void {
	deleteElements(doc, [{ collection: 'pipelines', id }], origin);
}

// ---- notes, annotations, areas, accelerators ------------------------------------------------

export function addNote(doc: Y.Doc, input: NoteInput, origin: unknown = LOCAL_ORIGIN): NoteId {
	return addElement<NoteId>(doc, 'notes', input as Record<string, unknown>, origin);
}
export function updateNote(doc: Y.Doc, id: NoteId, patch: Partial<NoteInput>, origin: unknown = LOCAL_ORIGIN): void {
	updateElement(doc, 'notes', id, patch, origin);
}

export function addAnnotation(doc: Y.Doc, input: AnnotationInput, origin: unknown = LOCAL_ORIGIN): AnnotationId {
	return addElement<AnnotationId>(doc, 'annotations', input as Record<string, unknown>, origin);
}
export function updateAnnotation(doc: Y.Doc, id: AnnotationId, patch: Partial<AnnotationInput>, origin: unknown = LOCAL_ORIGIN): void {
	updateElement(doc, 'annotations', id, patch, origin);
}

export function addArea(doc: Y.Doc, input: AreaInput, origin: unknown = LOCAL_ORIGIN): AreaId {
	return addElement<AreaId>(doc, 'areas', input as Record<string, unknown>, origin);
}
export function updateArea(doc: Y.Doc, id: AreaId, patch: Partial<AreaInput>, origin: unknown = LOCAL_ORIGIN): void {
	updateElement(doc, 'areas', id, patch, origin);
}

export function addAccelerator(doc: Y.Doc, input: AcceleratorInput, origin: unknown = LOCAL_ORIGIN): AcceleratorId {
	return addElement<AcceleratorId>(doc, 'accelerators', input as Record<string, unknown>, origin);
}
export function updateAccelerator(doc: Y.Doc, id: AcceleratorId, patch: Partial<AcceleratorInput>, origin: unknown = LOCAL_ORIGIN): void {
	updateElement(doc, 'accelerators', id, patch, origin);
}

// ---- deleting -------------------------------------------------------------------------------

/**
 * Delete several elements in one transaction (one undo step), with everything that depends on
 * them: a component's links, evolves and owned pipelines; an evolve's links. Pipeline children
 * are kept and freed at the parent's visibility. Unknown ids are ignored (a collaborator may have
 * deleted them first).
 */
export function deleteElements(doc: Y.Doc, refs: readonly ElementRef[], origin: unknown = LOCAL_ORIGIN): void {
	doc.transact(() => {
		const doomed = new Map<CollectionName, Set<string>>();
		const mark = (name: CollectionName, ids: Iterable<string>) => {
			let set = doomed.get(name);
			if (!set) doomed.set(name, (set = new Set()));
			for (const id of ids) if (hasElement(doc, name, id)) set.add(id);
		};
		for (const ref of refs) mark(ref.collection, [ref.id]);
		const components = doomed.get('components') ?? new Set<string>();
		mark('evolves', idsWhere(doc, 'evolves', 'componentId', components));
		mark('pipelines', idsWhere(doc, 'pipelines', 'componentId', components));
		const endpoints = new Set([...components, ...(doomed.get('evolves') ?? [])]);
		mark('links', [...idsWhere(doc, 'links', 'from', endpoints), ...idsWhere(doc, 'links', 'to', endpoints)]);
		const pipelines = doomed.get('pipelines') ?? new Set<string>();
		for (const childId of idsWhere(doc, 'components', 'pipelineId', pipelines)) {
			if (components.has(childId)) continue;
			const child = getElement(doc, 'components', childId);
			const parentId = collection(doc, 'pipelines').get(child.get('pipelineId') as string)?.get('componentId');
			const parent = collection(doc, 'components').get(parentId as string);
			if (parent instanceof Y.Map) write(child, placed('components', child, { visibility: position(parent).visibility }));
			child.delete('pipelineId');
		}
		for (const [name, ids] of doomed) for (const id of ids) collection(doc, name).delete(id);
	}, origin);
}

// ---- whole maps -----------------------------------------------------------------------------

const LOAD_ORDER: readonly CollectionName[] = ['components', 'evolves', 'pipelines', 'links', 'notes', 'annotations', 'areas', 'accelerators'];

/**
 * Write a whole snapshot into a document, keeping its ids (import, fork, JSON restore). Elements
 * already in the document are replaced; nothing else is removed. The snapshot is validated first
 * (validateSnapshot: references may name elements already in the document): a refused one throws
 * SnapshotError, naming each bad element, and writes nothing. One transaction.
 */
export function loadSnapshot(doc: Y.Doc, snapshot: MapSnapshot, origin: unknown = LOCAL_ORIGIN): void {
	assertValidSnapshot(snapshot, (name, id) => hasElement(doc, name, id));
	doc.transact(() => {
		migrate(doc, origin);
		setMeta(doc, Object.fromEntries(META_KEYS.map((key) => [key, snapshot[key]])) as Partial<MapMeta>, origin);
		for (const name of LOAD_ORDER) {
			for (const item of (snapshot[name] ?? []) as readonly { id: string; order: number }[]) {
				const element = new Y.Map<unknown>();
				collection(doc, name).set(item.id, element);
				write(element, { ...placed(name, element, checkFields(name, item as unknown as Record<string, unknown>)), order: item.order });
			}
		}
	}, origin);
}

export type { EndpointId };
