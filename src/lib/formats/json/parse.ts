// Stackmap JSON (the public snapshot format, docs/map.schema.json) → a map, checked field by field
// through the model's own validation. Bad elements are left out with line-numbered errors. Never throws.
import * as Y from 'yjs';
import {
	COLLECTIONS,
	META_KEYS,
	ModelError,
	SCHEMA_VERSION,
	emptySnapshot,
	isId,
	loadSnapshot,
	readSnapshot,
	setMeta,
	type CollectionName,
	type MapMeta,
	type MapSnapshot
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
	/** Elements left out by loadOne. */
	failed = 0;
	private readonly lines: Map<string, number[]>;

	constructor(text: string) {
		this.lines = arrayItemLines(text);
	}

	line(collection: string, index: number): number {
		return this.lines.get(collection)?.[index] ?? 1;
	}

	/** Map settings that pass the model's checks; others keep their default, with a warning. */
	meta(input: Record<string, unknown>): Partial<MapMeta> {
		const scratch = new Y.Doc();
		const meta: Record<string, unknown> = {};
		for (const key of META_KEYS) {
			if (!(key in input)) continue;
			try {
				setMeta(scratch, { [key]: input[key] } as Partial<MapMeta>);
				meta[key] = input[key];
			} catch (e) {
				this.warnings.push({ line: 1, message: `${key}: ${(e as Error).message}; the default is used` });
			}
		}
		scratch.destroy();
		return meta as Partial<MapMeta>;
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

	/** Load one element into `doc`, dropping unknown fields (warning) and leaving it out on a bad value (error). */
	loadOne(doc: Y.Doc, collection: CollectionName, { item, index }: Entry): void {
		const line = this.line(collection, index);
		const fields = { ...item };
		for (let attempt = 0; attempt < 50; attempt++) {
			try {
				loadSnapshot(doc, { ...emptySnapshot(), [collection]: [fields] } as MapSnapshot);
				return;
			} catch (e) {
				const unknown = e instanceof ModelError && /^unknown field (.+)$/.exec(e.message);
				if (unknown && unknown[1] in fields) {
					this.warnings.push({ line, message: `${singular(collection)}${describe(item)}: unknown field “${unknown[1]}” ignored` });
					delete fields[unknown[1]];
					continue;
				}
				this.errors.push({ line, message: `${singular(collection)}${describe(item)}: ${(e as Error).message}; left out` });
				this.failed++;
				// A failed load may have written part of the element: remove it.
				doc.transact(() => doc.getMap(collection).delete(item.id));
				return;
			}
		}
	}
}

/** Deepest nesting read: a map is at most 5 levels deep (annotation positions); past this is not a map. */
const MAX_DEPTH = 64;

function countAll(map: Record<CollectionName, readonly unknown[]>): number {
	return COLLECTIONS.reduce((n, c) => n + map[c].length, 0);
}

/**
 * Read Stackmap JSON text into a map. Syntax errors give the line they are on; a newer schema
 * version is an error; elements with a bad value or id are left out (error at the element's
 * line); unknown fields are ignored (warning); links to elements that are not there are dropped.
 */
export function parseMapJson(text: string): ParseResult {
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
	const meta = loader.meta(input);
	const entries = loader.entries(input);
	const items = Object.fromEntries(COLLECTIONS.map((c) => [c, entries[c].map((e) => e.item)]));
	let doc = new Y.Doc();
	try {
		// Fast path: the whole map at once. On any problem, start again element by element.
		loadSnapshot(doc, { ...emptySnapshot(meta), ...items } as unknown as MapSnapshot);
	} catch {
		doc.destroy();
		doc = new Y.Doc();
		loadSnapshot(doc, emptySnapshot(meta));
		for (const collection of COLLECTIONS) entries[collection].forEach((entry) => loader.loadOne(doc, collection, entry));
	}
	const map = readSnapshot(doc);
	doc.destroy();
	const dropped = countAll(entries) - countAll(map) - loader.failed;
	if (dropped > 0) loader.warnings.push({ line: 1, message: `${dropped} element${dropped === 1 ? '' : 's'} referred to something not on the map and ${dropped === 1 ? 'was' : 'were'} left out` });
	const byLine = (a: Diagnostic, b: Diagnostic) => a.line - b.line;
	return { map, errors: loader.errors.sort(byLine), warnings: loader.warnings.sort(byLine) };
}
