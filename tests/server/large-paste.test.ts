// A large map written in one local transaction (a paste into the text view, an import applied in
// the page, the bench's loadSnapshot) over a real websocket: within the map limits, it must reach
// the server and be stored, not be refused by the per-update shape bounds.
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addComponent, addLink, initMap, loadSnapshot, readSnapshot, type ComponentId } from '../../src/lib/map/index.js';
import { joinMap, type LiveMap } from '../../src/lib/collab/live.js';
import { startCollab, until, type TestServer } from '../helpers/collab.js';
import { seeded } from '../helpers/seeded.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
	for (const thing of open.splice(0).reverse()) await thing.close();
});

function bigMap(components: number, links: number): Y.Doc {
	const random = seeded(42);
	const doc = new Y.Doc();
	initMap(doc, { title: `${components} components` });
	const ids: ComponentId[] = [];
	for (let i = 0; i < components; i++) ids.push(addComponent(doc, { name: `Component ${i}`, evolution: random(), visibility: random() }));
	for (let n = 0; n < links; ) {
		const a = ids[Math.floor(random() * ids.length)];
		const b = ids[Math.floor(random() * ids.length)];
		if (a !== b) {
			addLink(doc, { from: a, to: b });
			n++;
		}
	}
	return doc;
}

async function storedComponents(s: TestServer, id: string): Promise<number> {
	await (await s.app.rooms.peek(id))!.whenStored();
	const doc = new Y.Doc();
	for (const u of (await s.app.store.loadDoc(id)).updates) Y.applyUpdate(doc, u);
	return readSnapshot(doc).components.length;
}

it('stores a 1,000-component, 1,500-link map loaded in one transaction', async () => {
	const s = await startCollab();
	open.push(s);
	const { id, keys } = await s.app.createMap({ title: 'Paste' });
	const denied: string[] = [];
	const dropped: string[] = [];
	const live: LiveMap = joinMap({
		id,
		key: keys.participant,
		name: 'Ana',
		url: s.url,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		onDenied: (reason) => denied.push(reason),
		onDropped: (code, message) => dropped.push(`${code} ${message}`)
	});
	open.push({ close: () => live.destroy() });
	await until(() => live.sync.state().saved, 3000, 'first sync');
	loadSnapshot(live.doc, readSnapshot(bigMap(1000, 1500)));
	await until(() => live.sync.state().saved, 10_000, 'the map saved');
	expect(denied).toEqual([]);
	expect(dropped).toEqual([]);
	expect(await storedComponents(s, id)).toBe(1000);
	expect(readSnapshot(live.doc).components).toHaveLength(1000);
});
