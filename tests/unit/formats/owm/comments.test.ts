// Comments survive import → edit → export: the header (a licence or attribution), the comment
// lines above each element (kept with the element's id) and a footer, in OWM text and JSON.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import {
	MAX_TEXT_LENGTH,
	ModelError,
	deleteElements,
	loadSnapshot,
	moveComponent,
	readSnapshot,
	renameComponent,
	restoreSnapshot,
	updateComponent,
	type MapSnapshot
} from '../../../../src/lib/map/index.js';
import { parseOwm, printOwm, reconcile } from '../../../../src/lib/formats/owm/index.js';
import { writeMapText } from '../../../../src/lib/formats/index.js';
import { parseMapJson } from '../../../../src/lib/formats/json/parse.js';
import { OWM_CORPUS } from '../../fuzz/corpus.js';
import { canon, mapArb } from './helpers.js';

/** Every comment line of OWM text (a line whose code is only comment), trimmed. */
function commentLines(text: string): string[] {
	let inBlock = false;
	const out: string[] = [];
	for (const raw of text.split('\n')) {
		const t = raw.trim();
		if (inBlock || t.startsWith('//') || t.startsWith('/*')) {
			if (t && !t.startsWith('// stackmap:')) out.push(t);
			if (t.includes('/*') && !t.slice(t.lastIndexOf('/*')).includes('*/')) inBlock = true;
			if (inBlock && t.includes('*/') && t.lastIndexOf('*/') > t.lastIndexOf('/*')) inBlock = false;
		}
	}
	return out;
}

const LICENSED = `/* Map: Council Tax online
   Licence: CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/
   Attribution: Wessmoor Council digital team */
// Please keep this header when you share the map.

title Council Tax online
style wardley

// The resident is the user need.
anchor Resident [0.95, 0.6]
// Revenues system: contract ends 2027
component Revenues [0.5, 0.7] (buy)
component Payments [0.6, 0.8] // hosted by the county

// Comment above a setting goes to the next element
size [800, 600]
// Dependencies
Resident->Revenues
Revenues->Payments
evolve Revenues 0.85
note "Shared with the county" [0.3, 0.3]

// end of map
`;

describe('comments in OWM text', () => {
	it('keeps a licence header, per-element comments and a footer', () => {
		const { map, errors } = parseOwm(LICENSED);
		expect(errors).toEqual([]);
		expect(map.header).toBe(
			'/* Map: Council Tax online\nLicence: CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/\nAttribution: Wessmoor Council digital team */\n// Please keep this header when you share the map.'
		);
		const byName = new Map(map.components.map((c) => [c.name, c]));
		expect(byName.get('Resident')!.comments).toBe('// The resident is the user need.');
		expect(byName.get('Revenues')!.comments).toBe('// Revenues system: contract ends 2027');
		expect(byName.get('Payments')!.comments).toBe('// hosted by the county');
		expect(map.links[0].comments).toBe('// Comment above a setting goes to the next element\n// Dependencies');
		expect(map.links[1].comments).toBeUndefined();
		expect(map.footer).toBe('// end of map');
		const out = printOwm(map);
		expect(out.startsWith('/* Map: Council Tax online\n')).toBe(true);
		expect(out).toContain('// Revenues system: contract ends 2027\ncomponent Revenues');
		for (const line of commentLines(LICENSED)) expect(out).toContain(line);
	});

	it.each(OWM_CORPUS.map((t, k) => [k, t] as const))('corpus map %i: every comment line is exported, and export → import is stable', (_k, text) => {
		const first = parseOwm(text);
		const out = printOwm(first.map);
		const exported = commentLines(out);
		for (const line of commentLines(text)) expect(exported).toContain(line);
		const again = parseOwm(out);
		expect(again.errors).toEqual([]);
		expect(printOwm(again.map)).toBe(out);
		// Pipeline children print after the other components: compare comments by element, not by place.
		const comments = (m: MapSnapshot) => [m.header, m.footer, ...m.components.map((c) => `${c.name}: ${c.comments}`).sort(), ...m.links.map((l) => l.comments)];
		expect(comments(again.map)).toEqual(comments(first.map));
	});

	it('keeps the `// stackmap:` extras apart from user comments', () => {
		const { map } = parseOwm('// about A\ntitle T\n// above A\ncomponent A [0.5, 0.5]\n// stackmap: {"component":"A","supplier":"Civica"}\n');
		const a = map.components[0];
		expect([map.header, a.comments, a.supplier]).toEqual(['// about A', '// above A', 'Civica']);
		const out = printOwm(map);
		expect(out).toBe('// about A\ntitle T\n\n// above A\ncomponent A [0.5, 0.5]\n\n// stackmap: {"component":"A","supplier":"Civica"}\n');
		expect(parseOwm(out).map.components[0].comments).toBe('// above A');
	});

	it('writes comments that are not OWM comments (from JSON) behind //', () => {
		const { map } = parseOwm('component A [0.5, 0.5]');
		const edited = { ...map, header: 'Licence: CC BY-SA\nstackmap: not ours', components: [{ ...map.components[0], comments: 'component B [1, 1]' }] };
		const out = printOwm(edited);
		expect(out).toContain('// Licence: CC BY-SA\n//: stackmap: not ours\ntitle');
		const back = parseOwm(out).map;
		expect(back.components.map((c) => c.name)).toEqual(['A']);
		expect(back.components[0].comments).toBe('// component B [1, 1]');
	});

	it('closes a block comment left open at the end, so it reads back the same', () => {
		const { map } = parseOwm('component A [0.5, 0.5]\n/* never closed\ncomponent B [0.1, 0.1]');
		expect(map.components.map((c) => c.name)).toEqual(['A']);
		expect(map.footer).toBe('/* never closed\ncomponent B [0.1, 0.1] */');
		expect(parseOwm(printOwm(map)).map.footer).toBe(map.footer);
	});

	it('cuts comments past the text limit, with a warning', () => {
		const long = '// ' + 'x'.repeat(MAX_TEXT_LENGTH);
		const { map, warnings } = parseOwm(`${long}\ntitle T\n${long}\ncomponent A [0.5, 0.5]`);
		expect(map.header!.length).toBe(MAX_TEXT_LENGTH);
		expect(map.components[0].comments!.length).toBe(MAX_TEXT_LENGTH);
		expect(warnings.map((w) => w.message)).toEqual(expect.arrayContaining([`header comments is longer than ${MAX_TEXT_LENGTH} characters; cut`]));
	});

	it('reads no comments from Mermaid text (its %% comments stay Mermaid’s)', async () => {
		const { parseMermaid } = await import('../../../../src/lib/formats/mermaid/index.js');
		const { map } = parseMermaid('wardley-beta\n%% note\ncomponent A [0.5, 0.5]');
		expect([map.header, map.components[0].comments]).toEqual([undefined, undefined]);
	});
});

/** OWM comment blocks: `//` lines (any text, `//`, `/*`, quotes inside), blocks, blank lines between. */
const commentArb = fc
	.array(
		fc.oneof(
			fc.string({ unit: fc.constantFrom(...'ab Z"/*[]->;:é'), maxLength: 12 }).map((t) => `//${t}`.trim()),
			fc.string({ unit: fc.constantFrom(...'ab Z"[]->;é'), maxLength: 12 }).map((t) => `/* ${t} */`),
			fc.tuple(fc.string({ unit: fc.constantFrom(...'ab Z'), maxLength: 8 }), fc.string({ unit: fc.constantFrom(...'ab Z'), maxLength: 8 })).map(([a, b]) => `/* ${a}\n${b} */`.replace(/ +\n/, '\n').replace(/\n +/, '\n'))
		),
		{ minLength: 1, maxLength: 3 }
	)
	.chain((blocks) => fc.array(fc.boolean(), { minLength: blocks.length, maxLength: blocks.length }).map((gaps) => blocks.map((b, k) => (k > 0 && gaps[k] ? `\n${b}` : b)).join('\n')));

describe('comments on generated maps', () => {
	it('print and read back on the same elements', () => {
		const withComments = fc.tuple(mapArb, fc.array(fc.option(commentArb, { nil: undefined }), { maxLength: 40 }), fc.option(commentArb, { nil: undefined }), fc.option(commentArb, { nil: undefined }));
		fc.assert(
			fc.property(withComments, ([map, pool, header, footer]) => {
				let k = 0;
				const give = <T extends object>(items: readonly T[]) => items.map((item) => ({ ...item, ...(pool[k] !== undefined ? { comments: pool[k++] } : (k++, {})) }));
				const commented: MapSnapshot = {
					...map,
					...(header ? { header } : {}),
					...(footer ? { footer } : {}),
					components: give(map.components),
					links: give(map.links),
					evolves: give(map.evolves),
					pipelines: give(map.pipelines),
					notes: give(map.notes),
					annotations: give(map.annotations),
					areas: give(map.areas),
					accelerators: give(map.accelerators)
				};
				const text = printOwm(commented);
				const back = parseOwm(text).map;
				const byId = (m: MapSnapshot) => {
					const names = new Map<string, string>(m.components.map((c) => [c.id, c.name]));
					return {
						header: m.header,
						footer: m.footer,
						components: m.components.map((c) => `${c.name} ${c.comments}`).sort(),
						links: m.links.map((l) => `${names.get(l.from) ?? ''}>${names.get(l.to) ?? ''} ${l.comments}`).sort(),
						pipelines: m.pipelines.map((p) => `${names.get(p.componentId)} ${p.comments}`).sort(),
						evolves: m.evolves.map((e) => `${names.get(e.componentId)} ${e.comments}`).sort(),
						rest: [...m.notes, ...m.annotations, ...m.areas, ...m.accelerators].map((x) => x.comments)
					};
				};
				expect(byId(back), text).toEqual(byId(commented));
			}),
			{ numRuns: 200 }
		);
	});
});

describe('comments in the map document', () => {
	function load(text: string): Y.Doc {
		const doc = new Y.Doc();
		loadSnapshot(doc, parseOwm(text).map);
		return doc;
	}
	const named = (doc: Y.Doc, name: string) => readSnapshot(doc).components.find((c) => c.name === name)!;

	it('survive moves and renames, and go with a deleted element', () => {
		const doc = load(LICENSED);
		moveComponent(doc, named(doc, 'Revenues').id, { evolution: 0.6, visibility: 0.4 });
		renameComponent(doc, named(doc, 'Revenues').id, 'Revenues and Benefits');
		deleteElements(doc, [{ collection: 'components', id: named(doc, 'Payments').id }]);
		const map = readSnapshot(doc);
		expect(named(doc, 'Revenues and Benefits').comments).toBe('// Revenues system: contract ends 2027');
		const out = printOwm(map);
		expect(out).toContain('// Revenues system: contract ends 2027\ncomponent Revenues and Benefits [0.4, 0.6]');
		expect(out).not.toContain('hosted by the county');
		expect(out).toContain('Licence: CC BY-SA 4.0');
		expect(out).toContain('// end of map');
	});

	it('are written and cleared by commands, within the text limit', () => {
		const doc = load('component A [0.5, 0.5]');
		const id = named(doc, 'A').id;
		updateComponent(doc, id, { comments: '// new' });
		expect(named(doc, 'A').comments).toBe('// new');
		updateComponent(doc, id, { comments: '' });
		expect('comments' in named(doc, 'A')).toBe(false);
		expect(() => updateComponent(doc, id, { comments: 'x'.repeat(MAX_TEXT_LENGTH + 1) })).toThrow(ModelError);
	});

	it('are restored with a saved snapshot, and cleared when it had none', () => {
		const doc = load('component A [0.5, 0.5]');
		const plain = readSnapshot(doc);
		updateComponent(doc, named(doc, 'A').id, { comments: '// later' });
		loadSnapshot(doc, { ...readSnapshot(doc), header: '// Licence: OGL' });
		const commented = readSnapshot(doc);
		restoreSnapshot(doc, plain, null);
		expect([readSnapshot(doc).header, named(doc, 'A').comments]).toEqual([undefined, undefined]);
		restoreSnapshot(doc, commented, null);
		expect([readSnapshot(doc).header, named(doc, 'A').comments]).toEqual(['// Licence: OGL', '// later']);
	});

	it('follow the text view: reconcile writes, changes and clears them', () => {
		const doc = load(LICENSED);
		const id = named(doc, 'Revenues').id;
		const edited = printOwm(readSnapshot(doc)).replace('// Revenues system: contract ends 2027', '// Revenues: extended to 2029').replace('// end of map\n', '');
		reconcile(doc, parseOwm(edited).map);
		const map = readSnapshot(doc);
		expect(named(doc, 'Revenues').id).toBe(id);
		expect(named(doc, 'Revenues').comments).toBe('// Revenues: extended to 2029');
		expect(map.footer).toBeUndefined();
		expect(map.header).toContain('CC BY-SA 4.0');
	});
});

describe('comments in JSON', () => {
	it('round-trip through JSON and back to OWM', () => {
		const owm = parseOwm(LICENSED).map;
		const json = writeMapText(owm, 'json');
		const back = parseMapJson(json);
		expect(back.errors).toEqual([]);
		expect(canon(back.map)).toEqual(canon(owm));
		expect(printOwm(back.map)).toBe(printOwm(owm));
	});

	it('refuse an element whose comments are over the text limit', () => {
		const owm = parseOwm('component A [0.5, 0.5]\ncomponent B [0.5, 0.5]').map;
		const json = JSON.parse(writeMapText(owm, 'json'));
		json.components[0].comments = 'x'.repeat(MAX_TEXT_LENGTH + 1);
		const back = parseMapJson(JSON.stringify(json));
		expect(back.map.components.map((c) => c.name)).toEqual(['B']);
		expect(back.errors[0].message).toContain(`comments is longer than ${MAX_TEXT_LENGTH} characters`);
	});
});
