// Tasks run in turn per key (a map id): each starts once the key's earlier ones have settled,
// so two writes of one map never overlap and land in the order they were asked for.

export class InTurn {
	/** Per key, the end of its last task. */
	readonly #last = new Map<string, Promise<unknown>>();

	/** Run `task` after `key`'s earlier tasks (whether they succeeded or not); resolves or rejects as it does. */
	run<T>(key: string, task: () => Promise<T>): Promise<T> {
		const result = (this.#last.get(key) ?? Promise.resolve()).then(task);
		const end = result.catch(() => undefined);
		this.#last.set(key, end);
		void end.then(() => {
			if (this.#last.get(key) === end) this.#last.delete(key);
		});
		return result;
	}

	/** Resolves when every task asked for so far, and any they queued, has settled. */
	async idle(): Promise<void> {
		while (this.#last.size > 0) await Promise.all(this.#last.values());
	}
}
