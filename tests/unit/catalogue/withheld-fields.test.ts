// Publishing with details withheld, field by field: a map with every field of every element kind
// set to a marker (generated from docs/map.schema.json, so a field added later is covered), put
// through redactSnapshot under every withholding setting. Only the fields listed in PUBLIC may
// reach the public snapshot, any file made from it or the catalogue index; withheld product and
// supplier names typed into any kept text are scrubbed too.
import { describe, expect, it } from 'vitest';
import { redactSnapshot, VOCABULARY, type Redaction } from '../../../src/lib/catalogue/index.js';
import { writeMapText, type TextFormat } from '../../../src/lib/convert/index.js';
import type { MapSnapshot } from '../../../src/lib/map/index.js';
import { indexRows } from '../../../server/catalogue/rows.js';
import { markedMap, MAP_SCHEMA, type MarkedField } from '../../fixtures/marked-map.js';
import { validate } from '../../helpers/schema.js';

type Element = Record<string, unknown>;

const TYPES = ['crm', 'revs-bens', 'payments-gateway'];
const FORMATS: readonly TextFormat[] = ['json', 'owm', 'mermaid', 'svg', 'csv'];

const typed = (c: Element | null) => c !== null && c.kind !== 'anchor' && VOCABULARY.byId.has(String(c.componentType));

/**
 * What the public sees of a map with details withheld: these fields, when their condition holds.
 * Every other field (notes, link context and flow labels, annotations, accelerator names, submap
 * references, predecessors, the map's own description, ids, and any field added later) is withheld.
 */
const PUBLIC: Record<string, (r: Redaction, element: Element | null) => boolean> = {
	title: () => true,
	evolutionLabels: () => true,
	'valueChainLabels.axis': () => true,
	'valueChainLabels.top': () => true,
	'valueChainLabels.bottom': () => true,
	// Typed components are shown by their type's name when products are withheld.
	'components.name': (r, c) => !(r.products && typed(c)),
	'components.product': (r) => !r.products,
	'components.supplier': (r) => !r.suppliers,
	'evolves.name': (r) => !r.products
};

const SETTINGS: Redaction[] = [1, 2, 3, 4, 5, 6, 7].map((bits) => ({ products: (bits & 1) > 0, suppliers: (bits & 2) > 0, notes: (bits & 4) > 0 }));

/**
 * The marked map, with every other component typed, and every text field other than products and
 * suppliers naming all the map's products and suppliers (in other cases) after its own marker: a
 * supplier typed into a component's name, a link's context, the title…
 */
function fixture() {
	const marked = markedMap();
	const base = marked.snapshot as unknown as Record<string, Element[]>;
	const components = base.components.map((c, i) => (i % 2 === 1 ? { ...c, componentType: TYPES[i % TYPES.length] } : c));
	const products = components.map((c) => String(c.product));
	const suppliers = components.map((c) => String(c.supplier));
	const named = [...products.map((p) => p.toLowerCase()), ...suppliers.map((s, i) => (i % 2 ? s.toLowerCase() : s))].join(', ');
	const withheldValues = new Set([...products, ...suppliers]);
	const text = new Set(marked.fields.filter((f) => !f.id && !withheldValues.has(f.marker)).map((f) => f.marker));
	const json = JSON.stringify({ ...base, components });
	const snapshot = JSON.parse(json, (_k, v: unknown) => (typeof v === 'string' && text.has(v) ? `${v} for ${named}` : v)) as MapSnapshot;
	// Fields whose marker the typing replaced (componentType of typed components) are gone.
	const fields = marked.fields.filter((f) => json.includes(`"${f.marker}"`));
	return { snapshot, fields, products, suppliers };
}

const { snapshot, fields, products, suppliers } = fixture();

function elementOf(map: MapSnapshot, f: MarkedField): Element | null {
	return f.element ? ((map as unknown as Record<string, Element[]>)[f.element.collection][f.element.index] ?? null) : null;
}

/** Every public output of a map, lower-cased: the snapshot, each file format, the catalogue index rows. */
function outputs(map: MapSnapshot): [string, string][] {
	return [
		...FORMATS.map((format) => [format, writeMapText(map, format).toLowerCase()] as [string, string]),
		['catalogue index', JSON.stringify(indexRows(map, VOCABULARY), (_k, v) => (v instanceof Map ? [...v] : v)).toLowerCase()]
	];
}

describe('the marked map', () => {
	it('fills every field of every element kind, as the schema describes it', () => {
		expect(validate(snapshot, MAP_SCHEMA)).toEqual([]);
		const empty: string[] = [];
		const walk = (v: unknown, path: string) => {
			if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) empty.push(path);
			else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
			else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
		};
		walk(snapshot, '');
		// Only the size (0 = automatic) is left at a default, and lifecycle/flow cycle through '' and null.
		expect(empty.filter((p) => !/\.(lifecycle|flow)$/.test(p))).toEqual([]);
		for (const key of Object.keys(MAP_SCHEMA.properties as object)) {
			const value = (snapshot as unknown as Record<string, unknown>)[key];
			if (Array.isArray(value) && typeof value[0] === 'object') expect(value.length, key).toBeGreaterThanOrEqual(2);
		}
		// Every element kind's text fields carry markers.
		const kinds = new Set(fields.map((f) => f.element?.collection ?? 'map'));
		expect([...kinds].sort()).toEqual(['accelerators', 'annotations', 'areas', 'components', 'evolves', 'links', 'map', 'notes', 'pipelines'].sort());
	});
});

describe.each(SETTINGS.map((r) => [Object.entries(r).filter(([, v]) => v).map(([k]) => k).join(' + '), r] as const))('withholding %s', (_, redaction) => {
	const pub = redactSnapshot(snapshot, redaction, VOCABULARY);
	const outs = outputs(pub);
	const shown = JSON.stringify(pub);

	it('shows only the fields the public may see, in every output', () => {
		const leaks: string[] = [];
		for (const f of fields) {
			const allowed = PUBLIC[f.field]?.(redaction, elementOf(snapshot, f)) ?? false;
			if (allowed) {
				if (!shown.includes(f.marker)) leaks.push(`${f.path} is public but missing`);
				continue;
			}
			for (const [name, text] of outs) if (text.includes(f.marker.toLowerCase())) leaks.push(`${f.path} (${f.id ? 'id' : 'text'}) in ${name}`);
		}
		expect(leaks).toEqual([]);
	});

	it('scrubs withheld names from every text kept', () => {
		const withheld = [...(redaction.products ? products : []), ...(redaction.suppliers ? suppliers : [])];
		const leaks = withheld.flatMap((name) => outs.filter(([, text]) => text.includes(name.toLowerCase())).map(([format]) => `${name} in ${format}`));
		expect(leaks).toEqual([]);
	});
});
