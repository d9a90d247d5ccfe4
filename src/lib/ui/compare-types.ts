// The comparison table's row, shared by the server code that builds it and the page. Types only.

/** One row of the comparison table (and CSV): a component type and what each map has. */
export interface ComparisonRow {
	readonly typeId: string;
	readonly typeName: string;
	readonly layer: string;
	readonly presence: 'both' | 'a' | 'b';
	readonly a: string;
	readonly b: string;
	readonly suppliersA: string;
	readonly suppliersB: string;
	readonly evolutionA: number | null;
	readonly evolutionB: number | null;
	readonly delta: number | null;
	readonly sameSupplier: boolean;
}
