// Concurrent edits in 2–5 in-memory peers, exchanged in seeded random order, converge to the same
// document and the same snapshot (many seeds).
import { describe, expect, it } from 'vitest';
import { seeded as rng } from '../../helpers/seeded.js';
import * as Y from 'yjs';
import fc from 'fast-check';
import {
	addComponent,
	addLink,
	addNote,
	deleteComponent,
	initMap,
	moveComponent,
	readSnapshot,
	renameComponent,
	updateComponent,
	type ComponentId
} from '../../../src/lib/map/index.js';


function simulate(seed: number, peers: number, steps: number) {
	const random = rng(seed);
	const docs = Array.from({ length: peers }, () => new Y.Doc());
	initMap(docs[0], { title: 'Shared' });
	const base = Y.encodeStateAsUpdate(docs[0]);
	docs.slice(1).forEach((d) => Y.applyUpdate(d, base));
	// In-flight messages: [to, update]; delivered in random order.
	const queue: [number, Uint8Array][] = [];
	docs.forEach((doc, i) =>
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === 'remote') return;
			for (let j = 0; j < peers; j++) if (j !== i) queue.push([j, update]);
		})
	);
	const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(random() * xs.length)] : undefined);
	for (let step = 0; step < steps; step++) {
		if (queue.length && random() < 0.4) {
			const [to, update] = queue.splice(Math.floor(random() * queue.length), 1)[0];
			Y.applyUpdate(docs[to], update, 'remote');
			continue;
		}
		const doc = docs[Math.floor(random() * peers)];
		const ids = readSnapshot(doc).components.map((c) => c.id);
		const id = pick(ids) as ComponentId | undefined;
		const r = random();
		if (r < 0.3 || !id) addComponent(doc, { name: `C${step}`, evolution: random(), visibility: random() });
		else if (r < 0.5) moveComponent(doc, id, { evolution: random(), visibility: random() });
		else if (r < 0.6) renameComponent(doc, id, `R${step}`);
		else if (r < 0.7) updateComponent(doc, id, { supplier: `S${step}`, decorators: { buy: random() < 0.5 } });
		else if (r < 0.8) {
			const other = pick(ids) as ComponentId;
			if (other !== id) addLink(doc, { from: id, to: other });
		} else if (r < 0.88) deleteComponent(doc, id);
		else addNote(doc, { text: `N${step}`, evolution: random(), visibility: random() });
	}
	while (queue.length) {
		const [to, update] = queue.splice(Math.floor(random() * queue.length), 1)[0];
		Y.applyUpdate(docs[to], update, 'remote');
	}
	return docs;
}

describe('convergence of concurrent edits', () => {
	it('converges for many seeds and peer counts', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 5 }), (seed, peers) => {
				const docs = simulate(seed, peers, 120);
				const snapshots = docs.map((d) => JSON.stringify(readSnapshot(d)));
				const states = docs.map((d) => Buffer.from(Y.encodeStateVector(d)).toString('hex'));
				for (let i = 1; i < docs.length; i++) {
					expect(states[i]).toBe(states[0]);
					expect(snapshots[i]).toBe(snapshots[0]);
				}
				// Every link in the converged map joins components that exist.
				const s = readSnapshot(docs[0]);
				const ids = new Set(s.components.map((c) => c.id as string));
				for (const l of s.links) expect(ids.has(l.from) && ids.has(l.to)).toBe(true);
			}),
			{ numRuns: 60, seed: 20261124 }
		);
	});

	it('keeps both a concurrent drag and a rename of one component', () => {
		const [a, b] = [new Y.Doc(), new Y.Doc()];
		initMap(a);
		const id = addComponent(a, { name: 'CRM' });
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		moveComponent(a, id, { evolution: 0.8, visibility: 0.2 });
		renameComponent(b, id, 'Customer CRM');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		for (const doc of [a, b]) {
			expect(readSnapshot(doc).components[0]).toMatchObject({ name: 'Customer CRM', evolution: 0.8, visibility: 0.2 });
		}
	});
});
