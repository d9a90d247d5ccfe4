// Pairing the elements of two maps for reconcile: a few passes of key equality (name first, then
// looser keys such as position or place in the list), and the minimal field patch between a pair.

/** A key for one pass; null never matches. `index` is the item's place in its own list. */
export type KeyFn<T> = (item: T, index: number) => string | null;

/** One matching pass: a key for current items and a key for incoming ones. */
export type Pass<A, B> = readonly [KeyFn<A>, KeyFn<B>];

/** The result of matchItems. */
export interface Matching<A, B> {
	/** Incoming item → the current item it updates. */
	readonly pairs: Map<B, A>;
	/** Incoming items with no current counterpart, in order. */
	readonly added: B[];
	/** Current items with no incoming counterpart. */
	readonly removed: A[];
}

/** Pair items pass by pass; within a pass equal keys pair up in list order (so duplicates pair 1:1). */
export function matchItems<A, B>(current: readonly A[], incoming: readonly B[], passes: readonly Pass<A, B>[]): Matching<A, B> {
	const pairs = new Map<B, A>();
	const used = new Set<A>();
	for (const [keyA, keyB] of passes) {
		const queues = new Map<string, A[]>();
		current.forEach((a, k) => {
			if (used.has(a)) return;
			const key = keyA(a, k);
			if (key === null) return;
			const q = queues.get(key);
			if (q) q.push(a);
			else queues.set(key, [a]);
		});
		incoming.forEach((b, k) => {
			if (pairs.has(b)) return;
			const key = keyB(b, k);
			const a = key === null ? undefined : queues.get(key)?.shift();
			if (a === undefined) return;
			pairs.set(b, a);
			used.add(a);
		});
	}
	return {
		pairs,
		added: incoming.filter((b) => !pairs.has(b)),
		removed: current.filter((a) => !used.has(a))
	};
}

/** Structural equality for the plain values a map holds (numbers, text, points, lists). */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ka = Object.keys(a);
	const kb = Object.keys(b);
	if (ka.length !== kb.length) return false;
	return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The fields of `next` that differ from `current`, or null when none do. */
export function patchOf<T extends object, K extends keyof T>(current: T, next: T, fields: readonly K[]): Pick<T, K> | null {
	const patch: Partial<Pick<T, K>> = {};
	let changed = false;
	for (const f of fields) {
		if (!sameValue(current[f], next[f])) {
			patch[f] = next[f];
			changed = true;
		}
	}
	return changed ? (patch as Pick<T, K>) : null;
}

/** The comments patch from `current` to `next`: absent comments are none, so text without them clears them. */
export function commentsPatch(current: { readonly comments?: string }, next: { readonly comments?: string }): { comments?: string } {
	return (current.comments ?? '') === (next.comments ?? '') ? {} : { comments: next.comments ?? '' };
}

/** patchOf plus the comments patch, or null when nothing differs. */
export function patchWithComments<T extends { readonly comments?: string }, K extends keyof T>(current: T, next: T, fields: readonly K[]): Partial<T> | null {
	const patch = { ...patchOf(current, next, fields), ...commentsPatch(current, next) } as Partial<T>;
	return Object.keys(patch).length > 0 ? patch : null;
}
