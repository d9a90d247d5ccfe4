// The update guard: says what a Yjs update would change — which collection, element, field, and
// whether it adds, moves, edits, deletes or links — BEFORE it is applied, by decoding it and
// resolving each struct's parent and each deleted range against the room's document.
import * as Y from 'yjs';
import { OutsideSchema, Resolver, type Loc, type Struct } from './resolve.js';
import { DEFAULT_SHAPE_LIMITS, ShapeError, readUpdateShape, type ShapeLimits } from './update-shape.js';
import {
	COLLECTIONS,
	MAX_CONTRACTS,
	WORKSHOP_ROOT,
	checkContracts,
	checkStoredContract,
	contractIdOfKey,
	isLocked,
	toolAllowed,
	type CollectionName,
	type ToolKind,
	type WorkshopState
} from '../../src/lib/map/index.js';

export interface ElementChange {
	readonly collection: CollectionName;
	readonly id: string;
	readonly kinds: Set<ToolKind>;
	/** Fields written or removed (empty for a whole-element add or delete). */
	readonly fields: Set<string>;
	/** The element's name or text before the update, when it existed. */
	label: string;
}

/** What one update would do to a document. */
export interface Classification {
	/** Keyed `collection/id`. */
	readonly elements: Map<string, ElementChange>;
	/** Map-level settings (`meta` keys) written or removed. */
	readonly meta: Set<string>;
	/** True when the update writes the workshop map (locks, tools, timer, summon). */
	workshop: boolean;
	/** Other root types written (not part of the map model). */
	readonly other: Set<string>;
	/** Every kind of operation in the update. */
	readonly kinds: Set<ToolKind>;
	/** The update depends on structs the document does not have (it would wait as pending). */
	unresolved: boolean;
	/** The update writes something the map schema never holds (a nested type, a type in a field). */
	outsideSchema: boolean;
}

/** True when the update changes nothing (everything in it is already known or already deleted). */
export function isEmpty(c: Classification): boolean {
	return c.elements.size === 0 && c.meta.size === 0 && !c.workshop && c.other.size === 0 && !c.unresolved && !c.outsideSchema;
}

const COLLECTION_SET = new Set<string>(COLLECTIONS);
const LINKS: CollectionName = 'links';
const MOVE_FIELDS: Partial<Record<CollectionName, readonly string[]>> = {
	// `at` is where the model keeps a point's position; `evolution` and `visibility` are where
	// documents from before it kept it (a first move removes them).
	components: ['at', 'evolution', 'visibility', 'label', 'labelPinned'],
	notes: ['at', 'evolution', 'visibility'],
	accelerators: ['at', 'evolution', 'visibility'],
	evolves: ['evolution', 'label', 'labelPinned'],
	annotations: ['positions'],
	areas: ['from', 'to'],
	pipelines: ['start', 'end']
};

/** The kind of writing `field` of an element of `collection`: move (position, label offset), link, or edit. */
export function fieldKind(collection: CollectionName, field: string | null): ToolKind {
	if (collection === LINKS) return 'link';
	return field !== null && MOVE_FIELDS[collection]?.includes(field) ? 'move' : 'edit';
}

function newClassification(): Classification {
	return { elements: new Map(), meta: new Set(), workshop: false, other: new Set(), kinds: new Set(), unresolved: false, outsideSchema: false };
}

function note(c: Classification, r: Resolver, collection: CollectionName, id: string, kind: ToolKind, field: string | null): void {
	const key = `${collection}/${id}`;
	let change = c.elements.get(key);
	if (!change) {
		const m = r.element(collection, id);
		const label = m ? (m.get('name') ?? m.get('text') ?? '') : '';
		change = { collection, id, kinds: new Set(), fields: new Set(), label: typeof label === 'string' ? label : '' };
		c.elements.set(key, change);
	}
	change.kinds.add(kind);
	if (field !== null) change.fields.add(field);
	c.kinds.add(kind);
}

/** Record a write (insert) or removal (delete) at `loc`. */
function record(c: Classification, r: Resolver, loc: Loc, op: 'insert' | 'remove' | 'replace', deletesValue: boolean, removedElements: Set<string>): void {
	if (loc.root === WORKSHOP_ROOT) {
		c.workshop = true;
		return;
	}
	if (loc.root === 'meta') {
		c.meta.add(loc.path[0] ?? '');
		c.kinds.add('edit');
		return;
	}
	if (!COLLECTION_SET.has(loc.root)) {
		c.other.add(loc.root);
		c.kinds.add('edit');
		return;
	}
	const collection = loc.root as CollectionName;
	const id = loc.path[0];
	if (id === null || id === undefined) {
		c.other.add(loc.root);
		c.kinds.add('edit');
		return;
	}
	if (loc.path.length === 1) {
		// The element entry itself: added, replaced or deleted.
		const exists = r.element(collection, id) !== undefined;
		let kind: ToolKind;
		if (op === 'remove') kind = 'delete';
		else if (op === 'replace') kind = 'edit';
		else if (deletesValue) kind = exists ? 'delete' : 'edit';
		else kind = exists ? 'edit' : collection === LINKS ? 'link' : 'add';
		note(c, r, collection, id, kind === 'edit' && collection === LINKS ? 'link' : kind, null);
		return;
	}
	// A field of an element: part of adding or deleting it, or a move / edit of its own.
	if (loc.parentFresh || removedElements.has(`${collection}/${id}`)) return;
	note(c, r, collection, id, fieldKind(collection, loc.path[1] ?? null), loc.path[1] ?? null);
}

/**
 * Classify `update` against `doc` without applying it. Throws only on bytes that are not an
 * update. Already-known structs and already-deleted items are ignored. The bytes' shape is
 * checked first (update-shape.ts): an update over the limits, holding what no map holds, or with
 * several blocks for one client is `outsideSchema` without being decoded into structs.
 */
export function classifyUpdate(doc: Y.Doc, update: Uint8Array, limits: ShapeLimits = DEFAULT_SHAPE_LIMITS): Classification {
	const c = newClassification();
	try {
		readUpdateShape(update, limits);
	} catch (err) {
		if (!(err instanceof ShapeError) || err.kind === 'malformed') throw err;
		c.outsideSchema = true;
		return c;
	}
	const { structs, ds } = Y.decodeUpdate(update) as { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
	try {
		classifyStructs(c, new Resolver(doc, structs), doc, structs, ds);
	} catch (err) {
		if (!(err instanceof OutsideSchema)) throw err;
		c.outsideSchema = true;
	}
	return c;
}

/**
 * True when `item` (at `loc`) is not something a Y.Map of the map writes: a type (Y.Map) anywhere
 * but as an element of a collection, list content (no key), or an item with a right origin (a map's
 * `set` never gives one).
 */
function outsideSchema(item: Y.Item, loc: Loc): boolean {
	if (item.rightOrigin !== null || loc.path.includes(null)) return true;
	const element = loc.path.length === 1 && COLLECTION_SET.has(loc.root);
	// An element of a collection is a Y.Map (or the tombstone of one), never a plain value.
	if (element) return !(item.content instanceof Y.ContentType || item.content instanceof Y.ContentDeleted);
	if (loc.root === 'components' && typeof loc.path[1] === 'string') {
		const field = loc.path[1];
		if (item.content instanceof Y.ContentAny && field === 'contracts') return !validContracts(item.content.arr);
		// A contract's own key holds that contract, as stored, or nothing.
		const contractId = contractIdOfKey(field);
		if (contractId !== null) return !(item.content instanceof Y.ContentDeleted || (item.content instanceof Y.ContentAny && validStoredContract(item.content.arr, contractId)));
	}
	return item.content instanceof Y.ContentType;
}

/** True when the value written at `contract:<id>` is one contract as the model stores it, with that id. */
function validStoredContract(values: unknown[], id: string): boolean {
	if (values.length !== 1) return false;
	try {
		checkStoredContract(values[0], id);
		return true;
	} catch {
		return false;
	}
}

/**
 * True when the update would leave a component with more than MAX_CONTRACTS contract keys: its live
 * keys, less those the update removes, plus those it writes (the model refuses a 21st contract).
 */
function tooManyContracts(r: Resolver, fresh: readonly { item: Y.Item; loc: Loc }[], removed: readonly Loc[]): boolean {
	const written = new Map<string, Set<string>>();
	for (const { item, loc } of fresh) {
		const [id, field] = loc.path;
		if (loc.root !== 'components' || loc.path.length !== 2 || !id || !field || contractIdOfKey(field) === null || item.content instanceof Y.ContentDeleted) continue;
		let keys = written.get(id);
		if (!keys) written.set(id, (keys = new Set()));
		keys.add(field);
	}
	if (written.size === 0) return false;
	const gone = new Set<string>();
	for (const loc of removed) if (loc.root === 'components' && loc.path.length === 2) gone.add(`${loc.path[0]}\u0000${loc.path[1]}`);
	for (const [id, keys] of written) {
		const after = new Set([...(r.element('components', id)?.keys() ?? [])].filter((k) => contractIdOfKey(k) !== null && !gone.has(`${id}\u0000${k}`)));
		for (const key of keys) after.add(key);
		if (after.size > MAX_CONTRACTS) return true;
	}
	return false;
}

/** True when a component's `contracts` value is a list the model would store (bounded: at most MAX_CONTRACTS small records). */
function validContracts(values: unknown[]): boolean {
	if (values.length !== 1) return false;
	try {
		checkContracts(values[0]);
		return true;
	} catch {
		return false;
	}
}

/**
 * Items of one update at one key that do not simply follow the item before them: chains that
 * start there (from the document, or with no origin) and branches (a second item after the same
 * one). A client's writes at a key form one chain; a reconnecting client relays a few more. Yjs
 * places each such item by walking past the others at the key, so thousands of them cost their
 * square; past this many the update is refused.
 */
export const MAX_BRANCHES_AT_KEY = 64;

/**
 * Items of one update that set the same key with no origin. A client writes at most one such item
 * a key (its first write there, before it saw a value); Yjs walks every item at the key to place
 * each one, so thousands of them at one key cost their square.
 */
export const MAX_UNORIGINED_AT_KEY = 16;

function classifyStructs(
	c: Classification,
	r: Resolver,
	doc: Y.Doc,
	structs: Struct[],
	ds: { clients: Map<number, { clock: number; len: number }[]> }
): void {

	// Inserts: only what the document does not have yet; a gap in a client's clocks would wait as pending.
	const fresh: { item: Y.Item; loc: Loc }[] = [];
	const next = new Map<number, number>();
	const unoriginated = new Map<string, number>();
	const branches = new Map<string, number>();
	const children = new Map<string, number>();
	for (const s of structs) {
		const client = s.id.client;
		if (!next.has(client)) next.set(client, Y.getState(doc.store, client));
		if (s instanceof Y.Skip) continue;
		const known = next.get(client)!;
		if (s.id.clock > known) c.unresolved = true;
		next.set(client, Math.max(known, s.id.clock + s.length));
		if (!(s instanceof Y.Item) || s.id.clock + s.length <= known) continue;
		const loc = r.updateLoc(s);
		if (loc === 'missing') c.unresolved = true;
		else if (loc !== 'dead') {
			if (outsideSchema(s, loc)) throw new OutsideSchema();
			if (s.origin === null) {
				// With no origin, the item names its parent (a root, or a type by id) and key itself.
				const parent = s.parent instanceof Y.ID ? `${s.parent.client}:${s.parent.clock}` : String(s.parent);
				const at = `${parent}\u0000${s.parentSub}`;
				const n = (unoriginated.get(at) ?? 0) + 1;
				if (n > MAX_UNORIGINED_AT_KEY) throw new OutsideSchema();
				unoriginated.set(at, n);
			}
			const origin = s.origin;
			// A chain starts here when the item follows nothing or an item the document already has.
			let branch = origin === null || origin.clock < Y.getState(doc.store, origin.client);
			if (origin !== null && !branch) {
				const id = `${origin.client}:${origin.clock}`;
				const n = (children.get(id) ?? 0) + 1;
				children.set(id, n);
				branch = n > 1;
			}
			if (branch) {
				const key = `${loc.root}\u0000${loc.path.join('\u0000')}`;
				const n = (branches.get(key) ?? 0) + 1;
				if (n > MAX_BRANCHES_AT_KEY) throw new OutsideSchema();
				branches.set(key, n);
			}
			fresh.push({ item: s, loc });
		}
	}

	// Deletes: resolve each deleted range against the document (or this update's own new items).
	const removed: Loc[] = [];
	for (const [client, ranges] of ds.clients) {
		const state = Y.getState(doc.store, client);
		const structsOfClient = doc.store.clients.get(client) ?? [];
		for (const { clock, len } of ranges) {
			const end = clock + len;
			// Past what the document and this update hold, Yjs would keep the delete pending: refuse that.
			if (end > Math.max(state, next.get(client) ?? state)) c.unresolved = true;
			if (clock >= state || structsOfClient.length === 0) continue;
			for (let i = Y.findIndexSS(structsOfClient, clock); i < structsOfClient.length; i++) {
				const s = structsOfClient[i];
				if (s.id.clock >= end) break;
				if (!(s instanceof Y.Item) || s.deleted) continue;
				const loc = r.docLoc(s);
				if (loc === 'missing') c.unresolved = true;
				else if (loc !== 'dead') removed.push(loc);
			}
		}
	}

	if (tooManyContracts(r, fresh, removed)) throw new OutsideSchema();

	// Element entries removed or written in this update: their fields are part of that, not edits.
	const removedElements = new Set<string>();
	const insertedKeys = new Set<string>();
	for (const { loc } of fresh) if (loc.path.length === 1) insertedKeys.add(`${loc.root}/${loc.path[0]}`);
	for (const loc of removed) if (loc.path.length === 1 && COLLECTION_SET.has(loc.root)) removedElements.add(`${loc.root}/${loc.path[0]}`);
	for (const loc of removed) {
		const key = `${loc.root}/${loc.path[0]}`;
		record(c, r, loc, loc.path.length === 1 && insertedKeys.has(key) ? 'replace' : 'remove', false, removedElements);
	}
	for (const { item, loc } of fresh) {
		const key = `${loc.root}/${loc.path[0]}`;
		const op = loc.path.length === 1 && removedElements.has(key) ? 'replace' : 'insert';
		record(c, r, loc, op, item.content instanceof Y.ContentDeleted, removedElements);
	}
}

const VERBS: Record<ToolKind, string> = { add: 'adding', move: 'moving', edit: 'editing', delete: 'deleting', link: 'linking' };

/** Reasons a participant sees when an update is refused (y-protocols/auth permission-denied). */
export const REFUSED = {
	outOfStep: 'Your copy of the map is out of step with the server: reload the map to carry on.',
	notMap: 'Your change is not part of a Stackmap map (an unknown or mismatched part of the document): it was not saved.',
	workshop: 'Only a facilitator can change the workshop settings.',
	mapLocked: 'The facilitator has locked the map: your change was not saved.',
	locked: (label: string) => `${label ? `“${label}”` : 'This element'} is locked by the facilitator: your change was not saved.`,
	tool: (kind: ToolKind) => `The facilitator has turned off ${VERBS[kind]} for participants: your change was not saved.`
} as const;

/**
 * Whether anyone, facilitators included, may make the changes `c`: null when allowed. An update
 * that writes outside the map model, or depends on structs the server does not have (it would
 * wait in memory, then be written out by compaction), is never applied.
 */
export function writerRefusal(c: Classification): string | null {
	if (c.outsideSchema) return REFUSED.notMap;
	if (c.unresolved) return REFUSED.outOfStep;
	if (c.other.size > 0) return REFUSED.notMap;
	return null;
}

/**
 * Whether a participant may make the changes `c` given the workshop settings: null when allowed,
 * else the reason to show. Facilitators are not checked; viewers never write.
 */
export function participantRefusal(c: Classification, workshop: WorkshopState): string | null {
	if (c.outsideSchema) return REFUSED.notMap;
	if (c.unresolved) return REFUSED.outOfStep;
	if (c.workshop) return REFUSED.workshop;
	if (isEmpty(c)) return null;
	if (workshop.mapLocked) return REFUSED.mapLocked;
	for (const change of c.elements.values()) if (isLocked(workshop, change.id)) return REFUSED.locked(change.label);
	for (const kind of c.kinds) if (!toolAllowed(workshop, kind)) return REFUSED.tool(kind);
	return null;
}

/** An element's name or text in `doc` now ('' when it has none or is gone), for history and messages. */
export function elementLabel(doc: Y.Doc, collection: string, id: string): string {
	const m = doc.getMap(collection).get(id);
	if (!(m instanceof Y.Map)) return '';
	const label = m.get('name') ?? m.get('text');
	return typeof label === 'string' ? label : '';
}
