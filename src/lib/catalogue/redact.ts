// What the public sees of a map published with details withheld. The public snapshot is built
// from an allow-list of fields per element kind, never by deleting private fields from a copy:
// a field the list does not name is not published. Pure; map types only.
import {
	LIFECYCLES,
	type Accelerator,
	type Annotation,
	type Area,
	type Component,
	type Contract,
	type Decorators,
	type Evolve,
	type Link,
	type MapMeta,
	type MapSnapshot,
	type Money,
	type Note,
	type Offset,
	type Pipeline,
	type Point
} from '../map/types.js';
import { supplierParts } from './compare.js';
import { scrubber, type Scrubber } from './scrub.js';
import { normalise, splitParentheses } from './text.js';
import type { Vocabulary } from './types.js';

/** Which details a publisher withholds from the public. */
export interface Redaction {
	/** Product and system names (typed components are renamed to their type). */
	readonly products: boolean;
	readonly suppliers: boolean;
	/** Free text: notes, link context and flow labels, annotations, accelerator names, submap references, the map's description. */
	readonly notes: boolean;
	/** How far each group of contract fields reaches (see CONTRACT). */
	readonly contracts: ContractLevels;
}

/** Contract fields published or kept private together (see CONTRACT). */
export type ContractGroup = 'dates' | 'costs' | 'references';
export const CONTRACT_GROUPS: readonly ContractGroup[] = Object.freeze(['dates', 'costs', 'references'] as const);

/**
 * Who may see a contract field group, narrowest first: the map's key holders, also the people of
 * the organisations the map is shared with, or everyone. `publishesContracts` is the test for the public.
 */
export type ContractLevel = 'private' | 'shared' | 'published';
export const CONTRACT_LEVELS: readonly ContractLevel[] = Object.freeze(['private', 'shared', 'published'] as const);
export type ContractLevels = Readonly<Record<ContractGroup, ContractLevel>>;

/** The level of `value` if it is one, else undefined (callers refuse it or take 'private'). */
export function contractLevel(value: unknown): ContractLevel | undefined {
	return CONTRACT_LEVELS.find((l) => l === value);
}

/** Every contract group at `level`. */
export const contractLevels = (level: ContractLevel): ContractLevels => Object.freeze({ dates: level, costs: level, references: level });

/** Every contract group private: what a map's settings hold until its publisher chooses. */
export const PRIVATE_CONTRACTS: ContractLevels = contractLevels('private');

/** Nothing withheld: every contract group published too. */
export const NO_REDACTION: Redaction = Object.freeze({ products: false, suppliers: false, notes: false, contracts: contractLevels('published') });

/** A map's settings until its publisher chooses: no names or text withheld, every contract group private. */
export const DEFAULT_REDACTION: Redaction = Object.freeze({ products: false, suppliers: false, notes: false, contracts: PRIVATE_CONTRACTS });

/** What `r` withholds, in words ('suppliers', 'notes', 'contract costs'), for labels. */
export function withheldDetails(r: Redaction): string[] {
	const text = withholdsText(r);
	return [
		r.products ? 'product and system names' : '',
		r.suppliers ? 'suppliers' : '',
		text ? 'notes' : '',
		...(text ? ['contracts'] : CONTRACT_GROUPS.filter((g) => !publishesContracts(r, g)).map((g) => `contract ${g}`))
	].filter(Boolean);
}

/**
 * What the people of an organisation the map is shared with see: groups at 'shared' are published
 * to them; names and notes stay withheld as for the public.
 */
export function sharedRedaction(r: Redaction): Redaction {
	const up = (level: ContractLevel): ContractLevel => (level === 'shared' ? 'published' : level);
	return { ...r, contracts: { dates: up(r.contracts.dates), costs: up(r.contracts.costs), references: up(r.contracts.references) } };
}

/** True when `group` of contract fields is published (open to anyone); any other level, or none, is not. */
export function publishesContracts(r: Redaction, group: ContractGroup): boolean {
	return r.contracts?.[group] === 'published';
}

/** True when any detail is withheld (a private contract group included: the live map holds it). */
export function isRedacted(r: Redaction): boolean {
	return r.products || r.suppliers || r.notes || !CONTRACT_GROUPS.every((g) => publishesContracts(r, g));
}

/** Free text goes with any withholding: notes often name the products and suppliers withheld. */
function withholdsText(r: Redaction): boolean {
	return r.notes || r.products || r.suppliers;
}

/** A typed component's public name: its type's short name ('Revenues & benefits'), numbered when repeated. */
function typeNames(components: readonly Component[], vocabulary: Vocabulary): Map<string, string> {
	const out = new Map<string, string>();
	const used = new Map<string, number>();
	for (const c of components) {
		const type = c.kind === 'anchor' ? undefined : vocabulary.byId.get(c.componentType.trim());
		if (!type) continue;
		const base = splitParentheses(type.name)[0];
		const n = (used.get(normalise(base)) ?? 0) + 1;
		used.set(normalise(base), n);
		out.set(c.id, n === 1 ? base : `${base} (${n})`);
	}
	return out;
}

const COMPANY_SUFFIX = /\s+(?:ltd|limited|plc|llp|inc|uk)\.?$/i;

/**
 * Every way the map writes a withheld name: whole supplier fields and each supplier in them (with
 * and without 'Ltd'), whole products, products without their bracketed part, and products without
 * a leading supplier name ('Civica OpenRevenues' is also written 'OpenRevenues'). A product named
 * exactly like a supplier the map shows ('Verint' by Verint) is left: it tells nothing more.
 */
function withheldNames(map: MapSnapshot, r: Redaction): string[] {
	const suppliers = new Set<string>();
	const products: string[] = [];
	for (const c of map.components) {
		const parts = supplierParts(c.supplier).map(([, display]) => display);
		suppliers.add(c.supplier);
		for (const s of parts) suppliers.add(s).add(s.replace(COMPANY_SUFFIX, ''));
		for (const inside of splitParentheses(c.supplier)[1]) suppliers.add(inside);
		if (!r.products) continue;
		const product = splitParentheses(c.product)[0];
		products.push(c.product, product);
		for (const s of parts) if (product.toLowerCase().startsWith(`${s.toLowerCase()} `)) products.push(product.slice(s.length));
	}
	if (r.suppliers) return [...suppliers, ...products];
	// Suppliers are shown, so a product named exactly like one of them is left.
	const shown = new Set([...suppliers].map(normalise));
	return products.filter((p) => !shown.has(normalise(p)));
}

/** A scrubber for the product and supplier names `r` withholds in `map` (for text published beside it). */
export function withheldText(map: MapSnapshot, r: Redaction): Scrubber {
	return scrubber(withheldNames(map, r));
}

interface Context {
	readonly redaction: Redaction;
	readonly scrub: Scrubber;
	/** Private id → public id, for every element and endpoint. */
	readonly ids: ReadonlyMap<string, string>;
	/** Component id → its type's name, when products are withheld. */
	readonly typeNames: ReadonlyMap<string, string>;
	readonly vocabulary: Vocabulary;
}

/** How one field's public value is made from the private one (a constant for a withheld field). */
type Field<E, K extends keyof E> = (value: E[K], element: E, ctx: Context) => E[K];
/** Every field of an element kind, decided: adding a field to the model fails to compile until it is listed. */
type AllowList<E> = { readonly [K in keyof E]-?: Field<E, K> };

// Structural values: checked for their type and range, so no text rides in them.
const num = (v: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const numOrNull = (v: number | null): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const bool = (v: boolean): boolean => v === true;
const oneOf =
	<T>(allowed: readonly T[], fallback: T) =>
	(v: T): T =>
		allowed.includes(v) ? v : fallback;
const point = (v: Point): Point => ({ evolution: num(v?.evolution), visibility: num(v?.visibility) });
const pointOrNull = (v: Point | null): Point | null => (v ? point(v) : null);
const offset = (v: Offset | null): Offset | null => (v ? { x: num(v.x), y: num(v.y) } : null);
/** A structural flag left out when false, as the model reads it. */
const flagOrAbsent = (v: boolean | undefined): boolean | undefined => v === true || undefined;
const decorators = (v: Decorators): Decorators => ({
	build: bool(v?.build),
	buy: bool(v?.buy),
	outsource: bool(v?.outsource),
	market: bool(v?.market),
	ecosystem: bool(v?.ecosystem)
});
/** An element's id, or a reference to one: the public id, numbered by position (ids of imported maps may be words). */
const id = <T extends string>(v: T, _e: unknown, ctx: Context): T => (ctx.ids.get(v) ?? '') as T;
const idOrNull = <T extends string>(v: T | null, _e: unknown, ctx: Context): T | null => ((v && ctx.ids.get(v)) || null) as T | null;
/** Names and labels: public, with withheld names scrubbed. */
const name = (v: string, _e: unknown, ctx: Context): string => ctx.scrub(String(v ?? ''));
/** Free text: withheld with any withholding; otherwise scrubbed. */
const text = (v: string, _e: unknown, ctx: Context): string => (withholdsText(ctx.redaction) ? '' : ctx.scrub(String(v ?? '')));
const withheld = <T>(value: T) => (): T => value;
/** Comment lines written above an element: free text, left out (not '') when withheld or empty. */
const comments = (v: string | undefined, e: unknown, ctx: Context): string | undefined => (v ? text(v, e, ctx) || undefined : undefined);
/** The header comment carries the map's licence or attribution, which must travel with it: scrubbed, never withheld. */
const kept = (v: string | undefined, e: unknown, ctx: Context): string | undefined => (v ? name(v, e, ctx) || undefined : undefined);
const money = (m: Money | null): Money | null => (m ? { exact: numOrNull(m.exact), band: String(m.band ?? '') } : null);
const contractText = (v: string, _k: unknown, ctx: Context): string => ctx.scrub(String(v ?? ''));
/** A field of contract group `group`: its empty value when the group is private. */
const inGroup =
	<K extends keyof Contract>(group: ContractGroup, value: Field<Contract, K>, empty: Contract[K]): Field<Contract, K> =>
	(v, k, ctx) =>
		publishesContracts(ctx.redaction, group) ? value(v, k, ctx) : empty;

/** Every contract field in its group: adding a field to the model fails to compile until it is placed. */
const CONTRACT: AllowList<Contract> = {
	// Replaced by the contract's position (publicContracts): a private id may carry a reference.
	id: withheld(''),
	start: inGroup('dates', contractText, ''),
	end: inGroup('dates', contractText, ''),
	noticeMonths: inGroup('dates', numOrNull, null),
	extensions: inGroup('dates', contractText, ''),
	annualCost: inGroup('costs', money, null),
	wholeLifeValue: inGroup('costs', money, null),
	reference: inGroup('references', contractText, ''),
	route: inGroup('references', contractText, ''),
	sharedWith: inGroup('references', (v, k, ctx) => (Array.isArray(v) ? v.map((s) => contractText(s, k, ctx)) : []), [])
};

/**
 * A component's public contracts: the published groups' fields only, ids renumbered ('k1', …);
 * left out with any withholding of text (contracts name suppliers and products) or when no
 * group is published.
 */
function publicContracts(v: readonly Contract[] | undefined, ctx: Context): Contract[] | undefined {
	if (withholdsText(ctx.redaction) || !Array.isArray(v) || v.length === 0) return undefined;
	if (!CONTRACT_GROUPS.some((g) => publishesContracts(ctx.redaction, g))) return undefined;
	return v.map((k, i) => ({ ...allowed<Contract>(CONTRACT, k, ctx), id: `k${i + 1}` }));
}

const COMPONENT: AllowList<Component> = {
	id,
	kind: oneOf(['component', 'anchor', 'submap'] as const, 'component'),
	name: (v, c, ctx) => ctx.typeNames.get(c.id) ?? name(v, c, ctx),
	evolution: num,
	visibility: num,
	label: offset,
	labelPinned: flagOrAbsent,
	inertia: bool,
	decorators,
	pipelineId: idOrNull,
	submapRef: text,
	submapUrl: text,
	componentType: (v, _c, ctx) => (ctx.vocabulary.byId.has(String(v).trim()) ? String(v).trim() : ''),
	product: (v, c, ctx) => (ctx.redaction.products ? '' : name(v, c, ctx)),
	supplier: (v, c, ctx) => (ctx.redaction.suppliers ? '' : name(v, c, ctx)),
	lifecycle: oneOf(LIFECYCLES, ''),
	notes: text,
	// Names of the systems a component replaced: free text, and product names.
	predecessors: withheld([]),
	comments,
	// Contracts go with any withholding of names or text; else only their published groups.
	contracts: (v, _c, ctx) => publicContracts(v, ctx),
	order: num
};

const LINK: AllowList<Link> = {
	id,
	from: id,
	to: id,
	context: text,
	flow: oneOf(['forward', 'reverse', 'both', null] as const, null),
	flowLabel: text,
	comments,
	order: num
};

const EVOLVE: AllowList<Evolve> = {
	id,
	componentId: id,
	evolution: num,
	// The evolved copy's name is often its next product; '' draws the component's own (public) name.
	name: (v, e, ctx) => (ctx.redaction.products ? '' : name(v, e, ctx)),
	label: offset,
	labelPinned: flagOrAbsent,
	decorators,
	comments,
	order: num
};

const PIPELINE: AllowList<Pipeline> = { id, componentId: id, start: numOrNull, end: numOrNull, comments, order: num };

const NOTE: AllowList<Note> = { id, text, evolution: num, visibility: num, comments, order: num };

const ANNOTATION: AllowList<Annotation> = {
	id,
	number: num,
	text,
	positions: (v) => (Array.isArray(v) ? v.map(point) : []),
	comments,
	order: num
};

const AREA: AllowList<Area> = {
	id,
	kind: oneOf(['pioneers', 'settlers', 'townplanners'] as const, 'pioneers'),
	from: point,
	to: point,
	comments,
	order: num
};

const ACCELERATOR: AllowList<Accelerator> = {
	id,
	kind: oneOf(['accelerator', 'deaccelerator'] as const, 'accelerator'),
	name: text,
	evolution: num,
	visibility: num,
	comments,
	order: num
};

const META: AllowList<MapMeta> = {
	// A public date (the reorganisation's), checked so no text rides in it.
	vestingDate: (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined),
	title: name,
	// The map's own description is free text; the catalogue shows the publisher's (publicDescription).
	description: text,
	style: oneOf(['plain', 'wardley', 'handwritten', 'colour', 'dark'] as const, 'plain'),
	size: (v) => ({ width: num(v?.width), height: num(v?.height) }),
	evolutionLabels: (v, m, ctx) => [name(v[0], m, ctx), name(v[1], m, ctx), name(v[2], m, ctx), name(v[3], m, ctx)],
	valueChainLabels: (v, m, ctx) => ({ axis: name(v.axis, m, ctx), top: name(v.top, m, ctx), bottom: name(v.bottom, m, ctx) }),
	hideEvolution: bool,
	hideValueChain: bool,
	annotationsAt: pointOrNull,
	header: kept,
	footer: comments
};

/** The fields the allow-list names, made from `element`; nothing else is copied. */
function allowed<E extends object>(list: AllowList<E>, element: E, ctx: Context): E {
	const out: Partial<E> = {};
	for (const key of Object.keys(list) as (keyof E)[]) {
		const value = list[key](element[key], element, ctx);
		// Optional fields (a pinned label, comments) stay absent rather than undefined.
		if (value !== undefined) out[key] = value;
	}
	return out as E;
}

/** Public ids by position in each collection ('c1', 'l1', …), for every element of `map`. */
function publicIds(map: MapSnapshot): Map<string, string> {
	const ids = new Map<string, string>();
	const number = (items: readonly { id: string }[], prefix: string) => items.forEach((item, i) => ids.set(item.id, `${prefix}${i + 1}`));
	number(map.components, 'c');
	number(map.evolves, 'e');
	number(map.links, 'l');
	number(map.pipelines, 'p');
	number(map.notes, 'n');
	number(map.annotations, 'a');
	number(map.areas, 'r');
	number(map.accelerators, 'x');
	return ids;
}

/**
 * The map as the public sees it when `redaction` withholds anything: built field by field from
 * the allow-lists above. Withholding products clears products, predecessors and evolved-copy names
 * and renames every typed component to its type's name (untyped components keep their names).
 * Withholding products, suppliers or notes withholds all free text (notes, link context, flow labels, annotation text,
 * accelerator names, submap references and addresses, the map's description, comments other
 * than the header, which keeps the map's licence and attribution). Withheld product
 * and supplier names are scrubbed from every text kept — names, title, axis labels — wherever
 * they appear. Contracts keep only the fields of their published groups (see CONTRACT), and go
 * with any withholding of text. Ids are renumbered, so none carries a word. Returns `map` itself when nothing is
 * withheld (the live map is then public too).
 */
export function redactSnapshot(map: MapSnapshot, redaction: Redaction, vocabulary: Vocabulary): MapSnapshot {
	if (!isRedacted(redaction)) return map;
	const ids = publicIds(map);
	const ctx: Context = {
		redaction,
		scrub: withheldText(map, redaction),
		ids,
		typeNames: redaction.products ? typeNames(map.components, vocabulary) : new Map(),
		vocabulary
	};
	const resolves = (...refs: string[]) => refs.every((r) => ids.has(r));
	const each = <E extends object>(items: readonly E[], list: AllowList<E>, keep: (e: E) => boolean = () => true) =>
		items.filter(keep).map((e) => allowed(list, e, ctx));
	return {
		schemaVersion: num(map.schemaVersion),
		...allowed(META, map, ctx),
		components: each(map.components, COMPONENT),
		links: each(map.links, LINK, (l) => resolves(l.from, l.to)),
		evolves: each(map.evolves, EVOLVE, (e) => resolves(e.componentId)),
		pipelines: each(map.pipelines, PIPELINE, (p) => resolves(p.componentId)),
		notes: withholdsText(redaction) ? [] : each(map.notes, NOTE),
		annotations: each(map.annotations, ANNOTATION),
		areas: each(map.areas, AREA),
		accelerators: each(map.accelerators, ACCELERATOR)
	};
}

/**
 * The description the catalogue shows beside a published map: the one its publisher wrote for the
 * catalogue, else the map's own — which, when details are withheld, is free text and withheld, so
 * only the publisher's is shown, scrubbed of withheld names.
 */
export function publicDescription(map: MapSnapshot, redaction: Redaction, description: string): string {
	if (!withholdsText(redaction)) return description || map.description;
	return withheldText(map, redaction)(description);
}
