// The update guard's classification, table-driven: a client doc makes a change with a model
// command, and the server-side doc (which has not seen it) says what that update would do.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addComponent,
	addLink,
	addNote,
	deleteComponent,
	deleteLink,
	initMap,
	loadSnapshot,
	lockElements,
	lockMap,
	moveComponent,
	readSnapshot,
	readWorkshop,
	renameComponent,
	resetLabel,
	restrictTools,
	setLabelOffset,
	setMeta,
	updateComponent,
	updateLink,
	type ComponentId,
	type LinkId
} from '../../src/lib/map/index.js';
import { classifyUpdate, isEmpty, participantRefusal, REFUSED } from '../../server/collab/guard.js';

function pair() {
	const server = new Y.Doc();
	initMap(server, { title: 'Guard' });
	const a = addComponent(server, { name: 'Alpha' });
	const b = addComponent(server, { name: 'Beta' });
	const link = addLink(server, { from: a, to: b });
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	return { server, client, a, b, link };
}

/** The update `change` makes on the client. */
function capture(client: Y.Doc, change: () => void): Uint8Array {
	const updates: Uint8Array[] = [];
	const on = (u: Uint8Array) => updates.push(u);
	client.on('update', on);
	change();
	client.off('update', on);
	return Y.mergeUpdates(updates);
}

function summary(server: Y.Doc, update: Uint8Array) {
	const c = classifyUpdate(server, update);
	return {
		elements: Object.fromEntries([...c.elements].map(([k, v]) => [k, [...v.kinds].sort().join(',')])),
		meta: [...c.meta],
		workshop: c.workshop,
		unresolved: c.unresolved
	};
}

describe('classifyUpdate', () => {
	const cases: [string, (p: ReturnType<typeof pair>) => void, (p: ReturnType<typeof pair>) => Record<string, string>][] = [
		['adding a component', (p) => void addComponent(p.client, { name: 'New', evolution: 0.2, visibility: 0.3 }), () => ({})],
		['moving a component', (p) => moveComponent(p.client, p.a as ComponentId, { evolution: 0.9, visibility: 0.1 }), (p) => ({ [`components/${p.a}`]: 'move' })],
		['moving a label', (p) => updateComponent(p.client, p.a as ComponentId, { label: { x: 4, y: -3 } }), (p) => ({ [`components/${p.a}`]: 'move' })],
		['placing a label (offset and pin)', (p) => setLabelOffset(p.client, p.a as ComponentId, { x: 20, y: 30 }), (p) => ({ [`components/${p.a}`]: 'move' })],
		[
			'resetting a placed label',
			(p) => {
				setLabelOffset(p.server, p.a as ComponentId, { x: 20, y: 30 });
				Y.applyUpdate(p.client, Y.encodeStateAsUpdate(p.server));
				resetLabel(p.client, p.a as ComponentId);
			},
			(p) => ({ [`components/${p.a}`]: 'move' })
		],
		['renaming a component', (p) => renameComponent(p.client, p.a as ComponentId, 'Alpha 2'), (p) => ({ [`components/${p.a}`]: 'edit' })],
		['deleting a component (and its link)', (p) => deleteComponent(p.client, p.b as ComponentId), (p) => ({ [`components/${p.b}`]: 'delete', [`links/${p.link}`]: 'delete' })],
		['adding a note', (p) => void addNote(p.client, { text: 'n', evolution: 0.1, visibility: 0.1 }), () => ({})],
		['changing a link', (p) => updateLink(p.client, p.link as LinkId, { context: 'limited by' }), (p) => ({ [`links/${p.link}`]: 'link' })],
		['deleting a link', (p) => deleteLink(p.client, p.link as LinkId), (p) => ({ [`links/${p.link}`]: 'delete' })],
		['replacing a component whole', (p) => loadSnapshot(p.client, { ...readSnapshot(p.client), components: readSnapshot(p.client).components.filter((c) => c.id === p.a), links: [] }), (p) => ({ [`components/${p.a}`]: 'edit' })]
	];
	for (const [name, change, expected] of cases) {
		it(`classifies ${name}`, () => {
			const p = pair();
			const update = capture(p.client, () => change(p));
			const got = summary(p.server, update);
			const want = expected(p);
			for (const [key, kinds] of Object.entries(want)) expect(got.elements[key]).toBe(kinds);
			if (name.startsWith('adding')) {
				const kinds = Object.values(got.elements);
				expect(kinds).toEqual(['add']);
			} else if (!name.startsWith('replacing')) {
				expect(Object.keys(got.elements).sort()).toEqual(Object.keys(want).sort());
			}
			expect(got.unresolved).toBe(false);
			expect(got.workshop).toBe(false);
		});
	}

	it('classifies an added link as link', () => {
		const p = pair();
		const update = capture(p.client, () => void addLink(p.client, { from: p.b, to: p.a }));
		expect(Object.values(summary(p.server, update).elements)).toEqual(['link']);
	});

	it('classifies map settings and workshop writes', () => {
		const p = pair();
		expect(summary(p.server, capture(p.client, () => setMeta(p.client, { title: 'New title' }))).meta).toEqual(['title']);
		expect(summary(p.server, capture(p.client, () => lockMap(p.client, true))).workshop).toBe(true);
	});

	it('ignores what the document already has', () => {
		const p = pair();
		const update = capture(p.client, () => moveComponent(p.client, p.a as ComponentId, { evolution: 0.3, visibility: 0.3 }));
		Y.applyUpdate(p.server, update);
		expect(isEmpty(classifyUpdate(p.server, update))).toBe(true);
		// A full state (what a reconnecting client's sync step 2 may carry) changes nothing either.
		expect(isEmpty(classifyUpdate(p.server, Y.encodeStateAsUpdate(p.client)))).toBe(true);
	});

	it('classifies against a document that only holds updates (untyped roots), before and after they are typed', () => {
		// A document that has only applied updates holds its roots as untyped placeholders; typing
		// one (getMap) replaces it: classification must find elements and parents either way, and
		// classifying must not create roots in the room's document.
		const p = pair();
		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(p.server));
		const roots = server.share.size;
		const move = capture(p.client, () => moveComponent(p.client, p.a as ComponentId, { evolution: 0.7, visibility: 0.2 }));
		expect(summary(server, move).elements).toEqual({ [`components/${p.a}`]: 'move' });
		expect(server.share.size).toBe(roots);
		server.getMap('components');
		const rename = capture(p.client, () => renameComponent(p.client, p.b as ComponentId, 'Beta 2'));
		expect(summary(server, rename).elements).toEqual({ [`components/${p.b}`]: 'edit' });
		expect(summary(server, move).elements).toEqual({ [`components/${p.a}`]: 'move' });
		const removal = capture(p.client, () => deleteLink(p.client, p.link as LinkId));
		expect(summary(server, removal).elements).toEqual({ [`links/${p.link}`]: 'delete' });
		expect(server.share.size).toBe(roots);
	});

	it('flags updates that depend on something the document has not seen', () => {
		const p = pair();
		const first = capture(p.client, () => renameComponent(p.client, p.a as ComponentId, 'x'));
		const second = capture(p.client, () => renameComponent(p.client, p.a as ComponentId, 'y'));
		expect(classifyUpdate(p.server, second).unresolved).toBe(true);
		expect(classifyUpdate(p.server, first).unresolved).toBe(false);
		// A delete of items the server has never seen would wait as a pending delete: refused too.
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(p.client));
		const future = capture(other, () => deleteComponent(other, p.a as ComponentId));
		expect(classifyUpdate(p.server, future).unresolved).toBe(true);
	});
});

describe('participantRefusal', () => {
	it('follows the workshop settings', () => {
		const p = pair();
		const move = classifyUpdate(p.server, capture(p.client, () => moveComponent(p.client, p.a as ComponentId, { evolution: 0.1, visibility: 0.1 })));
		const del = classifyUpdate(p.server, capture(p.client, () => deleteComponent(p.client, p.b as ComponentId)));
		expect(participantRefusal(move, readWorkshop(p.server))).toBeNull();
		lockElements(p.server, [p.a]);
		expect(participantRefusal(move, readWorkshop(p.server))).toBe(REFUSED.locked('Alpha'));
		expect(participantRefusal(del, readWorkshop(p.server))).toBeNull();
		restrictTools(p.server, ['add', 'move']);
		expect(participantRefusal(del, readWorkshop(p.server))).toBe(REFUSED.tool('delete'));
		lockMap(p.server, true);
		expect(participantRefusal(del, readWorkshop(p.server))).toBe(REFUSED.mapLocked);
		const q = pair();
		const ws = classifyUpdate(q.server, capture(q.client, () => lockMap(q.client, false)));
		expect(participantRefusal(ws, readWorkshop(q.server))).toBe(REFUSED.workshop);
	});
});

describe('classifyUpdate is sound', () => {
	// Whatever an update really changes in the server's document must show up in its classification,
	// or a lock could be bypassed. Random command sequences from two clients, checked after each one.
	it('covers every element and setting an update changes', async () => {
		const fc = await import('fast-check');
		const op = fc.oneof(
			fc.record({ t: fc.constant('add'), n: fc.nat(1000) }),
			fc.record({ t: fc.constant('move'), i: fc.nat(), e: fc.double({ min: 0, max: 1, noNaN: true }) }),
			fc.record({ t: fc.constant('rename'), i: fc.nat() }),
			fc.record({ t: fc.constant('delete'), i: fc.nat() }),
			fc.record({ t: fc.constant('link'), i: fc.nat(), j: fc.nat() }),
			fc.record({ t: fc.constant('title'), n: fc.nat(1000) })
		);
		fc.assert(
			fc.property(fc.array(fc.record({ who: fc.nat(1), op }), { minLength: 1, maxLength: 25 }), (steps) => {
				const p = pair();
				const clients = [p.client, new Y.Doc()];
				Y.applyUpdate(clients[1], Y.encodeStateAsUpdate(p.server));
				for (const { who, op } of steps) {
					const doc = clients[who];
					const ids = readSnapshot(doc).components.map((c) => c.id);
					const pick = (i: number) => ids[i % Math.max(1, ids.length)];
					const update = capture(doc, () => {
						if (op.t === 'add') addComponent(doc, { name: `C${op.n}` });
						else if (op.t === 'title') setMeta(doc, { title: `T${op.n}` });
						else if (ids.length === 0) return;
						else if (op.t === 'move') moveComponent(doc, pick(op.i), { evolution: op.e, visibility: 0.5 });
						else if (op.t === 'rename') renameComponent(doc, pick(op.i), `R${op.i}`);
						else if (op.t === 'delete') deleteComponent(doc, pick(op.i));
						else if (op.t === 'link' && pick(op.i) !== pick(op.j)) addLink(doc, { from: pick(op.i), to: pick(op.j) });
					});
					const before = readSnapshot(p.server);
					const c = classifyUpdate(p.server, update);
					Y.applyUpdate(p.server, update);
					const after = readSnapshot(p.server);
					// Deliver to the other client only sometimes, so concurrent edits happen.
					if ((op as { n?: number }).n === undefined || (op as { n: number }).n % 2 === 0) Y.applyUpdate(clients[1 - who], Y.encodeStateAsUpdate(p.server));
					Y.applyUpdate(doc, Y.encodeStateAsUpdate(p.server));
					for (const name of ['components', 'links'] as const) {
						const was = new Map(before[name].map((e) => [e.id as string, JSON.stringify(e)]));
						const now = new Map(after[name].map((e) => [e.id as string, JSON.stringify(e)]));
						for (const id of new Set([...was.keys(), ...now.keys()])) {
							if (was.get(id) === now.get(id)) continue;
							const change = c.elements.get(`${name}/${id}`);
							// A link can vanish from the snapshot because its component went: that component is in the classification.
							if (!change && name === 'links' && !now.has(id)) continue;
							expect(change, `${name}/${id} changed but was not classified`).toBeDefined();
						}
					}
					if (before.title !== after.title) expect(c.meta.has('title')).toBe(true);
				}
			}),
			{ numRuns: 200 }
		);
	});
});
