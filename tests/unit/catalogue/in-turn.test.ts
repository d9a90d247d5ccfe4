// Index work per map runs in turn: a slow first write still lands before a quick second one,
// a failure does not stop the next, and other maps do not wait.
import { describe, expect, it } from 'vitest';
import { InTurn } from '../../../server/catalogue/in-turn.js';

/** A task that records `name` once `gate` opens. */
function step(log: string[], name: string, gate: Promise<void> = Promise.resolve()): () => Promise<string> {
	return async () => {
		await gate;
		log.push(name);
		return name;
	};
}

describe('InTurn', () => {
	it('runs one key’s tasks in the order asked, each after the last settled', async () => {
		const turns = new InTurn();
		const log: string[] = [];
		let open!: () => void;
		const slow = new Promise<void>((resolve) => (open = resolve));
		const first = turns.run('m1', step(log, 'first', slow));
		const second = turns.run('m1', step(log, 'second'));
		const other = await turns.run('m2', step(log, 'other map'));
		expect(other).toBe('other map');
		expect(log).toEqual(['other map']);
		open();
		expect(await Promise.all([first, second])).toEqual(['first', 'second']);
		expect(log).toEqual(['other map', 'first', 'second']);
	});

	it('goes on after a failure, which reaches only its own caller', async () => {
		const turns = new InTurn();
		const log: string[] = [];
		const failed = turns.run('m1', async () => {
			throw new Error('disk full');
		});
		const next = turns.run('m1', step(log, 'next'));
		await expect(failed).rejects.toThrow('disk full');
		expect(await next).toBe('next');
	});

	it('is idle once every task, and any queued by one, has settled', async () => {
		const turns = new InTurn();
		const log: string[] = [];
		void turns.run('m1', async () => {
			void turns.run('m2', step(log, 'queued by m1'));
			log.push('m1');
		});
		await turns.idle();
		expect(log).toEqual(['m1', 'queued by m1']);
	});
});
