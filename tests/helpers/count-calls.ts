// Counting work instead of timing it: how often a call makes given built-in calls. A count is the
// same on a busy machine as on a quiet one, so complexity checks built on it cannot flake.

/** Map and Set lookups: what a name index or a rename loop does once per step. */
export const LOOKUPS: readonly (readonly [object, string])[] = [
	[Map.prototype, 'get'],
	[Map.prototype, 'has'],
	[Set.prototype, 'has']
];

/** How many times the synchronous `fn` calls the given methods (wrapped for the call, then restored). */
export function countCalls(fn: () => void, methods: readonly (readonly [object, string])[]): number {
	let calls = 0;
	const originals = methods.map(([target, name]) => (target as Record<string, unknown>)[name] as (...args: unknown[]) => unknown);
	methods.forEach(([target, name], i) => {
		const original = originals[i];
		(target as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
			calls++;
			return original.apply(this, args);
		};
	});
	try {
		fn();
	} finally {
		methods.forEach(([target, name], i) => ((target as Record<string, unknown>)[name] = originals[i]));
	}
	return calls;
}
