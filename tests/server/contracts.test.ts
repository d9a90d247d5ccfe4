// Contracts on a component over the real server and real websockets: a contract edit is stored
// and relayed; a malformed one (a bad date, a map inside the field, nesting past the bounds) is
// refused, never stored, and the room carries on.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComponent, addContract, blankContract, readSnapshot, updateContract, type ComponentId } from '../../src/lib/map/index.js';
import { REFUSED } from '../../server/collab/guard.js';
import { startCollab, until } from '../helpers/collab.js';
import { capture, rawClient, type RawClient } from '../helpers/raw.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
	for (const thing of open.splice(0).reverse()) await thing.close();
});

async function setup() {
	const s = await startCollab();
	open.push(s);
	const { id, keys } = await s.app.createMap({ title: 'Contracts' });
	const raw = async (key: string): Promise<RawClient> => {
		const c = await rawClient(s.url, id, key);
		open.push(c);
		return c;
	};
	const a = await raw(keys.facilitator);
	const b = await raw(keys.participant);
	let component = '' as ComponentId;
	a.sendUpdate(capture(a.doc, () => void (component = addComponent(a.doc, { name: 'Revenues and benefits' }))));
	await until(() => readSnapshot(b.doc).components.length === 1, 5000, 'the component at the second client');
	return { s, id, keys, a, b, raw, component };
}

describe('contracts over the collaboration server', () => {
	it('stores and relays a contract added and edited by a participant', async () => {
		const { s, id, a, b, component } = await setup();
		let contract = '';
		b.sendUpdate(capture(b.doc, () => void (contract = addContract(b.doc, component, { reference: 'RB-2021-04', end: '2027-03-31', noticeMonths: 6, annualCost: { exact: 182000, band: '' }, sharedWith: ['Northmoor <script>'] }))));
		await until(() => readSnapshot(a.doc).components[0].contracts?.length === 1, 5000, 'the contract at the first client');
		b.sendUpdate(capture(b.doc, () => updateContract(b.doc, component, contract, { route: 'G-Cloud 14' })));
		await until(() => readSnapshot(a.doc).components[0].contracts?.[0].route === 'G-Cloud 14', 5000, 'the edit at the first client');
		expect(b.denied).toEqual([]);
		const room = (await s.app.rooms.peek(id))!;
		expect(readSnapshot(room.doc).components[0].contracts![0]).toMatchObject({ reference: 'RB-2021-04', end: '2027-03-31', route: 'G-Cloud 14', sharedWith: ['Northmoor <script>'] });
	});

	it('refuses a malformed contract and stores none of it', async () => {
		const { s, id, keys, raw, component } = await setup();
		const good = { ...blankContract('c1'), end: '2027-03-31' };
		const deep = (n: number): unknown => (n === 0 ? 'x' : [deep(n - 1)]);
		const malformed: [string, (m: Y.Map<unknown>) => void][] = [
			['a date that is no date', (m) => m.set('contracts', [{ ...good, end: '2027-02-30' }])],
			['an end before the start', (m) => m.set('contracts', [{ ...good, start: '2028-01-01' }])],
			['an unknown field', (m) => m.set('contracts', [{ ...good, password: 'x' }])],
			['a list that is not one', (m) => m.set('contracts', good)],
			['too many contracts', (m) => m.set('contracts', Array.from({ length: 21 }, (_, i) => ({ ...good, id: `c${i}` })))],
			['a map inside the field', (m) => m.set('contracts', new Y.Map())],
			['nesting past the bounds', (m) => m.set('contracts', [{ ...good, sharedWith: [deep(12)] }])]
		];
		for (const [what, write] of malformed) {
			// Each from its own connection: a connection hears the same reason at most once a second.
			const c = await raw(keys.participant);
			c.sendUpdate(capture(c.doc, () => write(c.doc.getMap('components').get(component) as Y.Map<unknown>)));
			await until(() => c.denied.length > 0, 5000, `refusal of ${what}`);
			expect(c.denied[0], what).toBe(REFUSED.notMap);
		}
		const room = (await s.app.rooms.peek(id))!;
		expect((room.doc.getMap('components').get(component) as Y.Map<unknown>).has('contracts')).toBe(false);
		// The room carries on: a good contract from a fresh connection is stored.
		const c = await raw(keys.participant);
		c.sendUpdate(capture(c.doc, () => void addContract(c.doc, component, { end: '2029-03-31' })));
		await until(() => readSnapshot(room.doc).components[0].contracts?.[0]?.end === '2029-03-31', 5000, 'the good contract');
	});
});
