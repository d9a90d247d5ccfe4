// The shape of seed_councils.json: five FICTIONAL councils for demos, seeding and tests.
// Plain types only.

export interface SeedComponent {
	/** 'council:type:n', unique across the file. */
	readonly id: string;
	readonly componentType: string;
	/** The product as the council names it. */
	readonly label: string;
	readonly supplier: string;
	/** Evolution and visibility, 0..1. */
	readonly x: number;
	readonly y: number;
	/** 'live' | 'pilot' | 'planned' | 'retiring' in the seed data. */
	readonly lifecycle: string;
	/** 'SaaS' | 'on-prem' | 'IaaS' | 'vendor-hosted' | 'national' | 'mixed'. */
	readonly hosting: string;
	/** 'buy' | 'build' | 'borrow' | 'outsourced' | 'national' | 'shared-service'. */
	readonly sourcing: string;
	readonly sharedWith: readonly string[];
	/** Names of predecessor councils this component came from (LGR). */
	readonly predecessors: readonly string[];
	/** Target evolution of a planned move, or null. */
	readonly evolveTo: number | null;
	readonly notes: string;
	readonly lgam: { readonly layer: string; readonly node: string };
	readonly esdFunctions: string;
}

export interface SeedAnchor {
	/** A user need, e.g. 'Apply for planning permission'. */
	readonly label: string;
	/** ESD service/function ids as text. */
	readonly esd: string;
	/** Ids of the components meeting the need. */
	readonly links: readonly string[];
}

export interface SeedCouncil {
	readonly id: string;
	readonly name: string;
	readonly type: string;
	readonly region?: string;
	readonly archetype: string;
	readonly staff?: number;
	readonly components: readonly SeedComponent[];
	/** Dependencies: `from` needs `to`. */
	readonly edges: readonly { readonly from: string; readonly to: string }[];
	readonly anchors: readonly SeedAnchor[];
}

export interface SeedFile {
	readonly meta: { readonly note: string; readonly vocabulary_source?: string };
	readonly councils: readonly SeedCouncil[];
}
