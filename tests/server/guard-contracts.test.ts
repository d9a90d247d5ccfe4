// The update guard and contracts stored one key each (`contract:<id>` → `{ ord, ...contract }`):
// a client's write of a valid stored contract under its own id is an edit of the component;
// anything else at such a key, or a component past MAX_CONTRACTS keys, is refused. The legacy
// `contracts` list is still accepted when valid (maps and clients from before).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_CONTRACTS, addContract, blankContract, readSnapshot, removeContract, updateContract, type ComponentId } from '../../src/lib/map/index.js';
import { classifyUpdate } from '../../server/collab/guard.js';
import { serverAndClient, updateOf } from '../helpers/guard-docs.js';

const pair = () => serverAndClient('Contracts');

const element = (doc: Y.Doc, id: ComponentId) => doc.getMap('components').get(id) as Y.Map<unknown>;
const good = { ord: 1, ...blankContract('c1'), end: '2027-03-31' };

describe('the update guard and contracts stored one key each', () => {
	it('takes adding, editing and removing a contract as edits of its component', () => {
		const { server, client, id } = pair();
		let contract = '';
		const add = updateOf(client, () => void (contract = addContract(client, id, { reference: 'RB-1', end: '2027-03-31' })));
		const c = classifyUpdate(server, add);
		expect(c.outsideSchema).toBe(false);
		const change = c.elements.get(`components/${id}`)!;
		expect([...change.kinds, ...change.fields]).toEqual(['edit', `contract:${contract}`]);
		Y.applyUpdate(server, add);
		for (const edit of [() => updateContract(client, id, contract, { route: 'G-Cloud 14' }), () => removeContract(client, id, contract)]) {
			const update = updateOf(client, edit);
			expect(classifyUpdate(server, update).outsideSchema).toBe(false);
			Y.applyUpdate(server, update);
		}
		expect(readSnapshot(server).components[0].contracts).toBeUndefined();
	});

	it.each<[string, string, unknown]>([
		['a date that is no date', 'contract:c1', { ...good, end: '2027-02-30' }],
		['an end before the start', 'contract:c1', { ...good, start: '2028-01-01' }],
		['an id other than the key’s', 'contract:c2', good],
		['an unknown field', 'contract:c1', { ...good, password: 'x' }],
		['no ord', 'contract:c1', blankContract('c1')],
		['an ord that is not a whole number', 'contract:c1', { ...good, ord: 1.5 }],
		['a list of contracts', 'contract:c1', [good]],
		['text', 'contract:c1', 'c1'],
		['a map', 'contract:c1', new Y.Map()]
	])('refuses %s at a contract’s key', (_, key, value) => {
		const { server, client, id } = pair();
		const update = updateOf(client, () => element(client, id).set(key, value));
		expect(classifyUpdate(server, update).outsideSchema).toBe(true);
	});

	it('keeps accepting a valid legacy list, and refusing an invalid one', () => {
		const { ord: _, ...legacy } = good;
		for (const [list, refused] of [[[legacy], false], [[{ ...legacy, end: 'soon' }], true]] as const) {
			const { server, client, id } = pair();
			expect(classifyUpdate(server, updateOf(client, () => element(client, id).set('contracts', list))).outsideSchema).toBe(refused);
		}
	});

	it(`refuses an update that leaves a component more than ${MAX_CONTRACTS} contract keys`, () => {
		const { server, client, id } = pair();
		const full = updateOf(client, () => {
			for (let i = 0; i < MAX_CONTRACTS; i++) addContract(client, id, { reference: `C${i}` });
		});
		expect(classifyUpdate(server, full).outsideSchema).toBe(false);
		Y.applyUpdate(server, full);
		const one = { ord: MAX_CONTRACTS + 1, ...blankContract('extra') };
		expect(classifyUpdate(server, updateOf(client, () => element(client, id).set('contract:extra', one))).outsideSchema).toBe(true);
		// Removing one and adding another in the same update stays within the limit.
		const [first] = readSnapshot(client).components[0].contracts!;
		const swap = updateOf(client, () => {
			removeContract(client, id, first.id);
			element(client, id).set('contract:other', { ...one, id: 'other' });
		});
		expect(classifyUpdate(server, swap).outsideSchema).toBe(false);
	});
});
