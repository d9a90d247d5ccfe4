// What a contract register reader gives the matcher: one row per contract as read, and the rows
// that could not be read with where and why. Plain data, posted to and from the import's worker.
import type { Money } from '../../map/types.js';

/** Where a row came from: a 1-based line of a CSV file, or an OCDS release id. */
export type RowSource = { readonly line: number } | { readonly release: string };

/** A contract as a register states it; text fields '' when absent, dates ISO yyyy-mm-dd or ''. */
export interface RegisterRow {
	readonly source: RowSource;
	readonly reference: string;
	readonly title: string;
	readonly description: string;
	readonly department: string;
	/** The supplier as written (several joined with "; "). */
	readonly supplier: string;
	readonly wholeLifeValue: Money | null;
	readonly annualValue: Money | null;
	readonly start: string;
	readonly end: string;
	readonly review: string;
	/** Extension options or an extension date, as written. */
	readonly extension: string;
	readonly route: string;
	/** The buyer (OCDS) or '' (a council's own register). */
	readonly buyer: string;
	/** CPV codes (OCDS; 8 digits), if any. */
	readonly cpv: readonly string[];
	/** What was set aside while reading (a note after a date, an amount read as a band). */
	readonly notes: readonly string[];
}

/** A row that could not be read as a contract. */
export interface BadRow {
	readonly source: RowSource;
	readonly reason: string;
}

/** "line 12" or "release ocds-b5fd17-abc-2". */
export function sourceLabel(source: RowSource): string {
	return 'line' in source ? `line ${source.line}` : `release ${source.release}`;
}
