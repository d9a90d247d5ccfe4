// A map's components as a spreadsheet register: one row per component (anchors included), with
// type, LGAM layer/node, position, stage, supplier, sourcing and dependencies by name. Pure.
import { stageOf, type Stage } from '../../map/stages.js';
import type { MapSnapshot } from '../../map/types.js';
import { sourcingOf } from '../../catalogue/snapshot.js';
import type { Vocabulary } from '../../catalogue/types.js';
import { CSV_COLUMNS, type CsvField } from './fields.js';
import { toCsv, type CsvWriteOptions } from './write.js';
import { contractCells, contractHeaders } from './contracts.js';

/** Stage names as written in the CSV (the model's stages, by the boundaries the map draws). */
export const STAGE_LABELS: Readonly<Record<Stage, string>> = Object.freeze({
	genesis: 'Genesis',
	custom: 'Custom',
	product: 'Product',
	commodity: 'Commodity'
});

/** Separator of names in the "Depends on" and "Predecessors" cells. */
export const LIST_SEPARATOR = '; ';

/** A position as written: up to 4 decimals, no trailing zeros. */
export function formatPosition(value: number): string {
	return String(Math.round(value * 10_000) / 10_000);
}

/**
 * The components of a map as rows (a header row first, then one row per component in map order).
 * "Depends on" lists the names of the components each one links to; links to evolved copies are
 * left out. The stage uses the boundaries the map draws (0.175 / 0.40 / 0.70, see stageOf).
 */
export function componentRows(map: MapSnapshot, vocabulary: Vocabulary): string[][] {
	const nameById = new Map<string, string>(map.components.map((c) => [c.id, c.name]));
	const needs = new Map<string, string[]>();
	for (const l of map.links) {
		const to = nameById.get(l.to);
		if (to === undefined || !nameById.has(l.from)) continue;
		const list = needs.get(l.from);
		if (list) list.push(to);
		else needs.set(l.from, [to]);
	}
	// Contract column groups only when some component has contracts: as many as the most any has.
	let groups = 0;
	for (const c of map.components) groups = Math.max(groups, c.contracts?.length ?? 0);
	const rows = [[...CSV_COLUMNS.map((c) => c.header), ...contractHeaders(groups)]];
	for (const c of map.components) {
		const type = vocabulary.byId.get(c.componentType);
		const cells: Record<CsvField, string> = {
			name: c.name,
			kind: c.kind,
			typeId: c.componentType,
			typeName: type?.name ?? '',
			layer: type?.layer ?? '',
			node: type?.node ?? '',
			evolution: formatPosition(c.evolution),
			visibility: formatPosition(c.visibility),
			stage: STAGE_LABELS[stageOf(c.evolution)],
			product: c.product,
			supplier: c.supplier,
			lifecycle: c.lifecycle,
			sourcing: sourcingOf(c.decorators),
			dependsOn: (needs.get(c.id) ?? []).join(LIST_SEPARATOR),
			notes: c.notes,
			predecessors: c.predecessors.join(LIST_SEPARATOR)
		};
		rows.push([...CSV_COLUMNS.map((col) => cells[col.field]), ...contractCells(c.contracts ?? [], groups)]);
	}
	return rows;
}

/**
 * A map's components as CSV text (RFC 4180, CRLF, formula-guarded): Name, Kind, Type ID, Type,
 * LGAM layer, LGAM node, Evolution, Visibility, Stage, Product, Supplier, Lifecycle, Sourcing,
 * Depends on, Notes, Predecessors, then a group of "Contract n …" columns per contract (see
 * contracts.ts) when any component has contracts. Pass `{ bom: true }` for a file Excel opens as UTF-8.
 */
export function componentsToCsv(map: MapSnapshot, vocabulary: Vocabulary, options: CsvWriteOptions = {}): string {
	return toCsv(componentRows(map, vocabulary), options);
}
