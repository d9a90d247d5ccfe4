// What the model may store, checked before anything is written: each collection's fields, the map
// settings, and whole snapshots (ids, kinds, values, references). Reads no document itself.
import { COLLECTIONS, type CollectionName } from './schema.js';
import { isId } from './ids.js';
import { ContractProblem, checkContracts, isIsoDate } from './contracts.js';
import { SCHEMA_VERSION } from './version.js';
import {
	ACCELERATOR_KINDS,
	AREA_KINDS,
	COMPONENT_KINDS,
	FLOW_KINDS,
	LIFECYCLES,
	MAP_STYLES,
	META_KEYS,
	NO_DECORATORS,
	type MapMeta,
	type MapSnapshot,
	type Offset,
	type Point
} from './types.js';

/** A command was given something the model cannot store; nothing was written. */
export class ModelError extends Error {
	override name = 'ModelError';
}

export const MAX_NAME_LENGTH = 500;
export const MAX_TEXT_LENGTH = 10_000;

function checkText(value: unknown, field: string, max: number): string {
	if (typeof value !== 'string') throw new ModelError(`${field} must be text`);
	if (value.length > max) throw new ModelError(`${field} is longer than ${max} characters`);
	return value;
}

function checkNumber(value: unknown, field: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new ModelError(`${field} must be a finite number`);
	return value;
}

function checkFlag(value: unknown, field: string): boolean {
	if (typeof value !== 'boolean') throw new ModelError(`${field} must be true or false`);
	return value;
}

function checkPoint(value: unknown, field: string): Point {
	const p = value as Point;
	if (!p || typeof p !== 'object') throw new ModelError(`${field} must be a point`);
	return { evolution: checkNumber(p.evolution, `${field}.evolution`), visibility: checkNumber(p.visibility, `${field}.visibility`) };
}

function checkOffset(value: unknown, field: string): Offset | null {
	if (value === null) return null;
	const o = value as Offset;
	if (!o || typeof o !== 'object') throw new ModelError(`${field} must be an offset or null`);
	return { x: checkNumber(o.x, `${field}.x`), y: checkNumber(o.y, `${field}.y`) };
}

function checkList(value: unknown, field: string, what: string): unknown[] {
	if (!Array.isArray(value)) throw new ModelError(`${field} must be a list of ${what}`);
	return value;
}

/** One field's check: its stored value (null deletes the field), or a ModelError. */
type Check = (value: unknown, field: string) => unknown;

const text = (max: number): Check => (v, f) => checkText(v, f, max);
const name = text(MAX_NAME_LENGTH);
const longText = text(MAX_TEXT_LENGTH);
const oneOf = (allowed: readonly string[]): Check => (v, f) => {
	if (typeof v !== 'string' || !allowed.includes(v)) throw new ModelError(`${f} must be one of ${allowed.map((a) => a || "''").join(', ')}`);
	return v;
};
const ref: Check = (v, f) => {
	if (!isId(v)) throw new ModelError(`${f} must be an id`);
	return v;
};
const orNull = (check: Check): Check => (v, f) => (v === null ? null : check(v, f));
/** Decorator flags by name; only those given (updating `buy` leaves `market` as it was). */
const decorators: Check = (v, f) => {
	if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ModelError(`${f} must be an object`);
	const out: Record<string, boolean> = {};
	for (const [d, on] of Object.entries(v)) {
		if (!Object.hasOwn(NO_DECORATORS, d)) throw new ModelError(`${d} is not a decorator`);
		out[d] = checkFlag(on, `${f}.${d}`);
	}
	return out;
};
/** Comment lines: text within the text limit; '' removes them (stored only when there are some). */
const comments: Check = (v, f) => (checkText(v, f, MAX_TEXT_LENGTH) === '' ? null : v);
/** A component's contracts, replaced whole; an empty list removes the field (absent = none). */
const contracts: Check = (v) => {
	if (v === null) return null;
	try {
		const list = checkContracts(v);
		return list.length === 0 ? null : list;
	} catch (e) {
		if (e instanceof ContractProblem) throw new ModelError(e.message);
		throw e;
	}
};
const position = { evolution: checkNumber, visibility: checkNumber };
// A pin is stored only while true: false (or null) removes the key, so unpinned labels read as before.
const pin: Check = (v, f) => (v === null ? null : checkFlag(v, f) || null);
const placement = { label: checkOffset, labelPinned: pin, decorators };

/** The fields each collection stores, with their checks. */
const FIELDS: Record<CollectionName, Record<string, Check>> = {
	components: {
		kind: oneOf(COMPONENT_KINDS),
		name,
		...position,
		...placement,
		inertia: checkFlag,
		pipelineId: orNull(ref),
		submapRef: longText,
		submapUrl: longText,
		componentType: longText,
		product: longText,
		supplier: longText,
		lifecycle: oneOf(LIFECYCLES),
		notes: longText,
		predecessors: (v, f) => checkList(v, f, 'names').map((p) => checkText(p, 'predecessor', MAX_NAME_LENGTH)),
		comments,
		contracts
	},
	links: { from: ref, to: ref, context: longText, flow: orNull(oneOf(FLOW_KINDS)), flowLabel: longText, comments },
	evolves: { componentId: ref, evolution: checkNumber, name, ...placement, comments },
	pipelines: { componentId: ref, start: orNull(checkNumber), end: orNull(checkNumber), comments },
	notes: { text: longText, ...position, comments },
	annotations: {
		number: checkNumber,
		text: longText,
		positions: (v, f) => {
			const list = checkList(v, f, 'points');
			if (list.length === 0) throw new ModelError('an annotation needs at least one position');
			return list.map((p, i) => checkPoint(p, `${f}[${i}]`));
		},
		comments
	},
	areas: { kind: oneOf(AREA_KINDS), from: checkPoint, to: checkPoint, comments },
	accelerators: { kind: oneOf(ACCELERATOR_KINDS), name, ...position, comments }
};

/** True when `field` is one an element of `collection` has (besides its id and order). */
function isField(collection: CollectionName, field: string): boolean {
	return Object.hasOwn(FIELDS[collection], field);
}

/**
 * A patch of an element of `collection` as stored fields: every value checked, decorators
 * flattened (only those given are written). Throws ModelError at the first field it cannot store.
 */
export function checkFields(collection: CollectionName, patch: Record<string, unknown>): Record<string, unknown> {
	const checks = FIELDS[collection];
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined || key === 'id' || key === 'order') continue;
		if (!Object.hasOwn(checks, key)) throw new ModelError(`unknown field ${key}`);
		const checked = checks[key](value, key);
		// Decorators are stored flat, one field each.
		if (key === 'decorators') Object.assign(out, checked);
		else out[key] = checked;
	}
	return out;
}

/** Map settings as stored in `meta` (size flattened to width and height). Throws ModelError. */
export function checkMeta(patch: Partial<MapMeta>): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	if (patch.title !== undefined) fields.title = checkText(patch.title, 'title', MAX_NAME_LENGTH);
	if (patch.description !== undefined) fields.description = checkText(patch.description, 'description', MAX_TEXT_LENGTH);
	if (patch.style !== undefined) fields.style = oneOf(MAP_STYLES)(patch.style, 'style');
	if (patch.size !== undefined) {
		if (!patch.size || typeof patch.size !== 'object') throw new ModelError('size must be a width and a height');
		fields.width = checkNumber(patch.size.width, 'size.width');
		fields.height = checkNumber(patch.size.height, 'size.height');
	}
	if (patch.evolutionLabels !== undefined) {
		const labels = checkList(patch.evolutionLabels, 'evolutionLabels', 'stage labels');
		if (labels.length !== 4) throw new ModelError('evolution needs exactly 4 stage labels');
		fields.evolutionLabels = labels.map((l) => checkText(l, 'stage label', MAX_NAME_LENGTH));
	}
	if (patch.valueChainLabels !== undefined) {
		if (!patch.valueChainLabels || typeof patch.valueChainLabels !== 'object') throw new ModelError('valueChainLabels must be an axis, a top and a bottom label');
		const { axis, top, bottom } = patch.valueChainLabels;
		fields.valueChainLabels = {
			axis: checkText(axis, 'axis label', MAX_NAME_LENGTH),
			top: checkText(top, 'axis label', MAX_NAME_LENGTH),
			bottom: checkText(bottom, 'axis label', MAX_NAME_LENGTH)
		};
	}
	if (patch.hideEvolution !== undefined) fields.hideEvolution = checkFlag(patch.hideEvolution, 'hideEvolution');
	if (patch.hideValueChain !== undefined) fields.hideValueChain = checkFlag(patch.hideValueChain, 'hideValueChain');
	if (patch.vestingDate !== undefined) {
		const v = checkText(patch.vestingDate, 'vestingDate', MAX_NAME_LENGTH);
		if (v !== '' && !isIsoDate(v)) throw new ModelError(`the vesting date “${v}” is not a real date written yyyy-mm-dd`);
		// '' removes the setting (absent = no vesting date).
		fields.vestingDate = v === '' ? null : v;
	}
	if (patch.annotationsAt !== undefined) {
		fields.annotationsAt = patch.annotationsAt === null ? null : checkPoint(patch.annotationsAt, 'annotationsAt');
	}
	// Header and footer comment lines: '' removes them, so a map without comments stores nothing.
	for (const key of ['header', 'footer'] as const) {
		if (patch[key] !== undefined) fields[key] = checkText(patch[key], key, MAX_TEXT_LENGTH) === '' ? null : patch[key];
	}
	return fields;
}

/** One thing wrong with a snapshot. */
export interface SnapshotProblem {
	/** The element's collection; 'meta' for a map setting; null for the snapshot as a whole. */
	readonly collection: CollectionName | 'meta' | null;
	/** The element's place in its list; -1 for a setting or a whole list. */
	readonly index: number;
	/** The element's id as given ('' when it has none). */
	readonly id: string;
	/** The field at fault ('' for the element as a whole); a setting's key for 'meta'. */
	readonly field: string;
	/** value: a bad value or a malformed element; unknown: a field the model does not have; id: a missing, malformed or repeated id; reference: an id that names nothing. */
	readonly kind: 'value' | 'unknown' | 'id' | 'reference';
	/** What is wrong, e.g. 'evolution must be a finite number'. */
	readonly message: string;
	/** Which element, for people: 'component “Kettle” (components[2], id k3)'. */
	readonly where: string;
}

/** A snapshot was refused: nothing of it was written. `problems` lists everything wrong with it. */
export class SnapshotError extends ModelError {
	override name = 'SnapshotError';
	constructor(readonly problems: readonly SnapshotProblem[]) {
		const [first] = problems;
		const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
		super(`${first ? `${first.where}: ${first.message}` : 'the map is not valid'}${more}`);
	}
}

type Item = Record<string, unknown>;

function where(collection: CollectionName, index: number, item: Item): string {
	const label = typeof item.name === 'string' && item.name ? item.name : typeof item.text === 'string' ? item.text : '';
	const id = typeof item.id === 'string' ? `, id ${item.id.slice(0, 64)}` : '';
	return `${collection.slice(0, -1)}${label ? ` “${label.slice(0, 60)}”` : ''} (${collection}[${index}]${id})`;
}

/** Where each element's references point, and what they must name. */
const REFERENCES: Partial<Record<CollectionName, readonly [field: string, targets: readonly CollectionName[], required: boolean][]>> = {
	components: [['pipelineId', ['pipelines'], false]],
	links: [
		['from', ['components', 'evolves'], true],
		['to', ['components', 'evolves'], true]
	],
	evolves: [['componentId', ['components'], true]],
	pipelines: [['componentId', ['components'], true]]
};

/**
 * Everything wrong with `snapshot`, in order; empty when it can be stored whole. Ids must be
 * well-formed and unique; fields known to their collection, with values in range (finite numbers,
 * text within its length, kinds from their list); references must name an element of the right
 * collection in the snapshot or, per `exists`, already in the document it goes into. Settings and
 * lists left out (undefined) are not checked: loading leaves them as they are.
 */
export function validateSnapshot(
	snapshot: MapSnapshot,
	exists: (collection: CollectionName, id: string) => boolean = () => false
): SnapshotProblem[] {
	const problems: SnapshotProblem[] = [];
	if (!snapshot || typeof snapshot !== 'object') {
		return [{ collection: null, index: -1, id: '', field: '', kind: 'value', message: 'a map must be an object', where: 'the map' }];
	}
	const version = snapshot.schemaVersion as unknown;
	if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version) || version < 0 || version > SCHEMA_VERSION)) {
		const message = typeof version === 'number' && version > SCHEMA_VERSION ? `schema version ${version} is newer than this Stackmap (${SCHEMA_VERSION})` : 'schemaVersion must be a whole number';
		problems.push({ collection: null, index: -1, id: '', field: 'schemaVersion', kind: 'value', message, where: 'the map' });
	}
	for (const key of META_KEYS) {
		try {
			checkMeta({ [key]: snapshot[key] });
		} catch (e) {
			if (!(e instanceof ModelError)) throw e;
			problems.push({ collection: 'meta', index: -1, id: '', field: key, kind: 'value', message: e.message, where: 'the map settings' });
		}
	}

	const given = new Map<string, CollectionName>();
	const sound: [CollectionName, number, Item][] = [];
	for (const collection of COLLECTIONS) {
		const list = snapshot[collection] as unknown;
		if (list === undefined) continue;
		if (!Array.isArray(list)) {
			problems.push({ collection, index: -1, id: '', field: '', kind: 'value', message: `${collection} must be a list`, where: 'the map' });
			continue;
		}
		list.forEach((raw: unknown, index) => {
			const item = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Item;
			const id = typeof item.id === 'string' ? item.id : '';
			const at = where(collection, index, item);
			const problem = (kind: SnapshotProblem['kind'], field: string, message: string) =>
				problems.push({ collection, index, id, field, kind, message, where: at });
			const before = problems.length;
			if (item !== raw) return problem('value', '', 'is not an object');
			if (!isId(item.id)) problem('id', 'id', 'has a missing or malformed id');
			else if (given.has(item.id)) problem('id', 'id', `repeats the id of a ${given.get(item.id)!.slice(0, -1)}`);
			else given.set(item.id, collection);
			if (typeof item.order !== 'number' || !Number.isFinite(item.order)) problem('value', 'order', 'order must be a finite number');
			for (const [key, value] of Object.entries(item)) {
				if (key === 'id' || key === 'order') continue;
				if (!isField(collection, key)) {
					problem('unknown', key, `unknown field ${key}`);
					continue;
				}
				try {
					checkFields(collection, { [key]: value });
				} catch (e) {
					if (!(e instanceof ModelError)) throw e;
					problem('value', key, e.message);
				}
			}
			if (problems.length === before) sound.push([collection, index, item]);
		});
	}

	// References last, once every id given is known; only of elements with nothing else wrong.
	const has = (targets: readonly CollectionName[], id: string) =>
		targets.some((c) => (given.has(id) ? given.get(id) === c : exists(c, id)));
	for (const [collection, index, item] of sound) {
		const problem = (field: string, message: string, kind: SnapshotProblem['kind'] = 'reference') =>
			problems.push({ collection, index, id: item.id as string, field, kind, message, where: where(collection, index, item) });
		for (const [field, targets, required] of REFERENCES[collection] ?? []) {
			const target = item[field];
			const what = targets.map((c) => c.slice(0, -1)).join(' or ');
			if (target === undefined || target === null) {
				if (required) problem(field, `needs ${field}: the id of a ${what}`);
			} else if (!has(targets, target as string)) {
				problem(field, `${field} ${target} is not a ${what} on the map`);
			}
		}
	}
	return problems;
}

/** Throw a SnapshotError listing everything wrong with `snapshot`, if anything is. */
export function assertValidSnapshot(snapshot: MapSnapshot, exists?: (collection: CollectionName, id: string) => boolean): void {
	const problems = validateSnapshot(snapshot, exists);
	if (problems.length > 0) throw new SnapshotError(problems);
}
