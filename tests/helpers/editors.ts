// Seeded random editors for the fault tests: each edits one map through the model's named
// commands every 15–60 ms and remembers what it added and deleted, so a run can check every
// component added is there exactly once unless someone deleted it.
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import {
	addComponent,
	addLink,
	addNote,
	deleteComponent,
	deleteLink,
	moveComponent,
	readSnapshot,
	renameComponent,
	updateComponent,
	type ComponentId,
	type MapSnapshot
} from '../../src/lib/map/index.js';
import type { FaultProxy } from './fault-proxy.js';

export interface Editor {
	provider: WebsocketProvider;
	proxy: FaultProxy;
	/** Components this client added, and components it deleted (anyone's). */
	added: Set<ComponentId>;
	deleted: Set<ComponentId>;
	stop(): void;
}

/** Random edits through the named commands every 15–60 ms: add, move, rename, link, unlink, delete. */
export function startEditor(provider: WebsocketProvider, proxy: FaultProxy, who: number, random: () => number): Editor {
	const added = new Set<ComponentId>();
	const deleted = new Set<ComponentId>();
	const doc = provider.doc;
	let n = 0;
	let timer: ReturnType<typeof setTimeout> | null = null;
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
	const step = () => {
		const map = readSnapshot(doc);
		const ids = map.components.map((c) => c.id);
		const r = random();
		const name = `${who}-${n++}`;
		if (ids.length < 3 || (r < 0.25 && ids.length < 40)) {
			added.add(addComponent(doc, { name: `c${name}`, evolution: random(), visibility: random() }));
		} else if (r < 0.5) {
			moveComponent(doc, pick(ids), { evolution: random(), visibility: random() });
		} else if (r < 0.62) {
			renameComponent(doc, pick(ids), `r${name}`);
		} else if (r < 0.67) {
			updateComponent(doc, pick(ids), { supplier: `s${name}`, decorators: { buy: random() < 0.5 } });
		} else if (r < 0.8) {
			const [from, to] = [pick(ids), pick(ids)];
			if (from !== to) addLink(doc, { from, to });
		} else if (r < 0.87 && map.links.length > 0) {
			deleteLink(doc, pick(map.links).id);
		} else if (r < 0.95) {
			const id = pick(ids);
			deleteComponent(doc, id);
			deleted.add(id);
		} else {
			addNote(doc, { text: `n${name}`, evolution: random(), visibility: random() });
		}
		timer = setTimeout(step, 15 + random() * 45);
	};
	step();
	return { provider, proxy, added, deleted, stop: () => timer && clearTimeout(timer) };
}

/** The snapshot of a document as its encoded state reads back (what a new client would see). */
export function encodedSnapshot(doc: Y.Doc): MapSnapshot {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return readSnapshot(copy);
}

