// The model refuses over-long text (a command would throw half-way through a reconcile), so the
// parsers cut names and texts to the model's limits here, with a warning naming the line.
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '../../map/index.js';
import type { Diagnostics } from './diagnostics.js';

export { MAX_NAME_LENGTH, MAX_TEXT_LENGTH };

/** `value` cut to `max` characters; warns when it had to cut. */
export function clip(diag: Diagnostics, line: number, what: string, value: string, max: number): string {
	if (value.length <= max) return value;
	diag.warn(line, `${what} is longer than ${max} characters; cut`);
	return value.slice(0, max);
}
