// What this device remembers of the maps it opened: the strongest link held, last opened first,
// titles kept current, and forgetting one drops all of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetMap, heldMaps, rememberOpened, rememberShareLinks, rememberTitle } from '../../../src/lib/workshop/storage.js';

class MemoryStorage {
	readonly items = new Map<string, string>();
	get length() {
		return this.items.size;
	}
	key(i: number) {
		return [...this.items.keys()][i] ?? null;
	}
	getItem(k: string) {
		return this.items.get(k) ?? null;
	}
	setItem(k: string, v: string) {
		this.items.set(k, String(v));
	}
	removeItem(k: string) {
		this.items.delete(k);
	}
}

let storage: MemoryStorage;
beforeEach(() => {
	storage = new MemoryStorage();
	(globalThis as { localStorage?: unknown }).localStorage = storage;
});
afterEach(() => {
	delete (globalThis as { localStorage?: unknown }).localStorage;
});

const A = 'AAAAAAAAAAAA';
const B = 'BBBBBBBBBBBB';
const key = (c: string) => c.repeat(32);

describe('heldMaps', () => {
	it('lists held maps last opened first, with the strongest role held', () => {
		rememberOpened(A, 'viewer', key('v'), 'Housing', 1000);
		rememberOpened(B, 'participant', key('p'), 'Waste', 2000);
		rememberOpened(A, 'facilitator', key('f'), 'Housing', 3000);
		expect(heldMaps()).toEqual([
			{ id: A, title: 'Housing', role: 'facilitator', key: key('f'), openedAt: 3000 },
			{ id: B, title: 'Waste', role: 'participant', key: key('p'), openedAt: 2000 }
		]);
	});

	it('includes links held before titles were noted, and skips what is not a map', () => {
		rememberShareLinks(A, { participant: key('p'), viewer: key('v') });
		storage.setItem('stackmap:share:../evil', JSON.stringify({ facilitator: key('f') }));
		storage.setItem('stackmap:maps', 'not json');
		expect(heldMaps()).toEqual([{ id: A, title: '', role: 'participant', key: key('p'), openedAt: 0 }]);
	});

	it('follows a renamed map, but notes nothing for a map it does not hold', () => {
		rememberOpened(A, 'participant', key('p'), 'Old', 1000);
		rememberTitle(A, 'New');
		rememberTitle(B, 'Stranger');
		expect(heldMaps().map((m) => [m.id, m.title])).toEqual([[A, 'New']]);
	});

	it('forgets every link and note of a map', () => {
		rememberOpened(A, 'facilitator', key('f'), 'Housing', 1000);
		rememberOpened(B, 'viewer', key('v'), 'Waste', 2000);
		forgetMap(A);
		expect(heldMaps().map((m) => m.id)).toEqual([B]);
		expect(storage.getItem(`stackmap:share:${A}`)).toBeNull();
		expect(storage.getItem('stackmap:maps')).not.toContain(A);
	});
});
