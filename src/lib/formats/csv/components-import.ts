// A spreadsheet register (parsed CSV rows + a column mapping) → a new map snapshot, with
// line-numbered errors and warnings. Positions missing from the sheet come from the vocabulary. Pure.
import type { Component, ComponentId, Contract, Link, MapSnapshot } from '../../map/types.js';
import { NO_READ_LIMITS, overLimit, type OverLimit, type ReadLimits } from '../../map/limits.js';
import { suggestTypes } from '../../catalogue/match.js';
import { buildSnapshot, clamp01, decoratorsFor, makeComponent, makeLink } from '../../catalogue/snapshot.js';
import { normalise } from '../../catalogue/text.js';
import type { ComponentType, Vocabulary } from '../../catalogue/types.js';
import { parseKind, parseLifecycle, parsePosition, parseSourcing, parseStage, stageRange } from './cells.js';
import type { CsvField } from './fields.js';
import type { CsvMapping } from './mapping.js';
import type { CsvProblem } from './parse.js';
import { unguardCell } from './write.js';
import { contractColumns, rowContracts } from './contracts.js';

export interface CsvImportOptions {
	/** Title of the new map; default 'Imported map'. */
	readonly title?: string;
	/** The first row is a header (default true). */
	readonly hasHeader?: boolean;
	/** The physical line of each row (parseCsv's rowLines), for messages; default row index + 1. */
	readonly rowLines?: readonly number[];
	/**
	 * When a row has no type column value, give it the best suggested type if its confidence is at
	 * least this (0..1). Default: off (untyped rows stay untyped).
	 */
	readonly autoTypeThreshold?: number;
	/** Most components (rows) and elements (components and links) read; past them the import stops. */
	readonly limits?: ReadLimits;
}

export interface CsvImportResult {
	readonly map: MapSnapshot;
	/** Rows that could not be imported (skipped). */
	readonly errors: CsvProblem[];
	/** Rows imported with a guess or a fallback worth checking. */
	readonly warnings: CsvProblem[];
	/** Set when the sheet passed a limit: the import stopped there and `map` is empty. */
	readonly overLimit?: OverLimit;
}

interface Row {
	readonly line: number;
	readonly component: Component;
	readonly dependsOn: string;
	/** True when neither the sheet nor the vocabulary gave a visibility (placed by depth later). */
	readonly unplaced: boolean;
}

const contractsOf = (list: Contract[]) => (list.length > 0 ? { contracts: list } : {});

/** Minimum confidence for reading a free-text "Type" cell as a vocabulary type. */
const TYPE_CELL_CONFIDENCE = 0.6;

const namesCache = new WeakMap<Vocabulary, ReadonlyMap<string, ComponentType>>();

function typesByName(vocabulary: Vocabulary): ReadonlyMap<string, ComponentType> {
	let names = namesCache.get(vocabulary);
	if (!names) {
		const map = new Map<string, ComponentType>();
		// 'Revenues & benefits (council tax, …)' is also found as 'Revenues and benefits'.
		for (const t of vocabulary.types) for (const key of [normalise(t.name), normalise(t.name.replace(/\([^)]*\)/g, ' '))]) if (!map.has(key)) map.set(key, t);
		namesCache.set(vocabulary, (names = map));
	}
	return names;
}

function resolveType(
	idCell: string,
	nameCell: string,
	vocabulary: Vocabulary,
	warn: (m: string) => void
): ComponentType | undefined {
	const byName = typesByName(vocabulary);
	for (const cell of [idCell, nameCell]) {
		if (!cell) continue;
		const exact = vocabulary.byId.get(cell.trim().toLowerCase().replace(/\s+/g, '-')) ?? byName.get(normalise(cell));
		if (exact) return exact;
	}
	const text = nameCell || idCell;
	if (!text) return undefined;
	const [best] = suggestTypes({ name: text }, vocabulary, { limit: 1 });
	const type = best && best.confidence >= TYPE_CELL_CONFIDENCE ? vocabulary.byId.get(best.typeId) : undefined;
	if (type) warn(`type "${text}" read as "${type.name}" (${type.id})`);
	else warn(`type "${text}" is not in the vocabulary; left untyped`);
	return type;
}

/** Evolution from the sheet, else its stage (at the type's default if that lies in the stage), else the type's default. */
function evolutionOf(cell: string, stageCell: string, type: ComponentType | undefined, warn: (m: string) => void): number | undefined {
	const parsed = parsePosition(cell);
	if (parsed?.warning) warn(`evolution ${parsed.warning}`);
	if (parsed) return parsed.value;
	const stage = parseStage(cell) ?? parseStage(stageCell);
	if (cell && !parseStage(cell)) warn(`evolution "${cell}" is not a number`);
	if (stage) {
		const [lo, hi] = stageRange(stage);
		return type && type.x >= lo && type.x < hi ? type.x : (lo + hi) / 2;
	}
	return type?.x;
}

/**
 * Split a "Depends on" cell into known names; names may themselves contain ';' (at most
 * `maxParts` parts, so a cell of many parts is linear, not quadratic).
 */
function dependencyNames(cell: string, known: ReadonlyMap<string, Component>, maxParts: number): { found: Component[]; missing: string[] } {
	const parts = cell.split(';').map((p) => p.trim());
	const found: Component[] = [];
	const missing: string[] = [];
	for (let i = 0; i < parts.length; i++) {
		if (!parts[i]) continue;
		// Longest run of parts that names a component ('A; B' could be one name).
		let matched = false;
		for (let j = Math.min(parts.length, i + maxParts); j > i; j--) {
			const c = known.get(normalise(parts.slice(i, j).join('; ')));
			if (c) {
				found.push(c);
				i = j - 1;
				matched = true;
				break;
			}
		}
		if (!matched) missing.push(parts[i]);
	}
	return { found, missing };
}

/** Longest dependency depth from a top element (nothing needs it), capped, cycle-safe. */
function depths(components: readonly Component[], links: readonly Link[]): Map<string, number> {
	const depth = new Map<string, number>(components.map((c) => [c.id, 0]));
	for (let round = 0; round < Math.min(components.length, 50); round++) {
		let changed = false;
		for (const l of links) {
			const d = (depth.get(l.from) ?? 0) + 1;
			if (d > (depth.get(l.to) ?? 0) && d <= 50) {
				depth.set(l.to, d);
				changed = true;
			}
		}
		if (!changed) break;
	}
	return depth;
}

/**
 * Build a new map from CSV rows (the header row first unless `hasHeader` is false) using a column
 * mapping (see guessCsvMapping). A row needs a name (or a product, used as the name); others are
 * skipped with an error. Types are read from the type id or type name column. Missing positions
 * take the type's default (x, y), else the stage, else evolution 0.5 and a visibility by
 * dependency depth; anchors default to the top. "Depends on" names become links. Cells written
 * by our export (formula-guarded) are read back exactly. Past `options.limits` it stops, before
 * building the map (the rows past the component limit are only counted, for the message).
 */
export function csvToMap(
	rows: readonly (readonly string[])[],
	mapping: CsvMapping,
	vocabulary: Vocabulary,
	options: CsvImportOptions = {}
): CsvImportResult {
	const errors: CsvProblem[] = [];
	const warnings: CsvProblem[] = [];
	const limits = options.limits ?? NO_READ_LIMITS;
	const stop = (over: OverLimit): CsvImportResult => ({ map: buildSnapshot({ title: options.title ?? 'Imported map' }, { components: [] }), errors, warnings, overLimit: over });
	const start = options.hasHeader === false ? 0 : 1;
	const parsed: Row[] = [];
	const byName = new Map<string, Component>();
	const nextSuffix = new Map<string, number>();
	// "Contract n …" column groups are found by their headers (a sheet without headers has none).
	const contracts = start === 1 ? contractColumns(rows[0] ?? []) : new Map();
	for (let r = start; r < rows.length; r++) {
		const raw = rows[r];
		const line = options.rowLines?.[r] ?? r + 1;
		const warn = (message: string) => warnings.push({ line, message });
		const cell = (field: CsvField): string => {
			const i = mapping[field];
			return i === undefined ? '' : unguardCell((raw[i] ?? '').trim());
		};
		if (raw.every((c) => c.trim() === '')) continue;
		let name = cell('name') || cell('product');
		if (!name) {
			errors.push({ line, message: 'no name (or product); row skipped' });
			continue;
		}
		if (parsed.length >= limits.maxComponents) {
			const count = parsed.length + 1 + rows.slice(r + 1).filter((row) => [mapping.name, mapping.product].some((i) => i !== undefined && (row[i] ?? '').trim() !== '')).length;
			return stop(overLimit('components', line, count, limits.maxComponents));
		}
		const kind = parseKind(cell('kind'));
		let type = kind === 'anchor' ? undefined : resolveType(cell('typeId'), cell('typeName'), vocabulary, warn);
		if (!type && kind !== 'anchor' && options.autoTypeThreshold !== undefined && !cell('typeId') && !cell('typeName')) {
			const [best] = suggestTypes({ name, product: cell('product'), supplier: cell('supplier') }, vocabulary, { limit: 1 });
			if (best && best.confidence >= options.autoTypeThreshold) {
				type = vocabulary.byId.get(best.typeId);
				if (type) warn(`type guessed as "${type.name}" (${best.reason})`);
			}
		}
		const evolution = evolutionOf(cell('evolution'), cell('stage'), type, warn);
		const visibilityCell = parsePosition(cell('visibility'));
		if (visibilityCell?.warning) warn(`visibility ${visibilityCell.warning}`);
		if (cell('visibility') && !visibilityCell) warn(`visibility "${cell('visibility')}" is not a number`);
		const visibility = visibilityCell?.value ?? type?.y ?? (kind === 'anchor' ? 0.95 : undefined);
		const lifecycle = parseLifecycle(cell('lifecycle'));
		if (lifecycle === undefined) warn(`lifecycle "${cell('lifecycle')}" not recognised; left blank`);
		const sourcing = parseSourcing(cell('sourcing'));
		const notes = [cell('notes')];
		if (sourcing === undefined) notes.push(`Sourcing: ${cell('sourcing')}.`);
		const key = normalise(name);
		if (byName.has(key)) {
			// Start past the last suffix given to this name: n copies of one name stay linear.
			let i = nextSuffix.get(key) ?? 2;
			while (byName.has(normalise(`${name} (${i})`))) i++;
			nextSuffix.set(key, i + 1);
			warn(`the name "${name}" is used twice; this one is renamed "${name} (${i})"`);
			name = `${name} (${i})`;
		}
		const component = makeComponent(
			{
				name,
				kind,
				componentType: type?.id ?? '',
				evolution: clamp01(evolution ?? 0.5),
				visibility: clamp01(visibility ?? 0.5),
				product: cell('product'),
				supplier: cell('supplier'),
				lifecycle: lifecycle ?? '',
				decorators: decoratorsFor(sourcing ?? ''),
				notes: notes.filter(Boolean).join('\n'),
				predecessors: cell('predecessors').split(';').map((p) => p.trim()).filter(Boolean),
				...contractsOf(rowContracts((i) => unguardCell((raw[i] ?? '').trim()), contracts, warn))
			},
			parsed.length + 1
		);
		byName.set(normalise(name), component);
		parsed.push({ line, component, dependsOn: cell('dependsOn'), unplaced: visibility === undefined });
	}
	let maxParts = 1; // the most ';'-separated parts in any name
	for (const row of parsed) maxParts = Math.max(maxParts, row.component.name.split(';').length);
	const links: Link[] = [];
	const seen = new Set<string>();
	for (const row of parsed) {
		const { found, missing } = dependencyNames(row.dependsOn, byName, maxParts);
		for (const m of missing) warnings.push({ line: row.line, message: `depends on "${m}", which is not in the sheet; no link made` });
		for (const to of found) {
			const from = row.component.id;
			if (to.id === from) {
				warnings.push({ line: row.line, message: 'a component cannot depend on itself; link skipped' });
				continue;
			}
			if (seen.has(`${from}>${to.id}`)) continue;
			seen.add(`${from}>${to.id}`);
			if (parsed.length + links.length >= limits.maxElements) return stop(overLimit('elements', row.line, limits.maxElements + 1, limits.maxElements));
			links.push(makeLink(from, to.id as ComponentId, links.length + 1));
		}
	}
	let components = parsed.map((r) => r.component);
	if (parsed.some((r) => r.unplaced)) {
		const depth = depths(components, links);
		let max = 1; // a loop, not Math.max(...values): spreading 100,000+ arguments overflows the stack
		for (const d of depth.values()) if (d > max) max = d;
		components = parsed.map((r) =>
			r.unplaced ? { ...r.component, visibility: Math.round((0.9 - (0.8 * (depth.get(r.component.id) ?? 0)) / max) * 1000) / 1000 } : r.component
		);
	}
	return { map: buildSnapshot({ title: options.title ?? 'Imported map' }, { components, links }), errors, warnings };
}
