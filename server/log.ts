// Server logs: one JSON line per event, naming maps and connections by id and errors by kind and
// place. Never a map's content: error messages that can quote input (JSON parse errors) are left out.

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

/** Write one event as a JSON line on stderr. */
export function logEvent(event: string, fields: Record<string, unknown>): void {
	console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', event, ...fields }));
}
