// The catalogue's facets in memory: one bitset of row ids per facet value, so filtering and
// counting 10,000 maps across hundreds of suppliers and products takes a millisecond or two
// (SQL GROUP BY over half a million component rows takes hundreds). Rebuilt from SQL at start.
import { FACETS, type FacetName, type SortKey } from '../../src/lib/catalogue/query.js';
import type { FacetCount } from '../../src/lib/catalogue/results.js';
import { Bitset } from './bitset.js';

/** A map's facet values (value → display label) per facet. */
export type FacetValues = Record<FacetName, ReadonlyMap<string, string>>;

export interface SortKeys {
	readonly title: string;
	readonly updatedAt: number;
	readonly publishedAt: number;
	readonly components: number;
}

function emptyRecord<T>(make: () => T): Record<FacetName, T> {
	return Object.fromEntries(FACETS.map((f) => [f, make()])) as Record<FacetName, T>;
}

export class FacetIndex {
	/** Every indexed (published) map. */
	readonly live = new Bitset();
	private readonly bits = emptyRecord(() => new Map<string, Bitset>());
	private readonly labels = emptyRecord(() => new Map<string, string>());
	private readonly maps = new Map<number, { values: Record<FacetName, string[]>; sort: SortKeys }>();
	private readonly orders = new Map<Exclude<SortKey, 'relevance'>, number[]>();
	private readonly totalsCache = new Map<FacetName, FacetCount[]>();

	/** File map `rid` under its facet values (replacing what it had). */
	put(rid: number, values: FacetValues, sort: SortKeys): void {
		this.remove(rid);
		const kept = emptyRecord<string[]>(() => []);
		for (const facet of FACETS) {
			for (const [value, label] of values[facet]) {
				let b = this.bits[facet].get(value);
				if (!b) this.bits[facet].set(value, (b = new Bitset()));
				b.add(rid);
				if (!this.labels[facet].has(value)) this.labels[facet].set(value, label);
				kept[facet].push(value);
			}
		}
		this.maps.set(rid, { values: kept, sort });
		this.live.add(rid);
		this.orders.clear();
		this.totalsCache.clear();
	}

	remove(rid: number): void {
		const entry = this.maps.get(rid);
		if (!entry) return;
		for (const facet of FACETS) {
			for (const value of entry.values[facet]) {
				const b = this.bits[facet].get(value);
				if (!b) continue;
				b.delete(rid);
				if (b.size === 0) {
					this.bits[facet].delete(value);
					this.labels[facet].delete(value);
				}
			}
		}
		this.maps.delete(rid);
		this.live.delete(rid);
		this.orders.clear();
		this.totalsCache.clear();
	}

	get size(): number {
		return this.maps.size;
	}

	/** The maps filed under any of `values` of `facet` (an empty set for unknown values). */
	anyOf(facet: FacetName, values: readonly string[]): Bitset {
		const out = new Bitset(0);
		for (const v of values) {
			const b = this.bits[facet].get(v);
			if (b) out.or(b);
		}
		return out;
	}

	label(facet: FacetName, value: string): string | undefined {
		return this.labels[facet].get(value);
	}

	/** How many maps of `within` each value of `facet` has, most first (ties by label); zero counts left out. */
	count(facet: FacetName, within: Bitset): FacetCount[] {
		const out: FacetCount[] = [];
		for (const [value, b] of this.bits[facet]) {
			const count = b.andCount(within);
			if (count > 0) out.push({ value, label: this.labels[facet].get(value) ?? value, count });
		}
		return out.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
	}

	/** Maps per value over the whole catalogue (cached until the next change: the catalogue's landing page). */
	totals(facet: FacetName): FacetCount[] {
		let counts = this.totalsCache.get(facet);
		if (!counts) this.totalsCache.set(facet, (counts = this.count(facet, this.live)));
		return counts;
	}

	/**
	 * Maps most like map `rid` by component types (Jaccard: shared types over all types of the
	 * two), best first. Linear in the members of its types' bitsets.
	 */
	similar(rid: number, limit: number): { rid: number; shared: number; similarity: number }[] {
		const mine = this.maps.get(rid)?.values.type ?? [];
		if (mine.length === 0) return [];
		const shared = new Map<number, number>();
		for (const t of mine) {
			const b = this.bits.type.get(t);
			if (!b) continue;
			for (const other of b) if (other !== rid) shared.set(other, (shared.get(other) ?? 0) + 1);
		}
		return [...shared.entries()]
			.map(([other, n]) => ({ rid: other, shared: n, similarity: n / (mine.length + (this.maps.get(other)?.values.type.length ?? 0) - n) }))
			.sort((a, b) => b.similarity - a.similarity || b.shared - a.shared || a.rid - b.rid)
			.slice(0, limit);
	}

	sortKeys(rid: number): SortKeys | undefined {
		return this.maps.get(rid)?.sort;
	}

	/** Every live row id in the given order (cached until the next change). */
	ordered(sort: Exclude<SortKey, 'relevance'>): readonly number[] {
		let order = this.orders.get(sort);
		if (!order) {
			const rids = [...this.maps.keys()];
			const key = (rid: number) => this.maps.get(rid)!.sort;
			const byTitle = (a: number, b: number) => {
				const x = key(a).title;
				const y = key(b).title;
				return x < y ? -1 : x > y ? 1 : a - b;
			};
			const compare: Record<typeof sort, (a: number, b: number) => number> = {
				title: byTitle,
				updated: (a, b) => key(b).updatedAt - key(a).updatedAt || byTitle(a, b),
				published: (a, b) => key(b).publishedAt - key(a).publishedAt || byTitle(a, b),
				components: (a, b) => key(b).components - key(a).components || byTitle(a, b)
			};
			order = rids.sort(compare[sort]);
			this.orders.set(sort, order);
		}
		return order;
	}
}
