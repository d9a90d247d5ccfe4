// Sync latency between two real y-websocket clients through the collaboration server on
// loopback, and the server's cost per update (write to SQLite, then broadcast).
import { it } from 'vitest';
import { addComponent, moveComponent, readSnapshot } from '../src/lib/map/index.js';
import { connectClient, startCollab } from '../tests/helpers/collab.js';
import { percentile, table, writeSection } from './report.js';

it('measures propagation latency between two clients', async () => {
	const s = await startCollab();
	const { id, keys } = await s.app.createMap({ title: 'bench' });
	const a = await connectClient(s.url, id, keys.participant);
	const b = await connectClient(s.url, id, keys.participant);
	const cid = addComponent(a.doc, { name: 'Dragged' });
	while (!readSnapshot(b.doc).components.length) await new Promise((r) => setTimeout(r, 5));

	const N = 1000;
	const latencies: number[] = [];
	for (let i = 0; i < N; i++) {
		const target = (i + 1) / (N + 1);
		const start = performance.now();
		await new Promise<void>((resolve) => {
			const check = () => {
				if (readSnapshot(b.doc).components[0]?.evolution === target) {
					b.doc.off('update', check);
					resolve();
				}
			};
			b.doc.on('update', check);
			moveComponent(a.doc, cid, { evolution: target, visibility: 0.5 });
		});
		latencies.push(performance.now() - start);
	}
	latencies.sort((x, y) => x - y);

	// Throughput: a burst of updates, time until the other client has them all.
	const burst = 5000;
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	for (let i = 0; i < burst; i++) moveComponent(a.doc, cid, { evolution: i / burst, visibility: 0.25 });
	while (readSnapshot(b.doc).components[0].evolution !== (burst - 1) / burst) await new Promise((r) => setTimeout(r, 1));
	const seconds = (performance.now() - t0) / 1000;
	const cpu = process.cpuUsage(cpu0);

	a.destroy();
	b.destroy();
	await s.close();
	const f = (n: number) => n.toFixed(2);
	writeSection(
		'sync',
		'Sync between two clients (issue 2)',
		`${N} sequential moves, each waited for in the second client (server in the same process, loopback, SQLite WAL):\n\n` +
			table(['p50 ms', 'p90 ms', 'p99 ms', 'max ms'], [[f(percentile(latencies, 50)), f(percentile(latencies, 90)), f(percentile(latencies, 99)), f(latencies[latencies.length - 1])]]) +
			`\n\nBurst: ${burst} moves sent at once reached the other client in ${seconds.toFixed(2)} s ` +
			`(${Math.round(burst / seconds)} updates/s end to end, process CPU ${((cpu.user + cpu.system) / 1000 / (seconds * 1000) * 100).toFixed(0)}% of one core for clients and server together).`
	);
});
