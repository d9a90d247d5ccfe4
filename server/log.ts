// Server logs: JSON lines through pino on stdout, naming maps, connections and requests by id and
// errors by kind and place. Never a map's content or a link key: error messages that can quote input
// (JSON parse errors) are left out, and requests are logged by path without their query.
import { pino } from 'pino';

/** The process's logger; STACKMAP_LOG_LEVEL sets the level (default info; `silent` for none). */
export const logger = pino({
	level: process.env.STACKMAP_LOG_LEVEL || 'info',
	timestamp: pino.stdTimeFunctions.isoTime,
	formatters: { level: (label) => ({ level: label }) }
});

/** An error as it may be logged: its name, its message unless it can quote input, its top frames. */
export function describeError(err: unknown): { name: string; message?: string; at?: string } {
	if (!(err instanceof Error)) return { name: typeof err };
	const frames = (err.stack ?? '')
		.split('\n')
		.filter((line) => line.trimStart().startsWith('at '))
		.slice(0, 3)
		.map((line) => line.trim())
		.join(' | ');
	const quotes = err instanceof SyntaxError;
	return { name: err.name, ...(quotes ? {} : { message: err.message.slice(0, 160) }), ...(frames ? { at: frames } : {}) };
}

/** Log one error event with its fields (map and connection ids, a described error). */
export function logEvent(event: string, fields: Record<string, unknown>): void {
	logger.error({ event, ...fields }, event);
}
