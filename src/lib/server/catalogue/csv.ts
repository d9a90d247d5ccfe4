// CSV downloads: RFC 4180 text with formula-injection guarding and a UTF-8 byte-order mark so
// spreadsheet software reads accents correctly.
import { VOCABULARY } from '../../catalogue/vocabulary.js';
import { toCsv } from '../../formats/csv/index.js';
import type { Footprint } from '../../catalogue/index.js';

/** A CSV file response named `filename` (sent as an attachment). */
export function csvResponse(filename: string, rows: readonly (readonly string[])[]): Response {
	return new Response(toCsv(rows, { bom: true }), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, '-')}"`,
			'cache-control': 'no-store'
		}
	});
}

/** A number as a CSV cell: up to 3 decimals. */
export function num(value: number | null | undefined): string {
	return value === null || value === undefined || !Number.isFinite(value) ? '' : String(Math.round(value * 1000) / 1000);
}

/** A supplier's or product's footprint as CSV: every published component naming it, one row each. */
export function footprintCsv(f: Footprint): Response {
	return csvResponse(`${f.slug}.csv`, [
		['Map ID', 'Map', 'Organisation', 'Fictional', 'Type ID', 'Type', 'Component', 'Product', 'Supplier', 'Sourcing', 'Lifecycle', 'Evolution'],
		...f.uses.map((u) => [
			u.map.id,
			u.map.title,
			u.map.organisation?.name ?? '',
			u.map.fictional ? 'Yes' : 'No',
			u.typeId,
			VOCABULARY.byId.get(u.typeId)?.name ?? '',
			u.name,
			u.product,
			u.supplier,
			u.sourcing,
			u.lifecycle,
			num(u.evolution)
		])
	]);
}
