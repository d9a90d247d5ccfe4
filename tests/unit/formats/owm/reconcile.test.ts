// reconcile: a text edit becomes the minimal set of model writes on the Y.Doc.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { readSnapshot, updateComponent, type MapSnapshot } from '../../../../src/lib/map/index.js';
import { parseOwm, printOwm, reconcile } from '../../../../src/lib/formats/owm/index.js';
import { canon, mapArb } from './helpers.js';

const ORIGIN = { user: 'text-view' };

/** Record every transaction on the doc: its origin and each changed key of each changed Y.Map. */
function watch(doc: Y.Doc) {
	const log: { origin: unknown; keys: string[] }[] = [];
	doc.on('afterTransaction', (tr: Y.Transaction) => {
		const keys: string[] = [];
		tr.changed.forEach((set, type) => {
			const owner = type._item?.parentSub ?? '(root)';
			set.forEach((key) => keys.push(`${owner}.${key}`));
		});
		if (keys.length > 0 || tr.deleteSet.clients.size > 0) log.push({ origin: tr.origin, keys });
	});
	return log;
}

function docFrom(text: string): Y.Doc {
	const doc = new Y.Doc();
	reconcile(doc, parseOwm(text).map, ORIGIN);
	return doc;
}

/** The map as the printer lays it out (so orders line up with what parsing the text gives). */
const canonical = (map: MapSnapshot) => parseOwm(printOwm(map)).map;

describe('reconcile into an empty doc', () => {
	it('then readSnapshot equals the parsed map modulo ids (generated maps)', () => {
		fc.assert(
			fc.property(mapArb, (m) => {
				const parsed = canonical(m);
				const doc = new Y.Doc();
				reconcile(doc, parsed, ORIGIN);
				expect(canon(readSnapshot(doc))).toEqual(canon(parsed));
			}),
			{ numRuns: 150 }
		);
	});

	it.each(['tests/fixtures/owm-golden/golden-master.owm', 'tests/fixtures/owm-examples/PST Example.wm', 'tests/fixtures/owm-examples/Flow Example.wm'])(
		'%s',
		(path) => {
			const parsed = parseOwm(readFileSync(path, 'utf8')).map;
			const doc = new Y.Doc();
			const log = watch(doc);
			reconcile(doc, parsed, ORIGIN);
			expect(canon(readSnapshot(doc))).toEqual(canon(parsed));
			expect(log).toHaveLength(1);
			expect(log[0].origin).toBe(ORIGIN);
		}
	);

	it('is a no-op when run again with the same map', () => {
		const parsed = parseOwm(readFileSync('tests/fixtures/owm-golden/golden-master.owm', 'utf8')).map;
		const doc = new Y.Doc();
		reconcile(doc, parsed, ORIGIN);
		const log = watch(doc);
		reconcile(doc, parseOwm(printOwm(readSnapshot(doc))).map, ORIGIN);
		expect(log).toEqual([]);
	});
});

/** A map's content with names in place of ids and no order: equal iff same map up to ids and order. */
function content(m: MapSnapshot) {
	const name = (id: string) => m.components.find((c) => c.id === id)?.name ?? `evolve:${m.evolves.find((e) => e.id === id)?.name}`;
	const stable = (v: unknown): string =>
		v && typeof v === 'object'
			? Array.isArray(v)
				? `[${v.map(stable).join(',')}]`
				: `{${Object.keys(v).sort().map((k) => `${k}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`
			: JSON.stringify(v);
	const sorted = <T>(items: T[]) => items.map(stable).sort();
	const parentOf = (pipelineId: string | null) => (pipelineId ? name(m.pipelines.find((p) => p.id === pipelineId)!.componentId) : null);
	return {
		meta: { ...m, description: null, valueChainLabels: null, components: null, links: null, evolves: null, pipelines: null, notes: null, annotations: null, areas: null, accelerators: null },
		components: sorted(m.components.map(({ id: _i, order: _o, pipelineId, componentType: _a, product: _b, supplier: _c, lifecycle: _d, notes: _e, predecessors: _f, ...c }) => ({ ...c, in: parentOf(pipelineId) }))),
		pipelines: sorted(m.pipelines.map((p) => ({ of: name(p.componentId), start: p.start, end: p.end }))),
		evolves: sorted(m.evolves.map(({ id: _i, order: _o, componentId, ...e }) => ({ ...e, of: name(componentId) }))),
		links: sorted(m.links.map(({ id: _i, order: _o, from, to, ...l }) => ({ ...l, from: name(from), to: name(to) }))),
		notes: sorted(m.notes.map(({ id: _i, order: _o, ...n }) => n)),
		annotations: sorted(m.annotations.map(({ id: _i, order: _o, ...a }) => a)),
		areas: sorted(m.areas.map(({ id: _i, order: _o, ...a }) => a)),
		accelerators: sorted(m.accelerators.map(({ id: _i, order: _o, ...a }) => a))
	};
}

describe('reconcile from any map to any other', () => {
	it('leaves the document equal to the second map (up to ids and order; council fields checked elsewhere)', () => {
		fc.assert(
			fc.property(mapArb, mapArb, (m1, m2) => {
				const doc = new Y.Doc();
				reconcile(doc, canonical(m1), ORIGIN);
				const target = canonical(m2);
				const log = watch(doc);
				reconcile(doc, target, ORIGIN);
				expect(log.length).toBeLessThanOrEqual(1);
				expect(content(readSnapshot(doc))).toEqual(content(target));
			}),
			{ numRuns: 200 }
		);
	});
});

/** Random text edits as a person makes them: delete, duplicate or move a line, retype a number. */
const edits = fc.array(
	fc.record({ op: fc.constantFrom('delete', 'duplicate', 'move', 'number', 'rename'), at: fc.nat(), to: fc.nat(), value: fc.constantFrom('0.15', '0.5', '0.95', '-1') }),
	{ minLength: 1, maxLength: 4 }
);

function applyEdits(text: string, list: readonly { op: string; at: number; to: number; value: string }[]): string {
	const lines = text.split('\n');
	for (const e of list) {
		const k = e.at % lines.length;
		if (e.op === 'delete') lines.splice(k, 1);
		else if (e.op === 'duplicate') lines.splice(k, 0, lines[k]);
		else if (e.op === 'move') lines.splice(e.to % lines.length, 0, ...lines.splice(k, 1));
		else if (e.op === 'number') lines[k] = lines[k].replace(/-?\d+(\.\d+)?/, e.value);
		else lines[k] = lines[k].replace(/^(component|anchor|submap) (\w)/, '$1 Z$2');
		if (lines.length === 0) lines.push('');
	}
	return lines.join('\n');
}

describe('reconcile after random text edits', () => {
	it('leaves the document equal to the edited text (up to ids and order)', () => {
		fc.assert(
			fc.property(mapArb, edits, (m, list) => {
				const text = printOwm(canonical(m));
				const doc = new Y.Doc();
				reconcile(doc, parseOwm(text).map, ORIGIN);
				const edited = parseOwm(applyEdits(text, list)).map;
				reconcile(doc, edited, ORIGIN);
				expect(content(readSnapshot(doc))).toEqual(content(edited));
			}),
			{ numRuns: 300 }
		);
	});
});

describe('one coordinate changed in the text → one field update of one component', () => {
	it('holds for generated maps, and ids and council fields stay', () => {
		fc.assert(
			fc.property(mapArb.filter((m) => m.components.length > 0), fc.nat(), fc.boolean(), (m, pick, useVisibility) => {
				const before = canonical(m);
				const doc = new Y.Doc();
				reconcile(doc, before, ORIGIN);
				const snap = readSnapshot(doc);
				const target = snap.components[pick % snap.components.length];
				const field = useVisibility && target.pipelineId === null ? 'visibility' : 'evolution';
				const edited: MapSnapshot = {
					...snap,
					components: snap.components.map((c) => (c === target ? { ...c, [field]: c[field] + 0.125 } : c))
				};
				const oldText = printOwm(snap);
				const newText = printOwm(edited);
				const changedLines = newText.split('\n').filter((l, k) => l !== oldText.split('\n')[k]);
				expect(changedLines).toHaveLength(1);

				const log = watch(doc);
				reconcile(doc, parseOwm(newText).map, ORIGIN);
				expect(log).toHaveLength(1);
				expect(log[0].origin).toBe(ORIGIN);
				// Either coordinate is written as the one position field `at`.
				expect(log[0].keys).toEqual([`${target.id}.at`]);
				const after = readSnapshot(doc);
				expect(after.components.map((c) => c.id)).toEqual(snap.components.map((c) => c.id));
				expect(after.components.find((c) => c.id === target.id)![field]).toBe(target[field] + 0.125);
				expect(after.components.map((c) => [c.product, c.lifecycle, c.predecessors])).toEqual(snap.components.map((c) => [c.product, c.lifecycle, c.predecessors]));
			}),
			{ numRuns: 150 }
		);
	});
});

describe('matching by name keeps ids', () => {
	const text = 'title T\nanchor User [0.95, 0.6]\ncomponent Kettle [0.4, 0.3]\ncomponent Water [0.3, 0.8]\nUser->Kettle\nKettle->Water; limited by\nnote hot [0.5, 0.5]\n';

	it('council fields survive text without stackmap comments', () => {
		const doc = docFrom(text);
		const kettle = readSnapshot(doc).components.find((c) => c.name === 'Kettle')!;
		updateComponent(doc, kettle.id, { product: 'Russell Hobbs', lifecycle: 'legacy', predecessors: ['Old Kettle'] });
		const plain = printOwm(readSnapshot(doc), { extensions: false });
		expect(plain).not.toContain('stackmap');
		reconcile(doc, parseOwm(plain.replace('[0.4, 0.3]', '[0.45, 0.3]')).map, ORIGIN);
		const after = readSnapshot(doc).components.find((c) => c.id === kettle.id)!;
		expect(after).toMatchObject({ visibility: 0.45, product: 'Russell Hobbs', lifecycle: 'legacy', predecessors: ['Old Kettle'] });
	});

	it('council fields in a stackmap comment are written', () => {
		const doc = docFrom(text);
		reconcile(doc, parseOwm(text + '// stackmap: {"component":"Kettle","supplier":"Acme"}\n').map, ORIGIN);
		expect(readSnapshot(doc).components.find((c) => c.name === 'Kettle')!.supplier).toBe('Acme');
	});

	it('a renamed component keeps its id and its links (matched by place)', () => {
		const doc = docFrom(text);
		const before = readSnapshot(doc);
		const log = watch(doc);
		reconcile(doc, parseOwm(text.replace(/Kettle/g, 'Electric Kettle')).map, ORIGIN);
		const after = readSnapshot(doc);
		expect(after.components.map((c) => c.id)).toEqual(before.components.map((c) => c.id));
		expect(after.links.map((l) => l.id)).toEqual(before.links.map((l) => l.id));
		expect(log[0].keys).toEqual([`${before.components[1].id}.name`]);
	});

	it('a context change updates the link in place; a flow change too', () => {
		const doc = docFrom(text);
		const before = readSnapshot(doc);
		reconcile(doc, parseOwm(text.replace('; limited by', '; constraint').replace('User->Kettle', 'User+>Kettle')).map, ORIGIN);
		const after = readSnapshot(doc);
		expect(after.links.map((l) => l.id)).toEqual(before.links.map((l) => l.id));
		expect(after.links.map((l) => [l.flow, l.context])).toEqual([
			['forward', ''],
			[null, 'constraint']
		]);
	});

	it('a deleted line deletes the component and its links; an added line adds one at the end', () => {
		const doc = docFrom(text);
		reconcile(doc, parseOwm(text.replace('component Water [0.3, 0.8]\n', '') + 'component Tea [0.6, 0.8]\n').map, ORIGIN);
		const after = readSnapshot(doc);
		expect(after.components.map((c) => c.name)).toEqual(['User', 'Kettle', 'Tea']);
		expect(after.links).toHaveLength(1);
	});

	it('moving a component into a pipeline and back out', () => {
		const doc = docFrom(text);
		const water = readSnapshot(doc).components.find((c) => c.name === 'Water')!;
		const piped = text.replace('component Water [0.3, 0.8]\n', '') + 'pipeline Kettle\n{\ncomponent Water [0.8]\n}\n';
		reconcile(doc, parseOwm(piped).map, ORIGIN);
		let snap = readSnapshot(doc);
		expect(snap.components.find((c) => c.id === water.id)).toMatchObject({ pipelineId: snap.pipelines[0].id, visibility: 0.4 });
		reconcile(doc, parseOwm(text).map, ORIGIN);
		snap = readSnapshot(doc);
		expect(snap.pipelines).toEqual([]);
		expect(snap.components.find((c) => c.id === water.id)).toMatchObject({ pipelineId: null, visibility: 0.3, evolution: 0.8 });
	});

	it('evolves, notes, annotations, areas and accelerators update in place', () => {
		const full = text + 'evolve Kettle 0.7\nannotation 1 [0.5, 0.5] one\npioneers [0.9, 0.1, 0.7, 0.3]\naccelerator Cloud [0.2, 0.6]\n';
		const doc = docFrom(full);
		const before = readSnapshot(doc);
		const edited = full.replace('0.7\n', '0.8\n').replace('note hot', 'note hotter').replace('0.5] one', '0.5] uno').replace('0.7, 0.3]', '0.6, 0.3]').replace('[0.2, 0.6]', '[0.25, 0.6]');
		reconcile(doc, parseOwm(edited).map, ORIGIN);
		const after = readSnapshot(doc);
		for (const key of ['evolves', 'notes', 'annotations', 'areas', 'accelerators'] as const) {
			expect(after[key].map((e) => e.id), key).toEqual(before[key].map((e) => e.id));
		}
		expect([after.evolves[0].evolution, after.notes[0].text, after.annotations[0].text, after.areas[0].to.visibility, after.accelerators[0].visibility]).toEqual([0.8, 'hotter', 'uno', 0.6, 0.25]);
	});

	it('over-long names and texts are cut by the parser, so the model never refuses them half-way', () => {
		const long = 'x'.repeat(700);
		const { map, warnings } = parseOwm(`component ${long} [0.5, 0.5]\nnote ${'n'.repeat(12_000)} [0.1, 0.1]\n${long}->${long}`);
		expect(warnings.map((w) => w.line)).toEqual([1, 2]); // cut, cut; the self-link is kept
		const doc = new Y.Doc();
		reconcile(doc, map, ORIGIN);
		expect(readSnapshot(doc).components[0].name).toHaveLength(500);
		expect(readSnapshot(doc).notes[0].text).toHaveLength(10_000);
		expect(readSnapshot(doc).links).toHaveLength(1);
	});

	it('map settings change through one setMeta', () => {
		const doc = docFrom(text);
		const log = watch(doc);
		reconcile(doc, parseOwm(text.replace('title T', 'title Tea Shop\nstyle wardley')).map, ORIGIN);
		expect(log).toHaveLength(1);
		expect(log[0].keys.sort()).toEqual(['(root).style', '(root).title']);
	});
});
