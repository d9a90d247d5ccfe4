// Where the structs of a Yjs update would land, resolved without applying it: the root type and
// the keys down to each item (e.g. components → element id → field), the way Item.getMissing
// resolves parents from origins. Used by the update guard (guard.ts).
import * as Y from 'yjs';

export type Struct = Y.Item | Y.GC | Y.Skip;
/** Where an item sits: its root type and the keys from the root down to the item itself. */
export interface Loc {
	root: string;
	path: (string | null)[];
	/** Some ancestor (not the item itself) is created by this same update. */
	parentFresh: boolean;
}
/** A location, or 'dead' (Yjs would garbage-collect it on arrival), or 'missing' (it depends on something unknown). */
export type Resolved = Loc | 'dead' | 'missing';

/**
 * Keys from a root down to any item the map schema holds: root → element → field. Nothing in a
 * map is deeper, so resolving never walks further (a nest of thousands of maps is refused at once).
 */
export const MAX_PATH = 2;

/** Thrown while resolving when an item sits deeper than MAX_PATH: the update is not part of a map. */
export class OutsideSchema extends Error {
	override readonly name = 'OutsideSchema';
}

/**
 * Each document's root types by type, kept between updates: rebuilt when a root was added, or on
 * `refresh` (a lookup missed: getMap may have replaced a placeholder root by a typed one).
 */
const rootNamesOf = new WeakMap<Y.Doc, { size: number; names: Map<unknown, string> }>();

function rootNames(doc: Y.Doc, refresh = false): Map<unknown, string> {
	let known = rootNamesOf.get(doc);
	if (!known || refresh || known.size !== doc.share.size) {
		const names = new Map<unknown, string>();
		for (const [name, type] of doc.share) names.set(type, name);
		rootNamesOf.set(doc, (known = { size: doc.share.size, names }));
	}
	return known.names;
}

/** Resolves locations of a document's items and of one update's items against that document. */
export class Resolver {
	private readonly store: Y.Doc['store'];
	private rootNames: Map<unknown, string>;
	private readonly updateStructs = new Map<number, Struct[]>();
	private readonly memo = new Map<Y.Item, Resolved | 'busy'>();

	constructor(
		private readonly doc: Y.Doc,
		structs: Struct[]
	) {
		this.store = doc.store;
		this.rootNames = rootNames(doc);
		for (const s of structs) {
			let list = this.updateStructs.get(s.id.client);
			if (!list) this.updateStructs.set(s.id.client, (list = []));
			list.push(s);
		}
	}

	known(client: number, clock: number): boolean {
		return clock < Y.getState(this.store, client);
	}

	/** The struct holding `id`: the document's if it has it, else this update's, else null. */
	lookup(id: Y.ID): { struct: Struct; fresh: boolean } | null {
		if (this.known(id.client, id.clock)) return { struct: Y.getItem(this.store, id) as Struct, fresh: false };
		const list = this.updateStructs.get(id.client);
		if (!list) return null;
		let lo = 0;
		let hi = list.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const s = list[mid];
			if (id.clock < s.id.clock) hi = mid - 1;
			else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
			else return s instanceof Y.Skip ? null : { struct: s, fresh: true };
		}
		return null;
	}

	/**
	 * Location of an item already integrated in the document, at most `maxPath` keys deep (throws
	 * OutsideSchema past it: the walk up never goes further than the schema allows).
	 */
	docLoc(item: Y.Item, maxPath = MAX_PATH): Resolved {
		const parent = item.parent as Y.AbstractType<unknown> | null;
		if (!parent || typeof parent !== 'object') return 'dead';
		if (parent._item === null) {
			let root = this.rootNames.get(parent);
			if (root === undefined) root = (this.rootNames = rootNames(this.doc, true)).get(parent);
			return root === undefined ? 'missing' : { root, path: [item.parentSub], parentFresh: false };
		}
		if (maxPath <= 1) throw new OutsideSchema();
		const above = this.docLoc(parent._item, maxPath - 1);
		return typeof above === 'string' ? above : { root: above.root, path: [...above.path, item.parentSub], parentFresh: false };
	}

	/**
	 * Location of an item of this update, resolved the way Item.getMissing would, at most `maxPath`
	 * keys deep (throws OutsideSchema past it). An item inserted next to a sibling shares its
	 * location: chains of siblings are walked in a loop and every item on one is memoised, so
	 * resolving a whole update is linear in its structs.
	 */
	updateLoc(item: Y.Item, maxPath = MAX_PATH): Resolved {
		const chain: Y.Item[] = [];
		let result: Resolved | undefined;
		for (let cur: Y.Item = item; result === undefined; ) {
			const memo = this.memo.get(cur);
			if (memo === 'busy') result = 'missing';
			else if (memo !== undefined) result = memo;
			else {
				this.memo.set(cur, 'busy');
				chain.push(cur);
				const next = this.step(cur, maxPath);
				if (next instanceof Y.Item) cur = next;
				else result = next;
			}
		}
		for (const c of chain) this.memo.set(c, result);
		if (typeof result !== 'string' && result.path.length > maxPath) throw new OutsideSchema();
		return result;
	}

	/** One step of resolving `item`: its location, or the sibling of this update it shares it with. */
	private step(item: Y.Item, maxPath: number): Resolved | Y.Item {
		const parent = item.parent as unknown;
		if (typeof parent === 'string') return { root: parent, path: [item.parentSub], parentFresh: false };
		if (parent instanceof Y.ID) {
			const found = this.lookup(parent);
			if (!found) return 'missing';
			const p = found.struct;
			if (p instanceof Y.GC) return 'dead';
			// A deleted type keeps only ContentDeleted once collected: Yjs drops what arrives for it, as
			// for a GC parent (an edit of a component someone deleted meanwhile is not out of step).
			if (p instanceof Y.Item && p.content instanceof Y.ContentDeleted) return 'dead';
			if (!(p instanceof Y.Item) || !(p.content instanceof Y.ContentType)) return 'missing';
			if (maxPath <= 1) throw new OutsideSchema();
			const loc = found.fresh ? this.updateLoc(p, maxPath - 1) : this.docLoc(p, maxPath - 1);
			if (typeof loc === 'string') return loc;
			return { root: loc.root, path: [...loc.path, item.parentSub], parentFresh: found.fresh || loc.parentFresh };
		}
		const left = item.origin ? this.lookup(item.origin) : null;
		const right = item.rightOrigin ? this.lookup(item.rightOrigin) : null;
		if ((item.origin && !left) || (item.rightOrigin && !right)) return 'missing';
		if (left?.struct instanceof Y.GC || right?.struct instanceof Y.GC) return 'dead';
		const sibling = left ?? right;
		if (!sibling || !(sibling.struct instanceof Y.Item)) return 'dead';
		// Same parent and key as the sibling it is inserted next to.
		return sibling.fresh ? sibling.struct : this.docLoc(sibling.struct, maxPath);
	}

	/** The document's live element at collection/id, if any. */
	element(collection: string, id: string): Y.Map<unknown> | undefined {
		// A root the document does not have holds nothing (getMap would create it in the room's document).
		const root = this.doc.share.get(collection);
		if (!root) return undefined;
		const m = (root instanceof Y.Map ? root : this.doc.getMap(collection)).get(id);
		return m instanceof Y.Map ? (m as Y.Map<unknown>) : undefined;
	}
}
