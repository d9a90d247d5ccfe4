// A writable stream that keeps what is written to it, for a command's stdout or stderr in tests.
import { Writable } from 'node:stream';

export function sink(): Writable & { text: () => string } {
	let text = '';
	const w = new Writable({
		write(chunk, _enc, done) {
			text += chunk;
			done();
		}
	});
	return Object.assign(w, { text: () => text });
}
