// Prometheus metrics for /metrics (prom-client): connections, rooms, edits and refusals, store
// latency, outbound queue bytes, and Node's own (event-loop lag, heap, CPU, GC) from collectDefaultMetrics.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { StackmapApp } from '../app.js';
import { counters } from './counters.js';

export interface Metrics {
	readonly registry: Registry;
	/** The exposition text and its content type. */
	render(): Promise<{ body: string; contentType: string }>;
}

export function createMetrics(app: StackmapApp): Metrics {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, prefix: 'stackmap_', eventLoopMonitoringPrecision: 10 });
	let editsSeen = 0;
	const refusalsSeen = new Map<string, number>();
	const closesSeen = new Map<number, number>();
	new Gauge({
		name: 'stackmap_connections',
		help: 'Open collaboration websockets.',
		registers: [registry],
		collect() {
			this.set(app.connections());
		}
	});
	new Gauge({
		name: 'stackmap_rooms',
		help: 'Maps open in memory.',
		registers: [registry],
		collect() {
			this.set(app.rooms.size);
		}
	});
	new Gauge({
		name: 'stackmap_outbound_queue_bytes',
		help: 'Bytes queued to send across all connections.',
		registers: [registry],
		collect() {
			this.set(app.outboundBytes());
		}
	});
	new Counter({
		name: 'stackmap_edits_total',
		help: 'Edits applied to maps.',
		registers: [registry],
		collect() {
			this.inc(counters.edits - editsSeen);
			editsSeen = counters.edits;
		}
	});
	new Counter({
		name: 'stackmap_refusals_total',
		help: 'Updates refused, by reason.',
		labelNames: ['reason'],
		registers: [registry],
		collect() {
			for (const [reason, n] of counters.refusals) {
				this.inc({ reason }, n - (refusalsSeen.get(reason) ?? 0));
				refusalsSeen.set(reason, n);
			}
		}
	});
	new Counter({
		name: 'stackmap_closes_total',
		help: 'Websockets closed by the server, by close code.',
		labelNames: ['code'],
		registers: [registry],
		collect() {
			for (const [code, n] of counters.closes) {
				this.inc({ code: String(code) }, n - (closesSeen.get(code) ?? 0));
				closesSeen.set(code, n);
			}
		}
	});
	const busSeen = { in: 0, out: 0, inBytes: 0, outBytes: 0 };
	new Counter({
		name: 'stackmap_bus_messages_total',
		help: 'Messages to (out) and from (in) the other instances over Redis.',
		labelNames: ['direction'],
		registers: [registry],
		collect() {
			for (const d of ['in', 'out'] as const) {
				this.inc({ direction: d }, counters.bus[d] - busSeen[d]);
				busSeen[d] = counters.bus[d];
			}
		}
	});
	new Counter({
		name: 'stackmap_bus_bytes_total',
		help: 'Bytes of messages to (out) and from (in) the other instances over Redis.',
		labelNames: ['direction'],
		registers: [registry],
		collect() {
			for (const d of ['in', 'out'] as const) {
				const key = d === 'in' ? 'inBytes' : 'outBytes';
				this.inc({ direction: d }, counters.bus[key] - busSeen[key]);
				busSeen[key] = counters.bus[key];
			}
		}
	});
	new Histogram({
		name: 'stackmap_store_seconds',
		help: 'Time to store an edit (journal append, or SQLite commit when there is no journal).',
		labelNames: ['op'],
		buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
		registers: [registry],
		collect() {
			for (const [op, s] of counters.store.splice(0)) this.observe({ op }, s);
		}
	});
	return {
		registry,
		async render() {
			return { body: await registry.metrics(), contentType: registry.contentType };
		}
	};
}
