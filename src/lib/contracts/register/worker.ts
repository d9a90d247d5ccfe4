// The register import's Web Worker: reads a file and matches its rows off the main thread, so a
// register of thousands of rows never freezes the editor. One request in, one answer out.
import { VOCABULARY } from '../../catalogue/vocabulary.js';
import { importRegister } from './read.js';
import type { RegisterRequest, RegisterResponse } from './protocol.js';

self.onmessage = (event: MessageEvent<RegisterRequest>) => {
	const { id, text, snapshot, mapping } = event.data;
	let answer: RegisterResponse;
	try {
		answer = { id, result: importRegister(text, snapshot, VOCABULARY, mapping) };
	} catch (e) {
		answer = { id, error: e instanceof Error ? e.message : String(e) };
	}
	self.postMessage(answer);
};
