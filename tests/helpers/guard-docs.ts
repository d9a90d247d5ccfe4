// The server's copy and a client's copy of a one-component map, for update-guard tests: a test
// edits the client and hands the guard the update that edit makes.
import * as Y from 'yjs';
import { addComponent, initMap, type ComponentId } from '../../src/lib/map/index.js';

export function serverAndClient(title: string): { server: Y.Doc; client: Y.Doc; id: ComponentId } {
	const server = new Y.Doc();
	initMap(server, { title });
	const id = addComponent(server, { name: 'Revenues' });
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	return { server, client, id };
}

/** What `edit` does to the client's copy, as the update it would send. */
export function updateOf(client: Y.Doc, edit: () => void): Uint8Array {
	const before = Y.encodeStateVector(client);
	edit();
	return Y.encodeStateAsUpdate(client, before);
}
