// Posts one text file as imports to a Stackmap server, from a process of its own so the uploads do
// not slow the benchmark's own clients: `node bench/importer.mjs <base> <file> <ms> <in flight>`
// (ms 0: one import). Prints the answers as JSON: [{ status, ms }].
import { readFileSync } from 'node:fs';

const [base, file, duration, inFlight] = process.argv.slice(2);
const text = readFileSync(file);
const answers = [];

async function post() {
	const start = performance.now();
	const res = await fetch(`${base}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: text });
	await res.arrayBuffer();
	answers.push({ status: res.status, ms: performance.now() - start });
}

if (Number(duration) === 0) await post();
else {
	const until = performance.now() + Number(duration);
	await Promise.all(
		Array.from({ length: Number(inFlight) }, async () => {
			while (performance.now() < until) await post();
		})
	);
}
process.stdout.write(JSON.stringify(answers));
