// Publishing with details withheld, field by field: a map with every field of every element kind
// set to a marker (generated from docs/map.schema.json, so a field added later is covered), put
// through redactSnapshot under every withholding setting. Only the fields the fixture's PUBLIC
// list names may reach the public snapshot, any file made from it or the catalogue index;
// withheld product and supplier names typed into any kept text are scrubbed too. The HTTP side
// is tests/server/catalogue-withheld-http.test.ts.
import { describe, expect, it } from 'vitest';
import { redactSnapshot, VOCABULARY } from '../../../src/lib/catalogue/index.js';
import { writeMapText, type TextFormat } from '../../../src/lib/formats/index.js';
import type { MapSnapshot } from '../../../src/lib/map/index.js';
import { indexRows } from '../../../server/catalogue/rows.js';
import { isPublic, MAP_SCHEMA, WITHHOLDING_SETTINGS, withholdingFixture } from '../../fixtures/marked-map.js';
import { validate } from '../../helpers/schema.js';

const FORMATS: readonly TextFormat[] = ['json', 'owm', 'mermaid', 'svg', 'csv'];
const { snapshot, fields, products, suppliers } = withholdingFixture();

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

describe.each(WITHHOLDING_SETTINGS.map((r) => [Object.entries(r).filter(([, v]) => v).map(([k]) => k).join(' + '), r] as const))('withholding %s', (_, redaction) => {
	const pub = redactSnapshot(snapshot, redaction, VOCABULARY);
	const outs = outputs(pub);
	const shown = JSON.stringify(pub);

	it('shows only the fields the public may see, in every output', () => {
		const leaks: string[] = [];
		for (const f of fields) {
			const allowed = isPublic(f, redaction, snapshot);
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
