import { describe, expect, it } from 'vitest';
import { componentsToCsv, componentRows } from '../../../../src/lib/formats/csv/components-export.js';
import { csvToMap } from '../../../../src/lib/formats/csv/components-import.js';
import { guessCsvMapping } from '../../../../src/lib/formats/csv/mapping.js';
import { parseCsv } from '../../../../src/lib/formats/csv/parse.js';
import { CSV_COLUMNS } from '../../../../src/lib/formats/csv/fields.js';
import { SEED_COUNCILS, seedCouncilMaps } from '../../../../src/lib/catalogue/seed.js';
import { buildSnapshot, decoratorsFor, makeComponent, makeLink } from '../../../../src/lib/catalogue/snapshot.js';
import { VOCABULARY } from '../../../../src/lib/catalogue/vocabulary.js';
import type { MapSnapshot } from '../../../../src/lib/map/types.js';

const seeded = seedCouncilMaps(SEED_COUNCILS);

/** Links as [from name, to name] pairs, for comparing maps with different ids. */
function linkNames(map: MapSnapshot): string[] {
	const name = new Map(map.components.map((c) => [c.id as string, c.name]));
	return map.links.filter((l) => name.has(l.from) && name.has(l.to)).map((l) => `${name.get(l.from)} -> ${name.get(l.to)}`).sort();
}

function importText(text: string, options = {}) {
	const { rows, rowLines, errors } = parseCsv(text);
	expect(errors).toEqual([]);
	return csvToMap(rows, guessCsvMapping(rows[0] ?? []), VOCABULARY, { rowLines, ...options });
}

describe('componentsToCsv', () => {
	it('writes the header and one row per component', () => {
		const { map } = seeded[0];
		const rows = componentRows(map, VOCABULARY);
		expect(rows[0].slice(0, CSV_COLUMNS.length)).toEqual(CSV_COLUMNS.map((c) => c.header));
		expect(rows).toHaveLength(map.components.length + 1);
		const crm = rows.find((r) => r[2] === 'crm')!;
		expect(crm.slice(0, 13)).toEqual([
			'Dynamics 365 Customer Service',
			'component',
			'crm',
			'Corporate CRM / customer case management',
			'Corporate Areas',
			'Customer relationship (B2C)',
			'0.62',
			'0.7',
			'Product',
			'Dynamics 365 Customer Service',
			'Microsoft',
			'live',
			'buy'
		]);
		expect(crm[13].split('; ')).toEqual(expect.arrayContaining(['Entra ID']));
	});

	it('guards formula-like cells and can start with a BOM', () => {
		const map = buildSnapshot({}, { components: [makeComponent({ name: '=HYPERLINK("x")', notes: '-2 ideas' }, 1)] });
		const text = componentsToCsv(map, VOCABULARY, { bom: true });
		expect(text.startsWith('\uFEFFName,')).toBe(true);
		expect(text).toContain(`"'=HYPERLINK(""x"")"`);
		expect(text).toContain("'-2 ideas");
	});
});

describe('CSV round trip', () => {
	it.each(seeded.map((s) => [s.council.id, s.map] as const))('%s: export then import keeps names, types, positions and links', (_, map) => {
		const { map: back, errors, warnings } = importText(componentsToCsv(map, VOCABULARY), { title: map.title });
		expect(errors).toEqual([]);
		expect(warnings).toEqual([]);
		expect(back.title).toBe(map.title);
		const pick = (m: MapSnapshot) =>
			m.components.map((c) => ({
				name: c.name,
				kind: c.kind,
				componentType: c.componentType,
				evolution: c.evolution,
				visibility: c.visibility,
				product: c.product,
				supplier: c.supplier,
				lifecycle: c.lifecycle,
				decorators: c.decorators,
				notes: c.notes,
				predecessors: c.predecessors
			}));
		expect(pick(back)).toEqual(pick(map));
		expect(linkNames(back)).toEqual(linkNames(map));
	});

	it('keeps names with commas, quotes, semicolons and newlines, and formula-like text', () => {
		const a = makeComponent({ name: 'Revs, "bens"; legacy', notes: 'line 1\nline 2', componentType: 'revs-bens', decorators: decoratorsFor('outsource') }, 1);
		const b = makeComponent({ name: '=cmd|calc', product: '+44', supplier: '@vendor', evolution: 0.123456 }, 2);
		const c = makeComponent({ name: 'User', kind: 'anchor', evolution: 0.4, visibility: 0.97 }, 3);
		const map = buildSnapshot({}, { components: [a, b, c], links: [makeLink(c.id, a.id, 1), makeLink(a.id, b.id, 2)] });
		const { map: back, warnings } = importText(componentsToCsv(map, VOCABULARY));
		expect(warnings).toEqual([]);
		expect(back.components.map((x) => [x.name, x.kind, x.notes, x.product, x.supplier])).toEqual([
			['Revs, "bens"; legacy', 'component', 'line 1\nline 2', '', ''],
			['=cmd|calc', 'component', '', '+44', '@vendor'],
			['User', 'anchor', '', '', '']
		]);
		expect(back.components[0].decorators.outsource).toBe(true);
		expect(back.components[1].evolution).toBe(0.1235);
		expect(linkNames(back)).toEqual(linkNames(map));
	});
});

describe('guessCsvMapping', () => {
	it.each([
		[['System', 'Supplier', 'x', 'y'], { name: 0, supplier: 1, evolution: 2, visibility: 3 }],
		[['Application Name', 'Vendor', 'Product', 'Evolution', 'Visibility', 'Depends on', 'Type'], { name: 0, supplier: 1, product: 2, evolution: 3, visibility: 4, dependsOn: 5, typeName: 6 }],
		[['Application', 'Vendor name', 'Status', 'Comments'], { name: 0, supplier: 1, lifecycle: 2, notes: 3 }],
		[['\uFEFFName', 'Type ID', 'Type'], { name: 0, typeId: 1, typeName: 2 }],
		[['Name', 'System', 'Evolution stage'], { name: 0, stage: 2 }],
		[['Unrelated', ''], {}]
	])('%j', (headers, mapping) => {
		expect(guessCsvMapping(headers)).toEqual(mapping);
	});

	it('recognises every header of our own export', () => {
		const mapping = guessCsvMapping(CSV_COLUMNS.map((c) => c.header));
		CSV_COLUMNS.forEach((c, i) => expect(mapping[c.field]).toBe(i));
	});
});

describe('csvToMap from a council spreadsheet', () => {
	const sheet = [
		'System,Vendor,Type,x,y,Depends on,Status,Build/Buy',
		'Academy,Capita,Revenues and benefits,,,"Civica Pay; Mystery",In use,Bought',
		'Civica Pay,Civica,payments-gateway,82%,0.7,,live,buy',
		'Bin app,In-house,,0.3,,Civica Pay,Pilot,In-house',
		'"Multi',
		'line",,,,,,,',
		'Street lights,,Lamp posts,55,,,sunsetting,shared service',
		',,,,,,,',
		',Nobody,,,,,,',
		'Academy,Capita,revs-bens,abc,0.5,,weird,'
	].join('\r\n');

	const { map, errors, warnings } = importText(sheet);
	const byName = (name: string) => map.components.find((c) => c.name === name)!;

	it('imports the named rows and skips the nameless with an error at the right line', () => {
		expect(map.components.map((c) => c.name)).toEqual(['Academy', 'Civica Pay', 'Bin app', 'Multi\r\nline', 'Street lights', 'Academy (2)']);
		expect(errors).toEqual([{ line: 9, message: 'no name (or product); row skipped' }]);
	});

	it('reads types by name or id and fills missing positions from the vocabulary', () => {
		const revs = VOCABULARY.byId.get('revs-bens')!;
		expect(byName('Academy')).toMatchObject({ componentType: 'revs-bens', evolution: revs.x, visibility: revs.y, supplier: 'Capita', lifecycle: 'live' });
		expect(byName('Academy').decorators.buy).toBe(true);
		expect(byName('Civica Pay')).toMatchObject({ componentType: 'payments-gateway', evolution: 0.82, visibility: 0.7 });
	});

	it('places untyped components without a visibility by dependency depth', () => {
		expect(byName('Bin app')).toMatchObject({ componentType: '', evolution: 0.3, lifecycle: 'live' });
		expect(byName('Bin app').decorators.build).toBe(true);
		expect(byName('Bin app').visibility).toBeGreaterThan(0.5);
		expect(byName('Multi\r\nline')).toMatchObject({ evolution: 0.5 });
	});

	it('warns with line numbers about guesses and fallbacks', () => {
		const at = (line: number) => warnings.filter((w) => w.line === line).map((w) => w.message);
		expect(at(2)).toEqual(['depends on "Mystery", which is not in the sheet; no link made']);
		expect(at(7)).toEqual(
			expect.arrayContaining([expect.stringMatching(/^type "Lamp posts"/), 'evolution read 55 as 55%'])
		);
		expect(byName('Street lights')).toMatchObject({ evolution: 0.55, lifecycle: 'retiring', notes: 'Sourcing: shared service.' });
		expect(at(10)).toEqual(
			expect.arrayContaining([
				'evolution "abc" is not a number',
				'lifecycle "weird" not recognised; left blank',
				'the name "Academy" is used twice; this one is renamed "Academy (2)"'
			])
		);
	});

	it('links by name, case-insensitively, without duplicates', () => {
		expect(linkNames(map)).toEqual(['Academy -> Civica Pay', 'Bin app -> Civica Pay']);
	});

	it('can guess types for rows without one when asked', () => {
		const { map: guessed, warnings: w } = importText('Name,Supplier\nSquiz Matrix,Squiz\nzzqx,\n', { autoTypeThreshold: 0.6 });
		expect(guessed.components.map((c) => c.componentType)).toEqual(['website', '']);
		expect(w[0].message).toMatch(/^type guessed as "Council website/);
	});

	it('imports nothing from nothing', () => {
		const result = csvToMap([], {}, VOCABULARY);
		expect(result.map.components).toEqual([]);
		expect(result.errors).toEqual([]);
	});
});
