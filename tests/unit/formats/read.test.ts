// readMapText / writeMapText: every input format in, every text format out, names and columns.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	applyColumnChoices,
	columnIndex,
	formatOfExtension,
	formatOfFileName,
	readMapText,
	safeFileName,
	writeMapText,
	EXPORT_FORMATS,
	FILE_FORMATS
} from '../../../src/lib/formats/index.js';
import { canon, printedOrder } from './owm/helpers.js';

const CORPUS = [
	...readdirSync('tests/fixtures/owm-examples').filter((f) => f.endsWith('.wm')).map((f) => `tests/fixtures/owm-examples/${f}`),
	'tests/fixtures/owm-golden/golden-master.owm'
];

describe('readMapText', () => {
	it.each(CORPUS)('%s: OWM → every text format → reads back', (path) => {
		const owm = readMapText(readFileSync(path, 'utf8'));
		expect(owm.format).toBe('owm');
		expect(owm.errors).toEqual([]);
		const json = readMapText(writeMapText(owm.map, 'json'));
		expect(json.format).toBe('json');
		expect(json.map).toEqual(owm.map);
		const again = readMapText(writeMapText(owm.map, 'owm'));
		expect(canon(again.map)).toEqual(canon(printedOrder(owm.map)));
		const mermaid = readMapText(writeMapText(owm.map, 'mermaid'));
		expect(mermaid.format).toBe('mermaid');
		expect(mermaid.errors).toEqual([]);
		expect(mermaid.map.components.length).toBe(owm.map.components.length);
		// A map with no components is a header row alone, which detection cannot tell from text.
		const csv = readMapText(writeMapText(owm.map, 'csv'), owm.map.components.length ? {} : { format: 'csv' });
		expect(csv.format).toBe('csv');
		expect(csv.errors).toEqual([]);
		expect(csv.map.components.map((c) => c.name)).toEqual(owm.map.components.map((c) => c.name));
		expect(writeMapText(owm.map, 'svg')).toMatch(/^<\?xml[^]*<svg [^]*<\/svg>\n$/);
	});

	it('takes a CSV mapping from the header row, or the one given', () => {
		const text = 'System,Vendor,Notes\nCRM,Microsoft,big\nWebsite,,\n';
		const guessed = readMapText(text);
		expect(guessed.csv?.headers).toEqual(['System', 'Vendor', 'Notes']);
		expect(guessed.csv?.mapping).toMatchObject({ name: 0, supplier: 1, notes: 2 });
		expect(guessed.map.components[0]).toMatchObject({ name: 'CRM', supplier: 'Microsoft', notes: 'big' });
		const chosen = readMapText(text, { csvMapping: { name: 1 } });
		expect(chosen.map.components.map((c) => c.name)).toEqual(['Microsoft']);
		expect(chosen.errors).toEqual([{ line: 3, message: 'no name (or product); row skipped' }]);
		const none = readMapText(text, { format: 'csv', csvMapping: {} });
		expect(none.errors[0].message).toMatch(/No column holds the component names/);
	});

	it('says when it cannot tell the format, and lets a given format and title win', () => {
		const r = readMapText('just some words');
		expect(r.format).toBe('unknown');
		expect(r.errors[0]).toMatchObject({ line: 1 });
		expect(readMapText('component A [0.5, 0.5]', { format: 'mermaid', title: ' Mine ' }).map.title).toBe('Mine');
		expect(readMapText('wardley-beta\ncomponent A [0.5, 0.5]').format).toBe('mermaid');
	});

	it('reports OWM errors with their lines', () => {
		const r = readMapText('title T\ncomponent A [0.5, 0.5]\ncomponent B [x, 0.5]\nA->B');
		expect(r.errors.map((e) => e.line)).toEqual([3]);
		expect(r.map.components).toHaveLength(2);
	});
});

describe('formats and names', () => {
	it('knows each format by extension', () => {
		expect(EXPORT_FORMATS.map((f) => formatOfExtension(FILE_FORMATS[f].extension))).toEqual(EXPORT_FORMATS);
		expect(formatOfFileName('maps/Tea Shop.wm')).toBe('owm');
		expect(formatOfFileName('a.MERMAID')).toBe('mermaid');
		expect(formatOfFileName('noext')).toBeUndefined();
		expect(formatOfFileName('dir.d/noext')).toBeUndefined();
		expect(formatOfExtension('constructor')).toBeUndefined();
	});

	it.each([
		['Revenues & Benefits', 'Revenues-Benefits.svg'],
		['  Café — “draft” ', 'Cafe-draft.svg'],
		['../../etc/passwd', 'etc-passwd.svg'],
		['"; rm -rf /', 'rm-rf.svg'],
		['', 'map.svg'],
		['日本', 'map.svg'],
		['x'.repeat(200), `${'x'.repeat(80)}.svg`]
	])('safeFileName(%j)', (title, name) => {
		expect(safeFileName(title, 'svg')).toBe(name);
	});

	it('reads column choices by number or header', () => {
		const headers = ['System', 'Supplier name', 'Depends on'];
		expect(columnIndex('2', headers)).toBe(1);
		expect(columnIndex('supplier NAME', headers)).toBe(1);
		expect(columnIndex('', headers)).toBeNull();
		expect(columnIndex('9', headers)).toBeUndefined();
		const { mapping, problems } = applyColumnChoices({ name: 0, notes: 2 }, [['supplier', 'Supplier name'], ['notes', 'none'], ['colour', '1'], ['product', 'Nope']], headers);
		expect(mapping).toEqual({ name: 0, supplier: 1 });
		expect(problems).toHaveLength(2);
	});
});
