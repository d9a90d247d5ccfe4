// Market concentration for a component type: each supplier's share of the councils using the
// type and the Herfindahl–Hirschman index (HHI) of those shares. Pure; no imports of the app.

/** One council naming one supplier for the type (a council naming several appears once per supplier). */
export interface SupplierUse {
	/** The council (organisation slug, or a map id for a map without one). */
	readonly council: string;
	readonly supplier: string;
	/** The supplier's display name. */
	readonly name: string;
}

export interface SupplierShare {
	readonly supplier: string;
	readonly name: string;
	/** Councils naming the supplier. */
	readonly councils: number;
	/** Percentage share 0–100: each council counts 1, split evenly among the suppliers it names. */
	readonly share: number;
}

export interface Concentration {
	/** Councils naming at least one supplier. */
	readonly councils: number;
	readonly shares: readonly SupplierShare[];
	/** Sum of squared percentage shares, 0–10,000 (10,000: one supplier holds every council); 0 when none. */
	readonly hhi: number;
}

/** A supplier holding published contracts: how many, on how many councils' maps. */
export interface ContractHolder {
	readonly slug: string;
	readonly name: string;
	readonly contracts: number;
	readonly maps: number;
}

/** Usual reading of an HHI: below 1,500 unconcentrated, 1,500–2,500 moderately, above highly concentrated. */
export function hhiBand(hhi: number): 'unconcentrated' | 'moderately concentrated' | 'highly concentrated' {
	return hhi < 1500 ? 'unconcentrated' : hhi <= 2500 ? 'moderately concentrated' : 'highly concentrated';
}

/** Supplier shares and HHI from the (council, supplier) pairs of one component type. */
export function concentration(uses: readonly SupplierUse[]): Concentration {
	const byCouncil = new Map<string, Set<string>>();
	const names = new Map<string, string>();
	for (const u of uses) {
		if (!u.supplier) continue;
		names.set(u.supplier, names.get(u.supplier) ?? u.name);
		const set = byCouncil.get(u.council);
		if (set) set.add(u.supplier);
		else byCouncil.set(u.council, new Set([u.supplier]));
	}
	const weight = new Map<string, number>();
	const councils = new Map<string, number>();
	for (const suppliers of byCouncil.values()) {
		for (const s of suppliers) {
			weight.set(s, (weight.get(s) ?? 0) + 1 / suppliers.size);
			councils.set(s, (councils.get(s) ?? 0) + 1);
		}
	}
	const total = byCouncil.size;
	const shares = [...weight]
		.map(([supplier, w]) => ({ supplier, name: names.get(supplier) ?? supplier, councils: councils.get(supplier) ?? 0, share: (100 * w) / total }))
		.sort((a, b) => b.share - a.share || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const hhi = shares.reduce((sum, s) => sum + s.share * s.share, 0);
	return { councils: total, shares, hhi: Math.round(hhi * 100) / 100 };
}
