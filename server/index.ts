// Production entry: one HTTP server on one port for SvelteKit's pages and API (adapter-node
// handler) and for the collaboration websockets. Graceful shutdown on SIGTERM/SIGINT.
import { createServer, type IncomingMessage } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { describeRedisUrl } from './collab/bus.js';
import { createStackmap, publish } from './app.js';
import { seedIfEmpty } from './seed.js';
import { randomUUID } from 'node:crypto';
import { describeError, logEvent, logger } from './log.js';
import { createOps } from './ops/http.js';

type Handler = (req: IncomingMessage, res: import('node:http').ServerResponse, next?: () => void) => void;

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
	// adapter-node assumes https when it cannot tell; say what the socket really is unless a proxy did.
	process.env.PROTOCOL_HEADER ||= 'x-forwarded-proto';
	// Map imports may be up to 5 MB (MAX_IMPORT_BYTES) plus form overhead; adapter-node's default is 512 KB.
	process.env.BODY_SIZE_LIMIT ||= '6M';
	// A database that cannot be reached or migrated stops the start here, saying why.
	const app = await createStackmap();
	const docs = app.documentStore;
	logger.info(
		{ event: 'store', documents: docs.kind, where: docs.where },
		`map documents in ${docs.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} at ${docs.where}`
	);
	if (app.config.redisUrl) {
		const where = describeRedisUrl(app.config.redisUrl);
		logger.info({ event: 'bus', where }, `rooms shared with other instances through Redis at ${where}`);
	}
	publish(app);
	await seedIfEmpty(app);
	const buildDir = process.env.STACKMAP_BUILD || join(here, '..', '..', 'build');
	const { handler } = (await import(pathToFileURL(join(buildDir, 'handler.js')).href)) as { handler: Handler };

	const ops = createOps(app);
	const server = createServer((req, res) => {
		if (ops.handle(req, res)) return;
		logRequest(req, res);
		if (!process.env.ORIGIN && !req.headers['x-forwarded-proto']) {
			req.headers['x-forwarded-proto'] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
		}
		handler(req, res);
	});
	server.on('upgrade', (req, socket, head) => {
		if (!app.handleUpgrade(req, socket, head)) socket.destroy();
	});
	server.listen(app.config.port, app.config.host, () => {
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : app.config.port;
		logger.info({ event: 'listening', port, data: app.config.dataDir }, `Stackmap listening on http://${app.config.host === '0.0.0.0' ? 'localhost' : app.config.host}:${port}`);
	});

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		logger.info({ event: 'shutdown', signal }, `${signal}: draining connections`);
		ops.draining();
		server.close();
		server.closeIdleConnections?.();
		await app.close();
		logger.info({ event: 'stopped' }, 'stopped');
		process.exit(0);
	};
	// A promise nobody awaited must not take every room down with it: log it and carry on.
	process.on('unhandledRejection', (err) => logEvent('unhandled rejection', { error: describeError(err) }));
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));
}

/** One line per request: id, method, path without its query (link keys travel there), status, time. */
function logRequest(req: IncomingMessage, res: import('node:http').ServerResponse): void {
	const id = randomUUID();
	const started = performance.now();
	res.setHeader('x-request-id', id);
	res.once('finish', () => {
		const path = (req.url ?? '').split('?')[0].slice(0, 200);
		// Hashed build assets are many and dull: at debug level.
		const level = path.startsWith('/_app/immutable/') ? 'debug' : 'info';
		logger[level]({ event: 'request', request: id, method: req.method, path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 }, 'request');
	});
}

main().catch((err) => {
	logger.fatal({ event: 'start failed', error: describeError(err) }, 'start failed');
	console.error(err);
	process.exit(1);
});
