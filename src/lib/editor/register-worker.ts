// Run the register import (read + match) in a Web Worker and answer with a promise. The worker is
// started on first use and kept for the page's life: a person re-maps columns several times.
import type { MapSnapshot } from '../map/index.js';
import type { RegisterImport, RegisterMapping } from '../contracts/register/index.js';
import type { RegisterRequest, RegisterResponse } from '../contracts/register/protocol.js';

let worker: Worker | null = null;
let next = 1;
const waiting = new Map<number, { resolve: (r: RegisterImport) => void; reject: (e: Error) => void }>();

function start(): Worker {
	const w = new Worker(new URL('../contracts/register/worker.ts', import.meta.url), { type: 'module' });
	w.onmessage = (event: MessageEvent<RegisterResponse>) => {
		const answer = event.data;
		const p = waiting.get(answer.id);
		waiting.delete(answer.id);
		if (!p) return;
		if ('error' in answer) p.reject(new Error(answer.error));
		else p.resolve(answer.result);
	};
	w.onerror = (event) => {
		// A worker that fails to load or throws outside a request fails every request waiting on it.
		for (const p of waiting.values()) p.reject(new Error(event.message || 'the import worker stopped'));
		waiting.clear();
		worker = null;
	};
	return w;
}

/** Read `text` (a CSV register or OCDS JSON) and match its rows to `snapshot`, off the main thread. */
export function importRegisterOffThread(text: string, snapshot: MapSnapshot, mapping?: RegisterMapping): Promise<RegisterImport> {
	worker ??= start();
	const id = next++;
	const request: RegisterRequest = { id, text, snapshot, ...(mapping ? { mapping } : {}) };
	return new Promise((resolve, reject) => {
		waiting.set(id, { resolve, reject });
		worker!.postMessage(request);
	});
}
