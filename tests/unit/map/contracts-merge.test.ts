// Contracts stored one key each: two people editing two contracts of one component at once both
// keep their change, every client lists them in the same order, and maps holding the legacy
// `contracts` list are read as before and moved to keys by the first write.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seeded } from '../../helpers/seeded.js';
import {
	MAX_CONTRACTS,
	addComponent,
	addContract,
	blankContract,
	createUndoManager,
	importContracts,
	initMap,
	readSnapshot,
	removeContract,
	restoreSnapshot,
	updateComponent,
	updateContract,
	type ComponentId,
	type Contract
} from '../../../src/lib/map/index.js';

/** Two documents holding the same map with one component, `contracts` on it as a legacy list when given. */
function twoClients(legacy?: Contract[]) {
	const a = new Y.Doc();
	initMap(a);
	const id = addComponent(a, { name: 'Revenues and benefits' });
	if (legacy) (a.getMap('components').get(id) as Y.Map<unknown>).set('contracts', legacy);
	const b = new Y.Doc();
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	return { a, b, id };
}

/** Send each document what the other has that it lacks (both ways). */
function exchange(a: Y.Doc, b: Y.Doc): void {
	const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
	const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
	Y.applyUpdate(b, toB);
	Y.applyUpdate(a, toA);
}

const contractsOf = (doc: Y.Doc, id: ComponentId) => readSnapshot(doc).components.find((c) => c.id === id)?.contracts ?? [];
const element = (doc: Y.Doc, id: ComponentId) => doc.getMap('components').get(id) as Y.Map<unknown>;
const legacyList = () => [
	{ ...blankContract('k1'), reference: 'RB-1', end: '2027-03-31' },
	{ ...blankContract('k2'), reference: 'RB-2' },
	{ ...blankContract('k3'), reference: 'RB-3' }
];

describe('concurrent contract edits', () => {
	it('keeps both people’s edits to two contracts of one component, and a contract added meanwhile', () => {
		const { a, b, id } = twoClients();
		const one = addContract(a, id, { reference: 'RB-1' });
		const two = addContract(a, id, { reference: 'RB-2' });
		exchange(a, b);
		updateContract(a, id, one, { end: '2028-03-31' });
		updateContract(b, id, two, { route: 'G-Cloud 14' });
		const three = addContract(b, id, { reference: 'RB-3' });
		exchange(a, b);
		for (const doc of [a, b]) {
			const contracts = contractsOf(doc, id);
			expect(contracts.map((c) => c.id)).toEqual([one, two, three]);
			expect(contracts[0]).toMatchObject({ reference: 'RB-1', end: '2028-03-31' });
			expect(contracts[1]).toMatchObject({ reference: 'RB-2', route: 'G-Cloud 14' });
			expect(contracts[2]).toMatchObject({ reference: 'RB-3' });
		}
	});

	it('lists contracts added at once by two people in the same order on both', () => {
		const { a, b, id } = twoClients();
		addContract(a, id, { reference: 'A' });
		addContract(b, id, { reference: 'B' });
		exchange(a, b);
		const order = contractsOf(a, id).map((c) => c.reference);
		expect(order.sort()).toEqual(['A', 'B']);
		expect(contractsOf(b, id)).toEqual(contractsOf(a, id));
		// A contract added after both goes last on both.
		addContract(b, id, { reference: 'C' });
		exchange(a, b);
		expect(contractsOf(a, id).map((c) => c.reference)[2]).toBe('C');
		expect(contractsOf(b, id)).toEqual(contractsOf(a, id));
	});

	it('keeps one person’s edit of a contract while another removes a different one', () => {
		const { a, b, id } = twoClients();
		const one = addContract(a, id, { reference: 'RB-1' });
		const two = addContract(a, id, { reference: 'RB-2' });
		exchange(a, b);
		removeContract(a, id, one);
		updateContract(b, id, two, { noticeMonths: 6 });
		exchange(a, b);
		for (const doc of [a, b]) expect(contractsOf(doc, id)).toEqual([expect.objectContaining({ id: two, noticeMonths: 6 })]);
	});

	it('keeps a whole-list write (restore, import) from undoing another person’s edit of a contract it leaves alone', () => {
		const { a, b, id } = twoClients();
		const one = addContract(a, id, { reference: 'RB-1' });
		const two = addContract(a, id, { reference: 'RB-2' });
		exchange(a, b);
		const [c1, c2] = contractsOf(a, id);
		updateComponent(a, id, { contracts: [{ ...c1, end: '2029-01-31' }, c2] });
		updateContract(b, id, two, { route: 'Framework' });
		exchange(a, b);
		for (const doc of [a, b]) {
			expect(contractsOf(doc, id).map((c) => [c.id, c.end, c.route])).toEqual([
				[one, '2029-01-31', ''],
				[two, '', 'Framework']
			]);
		}
	});

	it.each([1, 2, 3, 4, 5, 6, 7, 8])('converges with three people adding, editing and removing contracts in random order (seed %i)', (seed) => {
		const random = seeded(seed);
		const { a, b, id } = twoClients();
		const c = new Y.Doc();
		Y.applyUpdate(c, Y.encodeStateAsUpdate(a));
		const docs = [a, b, c];
		const queue: [Y.Doc, Uint8Array][] = [];
		docs.forEach((doc) =>
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin !== 'remote') for (const other of docs) if (other !== doc) queue.push([other, update]);
			})
		);
		const added = new Set<string>();
		const removed = new Set<string>();
		// The last edit each person made to each contract, to find in the merged list unless someone else edited it too.
		const edits = new Map<string, { by: Y.Doc; route: string }[]>();
		for (let step = 0; step < 120; step++) {
			if (queue.length > 0 && random() < 0.5) {
				const [to, update] = queue.splice(Math.floor(random() * queue.length), 1)[0];
				Y.applyUpdate(to, update, 'remote');
				continue;
			}
			const doc = docs[Math.floor(random() * docs.length)];
			const mine = contractsOf(doc, id);
			const r = random();
			if (r < 0.3 && mine.length < MAX_CONTRACTS - docs.length) added.add(addContract(doc, id, { reference: `R${step}` }));
			else if (r < 0.9 && mine.length > 0) {
				const k = mine[Math.floor(random() * mine.length)];
				updateContract(doc, id, k.id, { route: `step ${step}` });
				edits.set(k.id, [...(edits.get(k.id) ?? []), { by: doc, route: `step ${step}` }]);
			} else if (mine.length > 0) {
				const k = mine[Math.floor(random() * mine.length)];
				removeContract(doc, id, k.id);
				removed.add(k.id);
			}
		}
		while (queue.length > 0) {
			const [to, update] = queue.shift()!;
			Y.applyUpdate(to, update, 'remote');
		}
		const merged = contractsOf(a, id);
		expect(contractsOf(b, id)).toEqual(merged);
		expect(contractsOf(c, id)).toEqual(merged);
		// No add is lost unless the contract was removed.
		for (const k of added) if (!removed.has(k)) expect(merged.map((m) => m.id)).toContain(k);
		// A contract edited by only one person keeps that person's last edit.
		for (const [k, list] of edits) {
			const contract = merged.find((m) => m.id === k);
			if (contract && list.every((e) => e.by === list[0].by)) expect(contract.route).toBe(list[list.length - 1].route);
		}
	});
});

describe('maps with the legacy contracts list', () => {
	it('reads the list as before', () => {
		const { a, id } = twoClients(legacyList());
		expect(contractsOf(a, id).map((c) => c.reference)).toEqual(['RB-1', 'RB-2', 'RB-3']);
	});

	it.each([
		['adding', (doc: Y.Doc, id: ComponentId) => void addContract(doc, id, { reference: 'RB-4' }), ['RB-1', 'RB-2', 'RB-3', 'RB-4']],
		['updating', (doc: Y.Doc, id: ComponentId) => updateContract(doc, id, 'k2', { reference: 'RB-2b' }), ['RB-1', 'RB-2b', 'RB-3']],
		['removing', (doc: Y.Doc, id: ComponentId) => removeContract(doc, id, 'k1'), ['RB-2', 'RB-3']],
		['rewriting the list', (doc: Y.Doc, id: ComponentId) => updateComponent(doc, id, { contracts: legacyList().slice(0, 2) }), ['RB-1', 'RB-2']],
		['importing', (doc: Y.Doc, id: ComponentId) => void importContracts(doc, [{ target: { componentId: id }, contract: { reference: 'RB-3', route: 'Direct award' } }]), ['RB-1', 'RB-2', 'RB-3']]
	])('moves the list to one key per contract on %s, in the same order', (_, command, references) => {
		const { a, id } = twoClients(legacyList());
		command(a, id);
		const m = element(a, id);
		expect(m.has('contracts')).toBe(false);
		const contracts = contractsOf(a, id);
		expect(contracts.map((c) => c.reference)).toEqual(references);
		expect([...m.keys()].filter((k) => k.startsWith('contract:')).sort()).toEqual(contracts.map((c) => `contract:${c.id}`).sort());
		expect(contracts[0].end).toBe(references[0] === 'RB-1' ? '2027-03-31' : '');
	});

	it('reads both shapes together: a keyed contract wins over the list’s one with its id, and comes first', () => {
		const { a, id } = twoClients(legacyList());
		const m = element(a, id);
		m.set('contract:k2', { ord: 1, ...blankContract('k2'), reference: 'RB-2 keyed' });
		m.set('contract:k9', { ord: 2, ...blankContract('k9'), reference: 'RB-9' });
		expect(contractsOf(a, id).map((c) => c.reference)).toEqual(['RB-2 keyed', 'RB-9', 'RB-1', 'RB-3']);
		// The first write keeps that order.
		updateContract(a, id, 'k3', { route: 'Framework' });
		expect(m.has('contracts')).toBe(false);
		expect(contractsOf(a, id).map((c) => c.reference)).toEqual(['RB-2 keyed', 'RB-9', 'RB-1', 'RB-3']);
	});

	it('keeps a contract an old client adds to the list after another person moved it to keys', () => {
		const { a, b, id } = twoClients(legacyList());
		updateContract(a, id, 'k1', { route: 'Framework' });
		// An old client still writes the list whole, with a contract of its own.
		element(b, id).set('contracts', [...legacyList(), { ...blankContract('k4'), reference: 'RB-4' }]);
		exchange(a, b);
		for (const doc of [a, b]) {
			expect(contractsOf(doc, id).map((c) => [c.reference, c.route])).toEqual([
				['RB-1', 'Framework'],
				['RB-2', ''],
				['RB-3', ''],
				['RB-4', '']
			]);
		}
		// The next write moves that one to keys too.
		removeContract(a, id, 'k2');
		expect(element(a, id).has('contracts')).toBe(false);
		expect(contractsOf(a, id).map((c) => c.reference)).toEqual(['RB-1', 'RB-3', 'RB-4']);
	});
});

describe('limits and undo over keys', () => {
	it(`refuses a ${MAX_CONTRACTS + 1}st contract, counting the legacy list and the keys together`, () => {
		const { a, id } = twoClients(legacyList());
		for (let i = 3; i < MAX_CONTRACTS; i++) addContract(a, id, { reference: `C${i}` });
		expect(contractsOf(a, id)).toHaveLength(MAX_CONTRACTS);
		const before = Y.encodeStateAsUpdate(a);
		expect(() => addContract(a, id)).toThrow(`a component has at most ${MAX_CONTRACTS} contracts`);
		expect(() => updateComponent(a, id, { contracts: [...contractsOf(a, id), blankContract('extra')] })).toThrow(`at most ${MAX_CONTRACTS}`);
		expect(Y.encodeStateAsUpdate(a)).toEqual(before);
		// An edit is checked on its own contract, named by its place.
		expect(() => updateContract(a, id, 'k3', { end: '31/03/2027' })).toThrow('contract 3: end date “31/03/2027” is not a real date');
		expect(Y.encodeStateAsUpdate(a)).toEqual(before);
	});

	it('shows at most MAX_CONTRACTS when keys and a list together hold more', () => {
		const { a, id } = twoClients(legacyList());
		const m = element(a, id);
		for (let i = 0; i < MAX_CONTRACTS; i++) m.set(`contract:c${i}`, { ord: i + 1, ...blankContract(`c${i}`) });
		expect(contractsOf(a, id)).toHaveLength(MAX_CONTRACTS);
	});

	it('undoes an update back to the old contract, and the migration with it', () => {
		const { a, id } = twoClients(legacyList());
		const me = {};
		const undo = createUndoManager(a, me);
		updateContract(a, id, 'k2', { reference: 'Changed', noticeMonths: 3 }, me);
		expect(contractsOf(a, id)[1]).toMatchObject({ reference: 'Changed', noticeMonths: 3 });
		undo.undo();
		expect(contractsOf(a, id)).toEqual(legacyList());
		const more = addContract(a, id, { reference: 'RB-4' }, me);
		undo.stopCapturing();
		updateContract(a, id, more, { reference: 'RB-4b' }, me);
		undo.undo();
		expect(contractsOf(a, id).map((c) => c.reference)).toEqual(['RB-1', 'RB-2', 'RB-3', 'RB-4']);
	});

	it('restores a snapshot’s contracts, order included', () => {
		const { a, id } = twoClients();
		addContract(a, id, { reference: 'RB-1' });
		addContract(a, id, { reference: 'RB-2' });
		const saved = readSnapshot(a);
		const [first, second] = contractsOf(a, id);
		removeContract(a, id, first.id);
		updateContract(a, id, second.id, { reference: 'Changed' });
		addContract(a, id, { reference: 'RB-3' });
		restoreSnapshot(a, saved, {});
		expect(contractsOf(a, id)).toEqual([first, second]);
		expect([...element(a, id).keys()].filter((k) => k.startsWith('contract:'))).toHaveLength(2);
	});
});
