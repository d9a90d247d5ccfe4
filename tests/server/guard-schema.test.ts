// The update guard refuses items no Y.Map of a map writes, built by hand (tests/helpers/blocks.ts):
// list content (an item at no key), items with a right origin, and many items setting one key with
// no origin (Yjs places each against every other: their cost is their square). What clients do —
// a first write to a key, concurrent first writes by a few clients, a long chain of writes — passes.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComponent, initMap, readSnapshot } from '../../src/lib/map/index.js';
import { MAX_BRANCHES_AT_KEY, MAX_UNORIGINED_AT_KEY, classifyUpdate } from '../../server/collab/guard.js';
import { BlockWriter, composeUpdate } from '../helpers/blocks.js';

function server(): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = 1;
	initMap(doc, { title: 'Schema' });
	addComponent(doc, { name: 'Alpha' });
	return doc;
}

const value = (v: unknown) => ({ kind: 'any', value: v }) as const;

/** `n` clients (ids from `first`) each setting `meta.key` once, with no origin. */
function firstWrites(n: number, key = 'title', first = 1000): Uint8Array {
	return composeUpdate(Array.from({ length: n }, (_, i) => new BlockWriter(first + i, 0).item({ parent: 'meta', key }, value(`t${i}`)).bytes()));
}

describe('classifyUpdate refuses what no map writes', () => {
	it('passes a client’s first write to a key, concurrent first writes, and a long chain of writes', () => {
		const doc = server();
		expect(classifyUpdate(doc, firstWrites(1)).outsideSchema).toBe(false);
		expect(classifyUpdate(doc, firstWrites(MAX_UNORIGINED_AT_KEY)).outsideSchema).toBe(false);
		const chain = new BlockWriter(7, 0).item({ parent: 'meta', key: 'title' }, value(0));
		for (let i = 1; i < 5000; i++) chain.item({ origin: [7, i - 1] }, value(i));
		const c = classifyUpdate(doc, composeUpdate([chain.bytes()]));
		expect(c.outsideSchema).toBe(false);
		expect([...c.meta]).toEqual(['title']);
	});

	it('refuses many items setting one key with no origin, from one client or many', () => {
		const doc = server();
		expect(classifyUpdate(doc, firstWrites(MAX_UNORIGINED_AT_KEY + 1)).outsideSchema).toBe(true);
		const one = new BlockWriter(5, 0);
		for (let i = 0; i < 10_000; i++) one.item({ parent: 'meta', key: 'title' }, value(i));
		expect(classifyUpdate(doc, composeUpdate([one.bytes()])).outsideSchema).toBe(true);
		// In an element's map, too.
		const id = readSnapshot(doc).components[0].id;
		const element = doc.getMap('components').get(id) as Y.Map<unknown>;
		const parent = [element._item!.id.client, element._item!.id.clock] as const;
		const fields = composeUpdate(Array.from({ length: 100 }, (_, i) => new BlockWriter(2000 + i, 0).item({ parent, key: 'name' }, value('x')).bytes()));
		expect(classifyUpdate(doc, fields).outsideSchema).toBe(true);
		// Many keys with one first write each are fine.
		const keys = new BlockWriter(6, 0);
		for (let i = 0; i < 1000; i++) keys.item({ parent: 'meta', key: `k${i}` }, value(i));
		expect(classifyUpdate(doc, composeUpdate([keys.bytes()])).outsideSchema).toBe(false);
	});

	it('refuses list content and right origins in a map', () => {
		const doc = server();
		// Written the way a Y.Array writes into the meta map's list (no key).
		const keyless = composeUpdate([new BlockWriter(8, 0).item({ parent: 'meta', key: null }, value(1)).bytes()]);
		expect(Y.decodeUpdate(keyless).structs[0]).toMatchObject({ parentSub: null });
		expect(classifyUpdate(doc, keyless).outsideSchema).toBe(true);

		const titleItem = (doc.getMap('meta') as unknown as { _map: Map<string, Y.Item> })._map.get('title')!;
		const rightOrigin = composeUpdate([new BlockWriter(9, 0).item({ rightOrigin: [titleItem.id.client, titleItem.id.clock] }, value(2)).bytes()]);
		expect(Y.decodeUpdate(rightOrigin).structs[0]).toMatchObject({ rightOrigin: { client: titleItem.id.client } });
		expect(classifyUpdate(doc, rightOrigin).outsideSchema).toBe(true);
	});

	it('refuses many items placed after the same item, or each after an earlier item of one chain', () => {
		const doc = server();
		const title = (doc.getMap('meta') as unknown as { _map: Map<string, Y.Item> })._map.get('title')!;
		const after = [title.id.client, title.id.clock] as const;
		// A few people writing the same key at once, relayed together: fine.
		const few = composeUpdate(Array.from({ length: 8 }, (_, i) => new BlockWriter(3000 + i, 0).item({ origin: after }, value(i)).bytes()));
		expect(classifyUpdate(doc, few).outsideSchema).toBe(false);
		// Thousands after the same item: each would be placed past all the others.
		const same = new BlockWriter(11, 0);
		for (let i = 0; i < 5000; i++) same.item({ origin: after }, value(i));
		expect(classifyUpdate(doc, composeUpdate([same.bytes()])).outsideSchema).toBe(true);
		// A chain, then as many items again, each after a different item of that chain.
		const forked = new BlockWriter(12, 0).item({ origin: after }, value(0));
		for (let i = 1; i < 2000; i++) forked.item({ origin: [12, i - 1] }, value(i));
		for (let i = 0; i < 2000; i++) forked.item({ origin: [12, i] }, value(-i));
		expect(classifyUpdate(doc, composeUpdate([forked.bytes()])).outsideSchema).toBe(true);
		// At the bound exactly: still a map's update.
		const bound = new BlockWriter(13, 0);
		for (let i = 0; i < MAX_BRANCHES_AT_KEY; i++) bound.item({ origin: after }, value(i));
		expect(classifyUpdate(doc, composeUpdate([bound.bytes()])).outsideSchema).toBe(false);
	});

	it('refuses an element of a collection that is not a map', () => {
		const doc = server();
		const plain = composeUpdate([new BlockWriter(14, 0).item({ parent: 'components', key: 'notamap00000' }, value(42)).bytes()]);
		expect(classifyUpdate(doc, plain).outsideSchema).toBe(true);
		const map = composeUpdate([new BlockWriter(15, 0).item({ parent: 'components', key: 'amap00000000' }, { kind: 'map' }).bytes()]);
		expect(classifyUpdate(doc, map).outsideSchema).toBe(false);
	});
});
