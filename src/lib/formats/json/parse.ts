// Stackmap JSON (the public snapshot format, docs/map.schema.json) → a map, checked field by field
// through the model's own validation. Bad elements are left out with line-numbered errors. Never throws.
import {
	COLLECTIONS,
	META_KEYS,
	NO_READ_LIMITS,
	SCHEMA_VERSION,
	emptySnapshot,
	isId,
	overLimit,
	readBack,
	validateSnapshot,
	type CollectionName,
	type MapSnapshot,
	type OverLimit,
	type ReadLimits
} from '../../map/index.js';
import type { Diagnostic, ParseResult } from '../owm/index.js';
import { arrayItemLines, lineAt, syntaxErrorLine, tooDeepAt } from './lines.js';

type Item = Record<string, unknown> & { id: string; order: number };
/** An element with its place in the input list (for its line). */
interface Entry {
	readonly item: Item;
	readonly index: number;
}

const singular = (c: CollectionName) => c.slice(0, -1);
const describe = (value: Record<string, unknown>) =>
	typeof value.name === 'string' && value.name ? ` “${value.name.slice(0, 60)}”` : typeof value.text === 'string' && value.text ? ` “${value.text.slice(0, 60)}”` : '';

class Loader {
	readonly errors: Diagnostic[] = [];
	readonly warnings: Diagnostic[] = [];
	private readonly lines: Map<string, number[]>;

	constructor(text: string) {
		this.lines = arrayItemLines(text);
	}

	line(collection: string, index: number): number {
		return this.lines.get(collection)?.[index] ?? 1;
	}

	/** The well-formed items of each collection, with ids checked and unique. */
	entries(input: Record<string, unknown>): Record<CollectionName, Entry[]> {
		const seen = new Set<string>();
		const out = {} as Record<CollectionName, Entry[]>;
		for (const collection of COLLECTIONS) {
			out[collection] = [];
			const list = input[collection];
			if (list === undefined) continue;
			if (!Array.isArray(list)) {
				this.errors.push({ line: 1, message: `${collection} must be a list` });
				continue;
			}
			list.forEach((raw: unknown, i) => {
				const line = this.line(collection, i);
				if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
					this.errors.push({ line, message: `${collection}[${i}] is not an object; left out` });
					return;
				}
				const item = { ...(raw as Record<string, unknown>) };
				if (!isId(item.id) || seen.has(item.id)) {
					this.errors.push({ line, message: `${collection}[${i}]${describe(item)} has a missing, malformed or repeated id; left out` });
					return;
				}
				seen.add(item.id);
				if (typeof item.order !== 'number' || !Number.isFinite(item.order)) item.order = i + 1;
				out[collection].push({ item: item as Item, index: i });
			});
		}
		return out;
	}
}

function snapshotOf(settings: Record<string, unknown>, entries: Record<CollectionName, Entry[]>): MapSnapshot {
	const lists = Object.fromEntries(COLLECTIONS.map((c) => [c, entries[c].map((e) => e.item)]));
	return { ...emptySnapshot(settings), ...lists } as unknown as MapSnapshot;
}

/** Deepest nesting read: a map is at most 5 levels deep (annotation positions); past this is not a map. */
export const MAX_DEPTH = 64;

/** The limit the parsed lists pass, with the line of the first element past it; before anything is loaded. */
function passedLimit(input: Record<string, unknown>, limits: ReadLimits, loader: Loader): OverLimit | null {
	const length = (c: CollectionName) => (Array.isArray(input[c]) ? (input[c] as unknown[]).length : 0);
	const components = length('components');
	if (components > limits.maxComponents) return overLimit('components', loader.line('components', limits.maxComponents), components, limits.maxComponents);
	let seen = 0;
	for (const c of COLLECTIONS) {
		if (seen + length(c) > limits.maxElements) return overLimit('elements', loader.line(c, limits.maxElements - seen), limits.maxElements + 1, limits.maxElements);
		seen += length(c);
	}
	return null;
}

/**
 * Read Stackmap JSON text into a map. Syntax errors give the line they are on; a newer schema
 * version is an error; elements with a bad value or id are left out (error at the element's
 * line); unknown fields are ignored (warning); links to elements that are not there are dropped.
 * Lists longer than `limits` allow stop it before anything is loaded (`overLimit`, an empty map).
 */
export function parseMapJson(text: string, limits: ReadLimits = NO_READ_LIMITS): ParseResult {
	let data: unknown;
	if (typeof text !== 'string') text = '';
	const body = text.replace(/^\uFEFF/, '');
	const deep = tooDeepAt(body, MAX_DEPTH);
	if (deep >= 0) {
		return { map: emptySnapshot(), errors: [{ line: lineAt(body, deep), message: `Not a Stackmap map: nested more than ${MAX_DEPTH} levels deep` }], warnings: [] };
	}
	try {
		data = JSON.parse(body);
	} catch (e) {
		return { map: emptySnapshot(), errors: [{ line: syntaxErrorLine(body, e), message: `Not valid JSON: ${(e as Error).message}` }], warnings: [] };
	}
	if (!data || typeof data !== 'object' || Array.isArray(data) || !Array.isArray((data as Record<string, unknown>).components)) {
		return { map: emptySnapshot(), errors: [{ line: 1, message: 'Not a Stackmap map: expected an object with a "components" list (see docs/map.schema.json)' }], warnings: [] };
	}
	const input = data as Record<string, unknown>;
	const loader = new Loader(text);
	const version = input.schemaVersion;
	if (typeof version === 'number' && version > SCHEMA_VERSION) {
		return { map: emptySnapshot(), errors: [{ line: 1, message: `This map is schema version ${version}, newer than this Stackmap understands (${SCHEMA_VERSION})` }], warnings: [] };
	}
	const over = passedLimit(input, limits, loader);
	if (over) return { map: emptySnapshot(), errors: [], warnings: [], overLimit: over };
	const settings: Record<string, unknown> = {};
	for (const key of META_KEYS) if (key in input) settings[key] = input[key];
	const entries = loader.entries(input);
	let dropped = 0;
	// The model's validation decides; each pass leaves out what it refused, until it accepts the rest.
	for (;;) {
		const problems = validateSnapshot(snapshotOf(settings, entries));
		if (problems.length === 0) break;
		const out = new Set<Entry>();
		for (const p of problems) {
			if (p.collection === 'meta') {
				loader.warnings.push({ line: 1, message: `${p.field}: ${p.message}; the default is used` });
				delete settings[p.field];
				continue;
			}
			const entry = p.collection && entries[p.collection][p.index];
			if (!entry) {
				loader.errors.push({ line: 1, message: `Not a Stackmap map: ${p.message}` });
				return { map: emptySnapshot(), errors: loader.errors, warnings: [] };
			}
			const { item, index } = entry;
			const line = loader.line(p.collection!, index);
			const what = `${singular(p.collection as CollectionName)}${describe(item)}`;
			if (p.kind === 'unknown') {
				loader.warnings.push({ line, message: `${what}: unknown field “${p.field}” ignored` });
				delete item[p.field];
			} else if (p.kind === 'reference' && p.field === 'pipelineId') {
				// A pipeline child whose pipeline is not on the map stays, as a free component.
				item.pipelineId = null;
			} else if (p.kind === 'reference') {
				if (!out.has(entry)) dropped++;
				out.add(entry);
			} else {
				if (!out.has(entry)) loader.errors.push({ line, message: `${what}: ${p.message}; left out` });
				out.add(entry);
			}
		}
		for (const collection of COLLECTIONS) entries[collection] = entries[collection].filter((e) => !out.has(e));
	}
	const map = readBack(snapshotOf(settings, entries));
	if (dropped > 0) loader.warnings.push({ line: 1, message: `${dropped} element${dropped === 1 ? '' : 's'} referred to something not on the map and ${dropped === 1 ? 'was' : 'were'} left out` });
	const byLine = (a: Diagnostic, b: Diagnostic) => a.line - b.line;
	return { map, errors: loader.errors.sort(byLine), warnings: loader.warnings.sort(byLine) };
}
