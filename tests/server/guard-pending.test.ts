// The update guard against Yjs itself (fast-check, seed 20250719, 300 runs; no server): clients
// edit a map with the model's commands, a "server" document holds a prefix of their updates, and
// updates are rebuilt from the real ones' client blocks — split, duplicated, dropped, reordered,
// started behind the server's clock, cut delete sets, several clients combined. Whatever the guard
// accepts, Yjs integrates whole (nothing pending); for one block per client, the guard refuses as
// out of step exactly when Yjs would keep something pending.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import {
	addComponent,
	addLink,
	addNote,
	deleteComponent,
	initMap,
	lockElements,
	moveComponent,
	readSnapshot,
	readWorkshop,
	renameComponent,
	setMeta,
	updateNote,
	type ComponentId
} from '../../src/lib/map/index.js';
import { classifyUpdate, participantRefusal, REFUSED, type Classification } from '../../server/collab/guard.js';
import { blocksOf, composeUpdate, deletedOf, encodeDeleteSet, type DeletedRange } from '../helpers/blocks.js';
import { capture } from '../helpers/raw.js';
import { seeded } from '../helpers/seeded.js';

const SEED = 20250719;
const RUNS = 300;

/** The map every client and the server start from (client 1). */
function genesis(): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = 1;
	initMap(doc, { title: 'Pending' });
	const a = addComponent(doc, { name: 'Alpha' });
	const b = addComponent(doc, { name: 'Beta' });
	addLink(doc, { from: a, to: b });
	addNote(doc, { text: 'First note', evolution: 0.2, visibility: 0.8 });
	return Y.encodeStateAsUpdate(doc);
}
const GENESIS = genesis();

type Command = 'add' | 'move' | 'rename' | 'delete' | 'link' | 'note' | 'editNote' | 'lock' | 'title';
const COMMANDS: readonly Command[] = ['add', 'move', 'rename', 'delete', 'link', 'note', 'editNote', 'lock', 'title'];

interface Step {
	client: number;
	/** Apply every update logged so far before editing (else the edit is concurrent with them). */
	catchUp: boolean;
	command: Command;
	pick: number;
	value: number;
}

/** One transaction's update, by the client that made it. */
interface Logged {
	client: number;
	update: Uint8Array;
}

/** Run `command` on `doc`; false when the model refused it (nothing to pick, a link to itself). */
function run(doc: Y.Doc, { command, pick, value }: Step): boolean {
	const snap = readSnapshot(doc);
	const component = snap.components.length ? (snap.components[pick % snap.components.length].id as ComponentId) : null;
	const other = snap.components.length ? (snap.components[(pick + 1 + value) % snap.components.length].id as ComponentId) : null;
	const note = snap.notes.length ? snap.notes[pick % snap.notes.length].id : null;
	const at = { evolution: (value % 97) / 97, visibility: (pick % 89) / 89 };
	switch (command) {
		case 'add':
			addComponent(doc, { name: `C${value}`, ...at });
			return true;
		case 'move':
			if (component) moveComponent(doc, component, at);
			return component !== null;
		case 'rename':
			if (component) renameComponent(doc, component, `Renamed ${value}`);
			return component !== null;
		case 'delete':
			if (component) deleteComponent(doc, component);
			return component !== null;
		case 'link':
			if (!component || !other || component === other) return false;
			addLink(doc, { from: component, to: other });
			return true;
		case 'note':
			addNote(doc, { text: `Note ${value}`, ...at });
			return true;
		case 'editNote':
			if (note) updateNote(doc, note, { text: `Edited ${value}` });
			return note !== null;
		case 'lock':
			if (component) lockElements(doc, [component]);
			return component !== null;
		case 'title':
			setMeta(doc, { title: `Title ${value}` });
			return true;
	}
}

/** Clients editing in turn; every edit is one transaction, logged in an order Yjs can apply. */
function simulate(clientIds: readonly number[], steps: readonly Step[]): Logged[] {
	const docs = clientIds.map((id) => {
		const doc = new Y.Doc();
		doc.clientID = id;
		Y.applyUpdate(doc, GENESIS);
		return { doc, seen: 0 };
	});
	const log: Logged[] = [];
	for (const step of steps) {
		const c = docs[step.client % docs.length];
		if (step.catchUp) {
			for (; c.seen < log.length; c.seen++) Y.applyUpdate(c.doc, log[c.seen].update);
		}
		let ran = false;
		const update = capture(c.doc, () => (ran = run(c.doc, step)));
		if (ran && update.byteLength > 0 && blocksOf(update).length > 0) log.push({ client: c.doc.clientID, update });
	}
	return log;
}

/**
 * How one client's updates are put in the test update: its own updates from `shift` past the
 * last one the server holds (negative: behind the server's clock; positive: a gap), `count` of
 * them (0: its block is dropped), merged into one block.
 */
interface Take {
	shift: number;
	count: number;
	/** Split the merged range into two blocks after this many updates (several blocks for one client). */
	split: number | null;
	duplicate: boolean;
}

interface Plan {
	clientIds: number[];
	steps: Step[];
	/** How much of the log the server holds, as a fraction. */
	held: number;
	takes: Take[];
	/** Order of the blocks: sort keys. */
	order: number[];
	/** Keep each deleted range with this chance (a delete set cut short), drawn from `seed`. */
	keepDeleted: number;
	/** Also delete what these updates of the log deleted (their structs may not be in the update). */
	extraDeletes: number[];
	seed: number;
}

/** One of `choices`, each as often as its weight. */
const weighted = <T>(...choices: [T, number][]) => fc.oneof(...choices.map(([v, weight]) => ({ arbitrary: fc.constant(v), weight })));

const step: fc.Arbitrary<Step> = fc.record({
	client: fc.nat(3),
	catchUp: weighted<boolean>([true, 3], [false, 1]),
	command: fc.constantFrom(...COMMANDS),
	pick: fc.nat(50),
	value: fc.nat(1000)
});

const take: fc.Arbitrary<Take> = fc.record({
	shift: weighted<number>([0, 5], [-1, 3], [-2, 2], [1, 2], [2, 1]),
	count: weighted<number>([0, 2], [1, 4], [2, 3], [3, 2], [4, 1]),
	split: fc.oneof({ arbitrary: fc.constant(null), weight: 12 }, { arbitrary: fc.nat(4), weight: 1 }),
	duplicate: weighted<boolean>([false, 20], [true, 1])
});

const plan: fc.Arbitrary<Plan> = fc.record({
	clientIds: fc.uniqueArray(fc.integer({ min: 2, max: 2 ** 31 }), { minLength: 2, maxLength: 3 }),
	steps: fc.array(step, { minLength: 6, maxLength: 24 }),
	held: fc.nat(100).map((n) => n / 100),
	takes: fc.array(take, { minLength: 4, maxLength: 4 }),
	order: fc.array(fc.nat(100), { minLength: 10, maxLength: 10 }),
	keepDeleted: fc.constantFrom(1, 1, 0.5, 0),
	extraDeletes: fc.array(fc.nat(6), { maxLength: 2 }),
	seed: fc.nat()
});

interface Built {
	server: Y.Doc;
	update: Uint8Array;
	/** Blocks in the update, by client (more than one: not in normal form). */
	perClient: Map<number, number>;
}

/** The server's document (genesis and a prefix of the log) and the update the plan builds. */
function build(p: Plan, log: Logged[]): Built {
	const server = new Y.Doc();
	Y.applyUpdate(server, GENESIS);
	const held = Math.round(p.held * log.length);
	for (const l of log.slice(0, held)) Y.applyUpdate(server, l.update);
	const blocks: { key: number; bytes: Uint8Array }[] = [];
	const perClient = new Map<number, number>();
	const deleted: DeletedRange[] = [];
	const clients = [...new Set(log.map((l) => l.client))];
	clients.forEach((client, i) => {
		const own = log.filter((l) => l.client === client).map((l) => l.update);
		const onServer = log.slice(0, held).filter((l) => l.client === client).length;
		const t = p.takes[i % p.takes.length];
		const from = Math.max(0, onServer + t.shift);
		const to = Math.min(own.length, from + t.count);
		if (from >= to) return;
		const cut = t.split !== null && to - from >= 2 ? from + 1 + (t.split % (to - from - 1)) : null;
		const ranges = cut === null ? [[from, to]] : [[from, cut], [cut, to]];
		for (const [a, b] of ranges) {
			const merged = Y.mergeUpdates(own.slice(a, b));
			for (const block of blocksOf(merged)) {
				const copies = t.duplicate && ranges.length === 1 ? 2 : 1;
				for (let k = 0; k < copies; k++) blocks.push({ key: p.order[blocks.length % p.order.length] * 100 + blocks.length, bytes: block.bytes });
				perClient.set(block.client, (perClient.get(block.client) ?? 0) + copies);
			}
			deleted.push(...deletedOf(merged));
		}
	});
	for (const e of p.extraDeletes) if (log.length) deleted.push(...deletedOf(log[(held + e) % log.length].update));
	const random = seeded(p.seed);
	const kept = deleted.filter(() => random() < p.keepDeleted);
	blocks.sort((a, b) => a.key - b.key);
	return { server, update: composeUpdate(blocks.map((b) => b.bytes), encodeDeleteSet(kept)), perClient };
}

/** What Yjs does with `update` on a copy of `server`: what stays pending, and the state after. */
function applyToCopy(server: Y.Doc, update: Uint8Array) {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
	expect(copy.store.pendingStructs).toBeNull();
	Y.applyUpdate(copy, update);
	return { copy, pending: copy.store.pendingStructs !== null || copy.store.pendingDs !== null };
}

/** Per client, the clock after the update's last struct that is not a skip (what must be integrated). */
function contentEnds(update: Uint8Array): Map<number, number> {
	const ends = new Map<number, number>();
	for (const s of Y.decodeUpdate(update).structs) {
		if (s instanceof Y.Skip) continue;
		ends.set(s.id.client, Math.max(ends.get(s.id.client) ?? 0, s.id.clock + s.length));
	}
	return ends;
}

const accepted = (c: Classification) => !c.unresolved && !c.outsideSchema;

/** The kinds of update a run built, as Yjs sees them against the server's document (normal form only). */
function kindsOf(server: Y.Doc, update: Uint8Array, copy: Y.Doc, ok: boolean): string[] {
	const state = (client: number) => Y.getState(server.store, client);
	const blocks = blocksOf(update);
	const kinds: string[] = [];
	const gap = blocks.some((b) => b.clock > state(b.client));
	if (gap) kinds.push('gap');
	if (blocks.some((b) => b.clock < state(b.client) && b.endClock > state(b.client))) kinds.push(ok ? 'behind the clock, accepted' : 'behind the clock, refused');
	if (!gap && copy.store.pendingStructs) kinds.push('missing dependency');
	if (copy.store.pendingDs) kinds.push('delete past the state');
	if (blocks.length >= 2) kinds.push(ok ? 'several clients, accepted' : 'several clients, refused');
	return kinds;
}

describe('the update guard against Yjs: nothing it accepts waits as pending', () => {
	it('accepts only what Yjs integrates whole; in normal form, refuses exactly what Yjs would keep pending', () => {
		const tally = new Map<string, number>();
		const count = (kind: string) => tally.set(kind, (tally.get(kind) ?? 0) + 1);
		fc.assert(
			fc.property(plan, (p) => {
				const log = simulate(p.clientIds, p.steps);
				const { server, update, perClient } = build(p, log);
				const c = classifyUpdate(server, update);
				const { copy, pending } = applyToCopy(server, update);
				// (a) Accepted: nothing pending, and every struct the guard saw is in the document.
				if (accepted(c)) {
					count('accepted');
					expect(pending).toBe(false);
					for (const [client, end] of contentEnds(update)) expect(Y.getState(copy.store, client)).toBeGreaterThanOrEqual(end);
				}
				if ([...perClient.values()].every((n) => n === 1)) {
					// (b) Real map edits, one block per client: inside the schema, and out of step ⇔ pending.
					count(pending ? 'normal form, pending' : 'normal form, integrated');
					for (const kind of kindsOf(server, update, copy, accepted(c))) count(kind);
					expect(c.outsideSchema).toBe(false);
					expect(c.unresolved).toBe(pending);
				} else {
					// Yjs keeps only a client's last block: the others would pass the guard and never be applied.
					count('several blocks for one client');
					expect(c.outsideSchema).toBe(true);
				}
			}),
			{ seed: SEED, numRuns: RUNS }
		);
		// The generator reaches every kind of update, on both sides of the property.
		for (const kind of [
			'accepted',
			'normal form, pending',
			'normal form, integrated',
			'several blocks for one client',
			'gap',
			'behind the clock, accepted',
			'behind the clock, refused',
			'missing dependency',
			'delete past the state',
			'several clients, accepted',
			'several clients, refused'
		]) {
			expect(tally.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(3);
		}
	}, 60_000);
});

describe('the attack: two blocks for one client', () => {
	it('refuses a harmless edit and a rename sent as two blocks, so a later lock cannot be slipped past', () => {
		const server = new Y.Doc();
		Y.applyUpdate(server, GENESIS);
		const [alpha, beta] = readSnapshot(server).components;
		const participant = new Y.Doc();
		participant.clientID = 4242;
		Y.applyUpdate(participant, GENESIS);
		// Two edits in two transactions: a harmless move of Beta, then a rename of Alpha.
		const harmless = capture(participant, () => moveComponent(participant, beta.id as ComponentId, { evolution: 0.7, visibility: 0.3 }));
		const rename = capture(participant, () => renameComponent(participant, alpha.id as ComponentId, 'Hijacked'));
		const [first] = blocksOf(harmless);
		const [second] = blocksOf(rename);
		const twoBlocks = composeUpdate([first.bytes, second.bytes]);

		// Yjs keeps only the last block of a client: the rename alone, behind a gap, would wait as pending.
		expect(applyToCopy(server, twoBlocks).pending).toBe(true);
		// The guard refuses the update whole: nothing of it reaches the document, nothing waits.
		const c = classifyUpdate(server, twoBlocks);
		expect(c.outsideSchema).toBe(true);
		expect(participantRefusal(c, readWorkshop(server))).toBe(REFUSED.notMap);
		expect(server.store.pendingStructs).toBeNull();

		// The facilitator locks Alpha; the participant sends the first block alone, which is harmless.
		const facilitator = new Y.Doc();
		Y.applyUpdate(facilitator, Y.encodeStateAsUpdate(server));
		Y.applyUpdate(server, capture(facilitator, () => lockElements(facilitator, [alpha.id])));
		const firstAlone = composeUpdate([first.bytes], encodeDeleteSet(deletedOf(harmless)));
		const alone = classifyUpdate(server, firstAlone);
		expect(participantRefusal(alone, readWorkshop(server))).toBeNull();
		Y.applyUpdate(server, firstAlone);
		// The rename was never held, so nothing releases it: Alpha keeps its name, Beta moved.
		const after = readSnapshot(server);
		expect(after.components.find((x) => x.id === alpha.id)?.name).toBe('Alpha');
		expect(after.components.find((x) => x.id === beta.id)?.evolution).toBe(0.7);
		expect(server.store.pendingStructs).toBeNull();
		expect(server.store.pendingDs).toBeNull();
		// Sent again on its own, the rename is refused for the lock.
		expect(participantRefusal(classifyUpdate(server, rename), readWorkshop(server))).toBe(REFUSED.locked('Alpha'));
	});
});
