// The operations endpoints, answered before SvelteKit: /healthz (the process is up), /readyz (it can
// serve: the stores answer, PostgreSQL too when it holds the documents, and it is not shutting down)
// and /metrics (Prometheus text; behind a bearer token when STACKMAP_METRICS_TOKEN is set, else for
// the proxy to keep private: docs/deploy.md).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { StackmapApp } from '../app.js';
import { describeError, logger } from '../log.js';
import { createMetrics, type Metrics } from './metrics.js';

export interface Ops {
	/** Answer `req` if it is an operations path; false when it is not one. */
	handle(req: IncomingMessage, res: ServerResponse): boolean;
	/** From now on /readyz says no: the load balancer stops sending new clients while sockets drain. */
	draining(): void;
	readonly metrics: Metrics;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
	res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

function tokenMatches(header: string | undefined, token: string): boolean {
	const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
	const want = Buffer.from(token);
	return given.length === want.length && timingSafeEqual(given, want);
}

export function createOps(app: StackmapApp, env: NodeJS.ProcessEnv = process.env): Ops {
	const metrics = createMetrics(app);
	const token = env.STACKMAP_METRICS_TOKEN || '';
	let stopping = false;
	return {
		metrics,
		draining() {
			stopping = true;
		},
		handle(req, res) {
			const path = (req.url ?? '').split('?')[0];
			if (path !== '/healthz' && path !== '/readyz' && path !== '/metrics') return false;
			if (req.method !== 'GET' && req.method !== 'HEAD') {
				send(res, 405, JSON.stringify({ error: 'Method not allowed' }));
				return true;
			}
			if (path === '/healthz') {
				send(res, 200, JSON.stringify({ status: 'ok' }));
			} else if (path === '/readyz') {
				Promise.all([app.storeReady(), app.bus?.ready() ?? true]).then(
					([store, redis]) => {
						// redis is true when there is no Redis to wait for (one instance alone).
						const checks = { store, redis, shutdown: !stopping };
						const ok = checks.store && checks.redis && checks.shutdown;
						send(res, ok ? 200 : 503, JSON.stringify({ status: ok ? 'ready' : 'not ready', checks }));
					},
					() => send(res, 503, JSON.stringify({ status: 'not ready', checks: { store: false, redis: false, shutdown: !stopping } }))
				);
			} else if (token && !tokenMatches(req.headers.authorization, token)) {
				res.setHeader('www-authenticate', 'Bearer');
				send(res, 401, JSON.stringify({ error: 'A metrics token is needed' }));
			} else {
				metrics.render().then(
					({ body, contentType }) => send(res, 200, body, contentType),
					(err) => {
						logger.error({ event: 'metrics failed', error: describeError(err) }, 'metrics failed');
						send(res, 500, JSON.stringify({ error: 'metrics failed' }));
					}
				);
			}
			return true;
		}
	};
}
