// Line-based three-way merge for the text view: the user's edited text and the map's fresh print,
// both derived from the same base print, merged so neither side's changes are lost. Pure.

/** base[start, end) is replaced by `lines` (an insertion when start === end). */
interface Hunk {
	readonly start: number;
	readonly end: number;
	readonly lines: readonly string[];
	readonly side: 'a' | 'b';
}

/** Largest middle section (lines × lines) compared exactly; past this it counts as one change. */
const MAX_CELLS = 1_000_000;

/** Hunks turning `base` into `other`: common prefix and suffix trimmed, the middle by longest common subsequence. */
export function diffLines(base: readonly string[], other: readonly string[], side: 'a' | 'b' = 'a'): Hunk[] {
	let pre = 0;
	while (pre < base.length && pre < other.length && base[pre] === other[pre]) pre++;
	let suf = 0;
	while (suf < base.length - pre && suf < other.length - pre && base[base.length - 1 - suf] === other[other.length - 1 - suf]) suf++;
	const n = base.length - pre - suf;
	const m = other.length - pre - suf;
	if (n === 0 && m === 0) return [];
	if (n === 0 || m === 0 || n * m > MAX_CELLS) return [{ start: pre, end: pre + n, lines: other.slice(pre, pre + m), side }];
	// lcs[i][j] = LCS length of base[pre+i..] and other[pre+j..].
	const w = m + 1;
	const lcs = new Uint32Array((n + 1) * w);
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lcs[i * w + j] = base[pre + i] === other[pre + j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
		}
	}
	const hunks: Hunk[] = [];
	let i = 0;
	let j = 0;
	let open: { start: number; lines: string[] } | null = null;
	const close = (at: number) => {
		if (open) hunks.push({ start: pre + open.start, end: pre + at, lines: open.lines, side });
		open = null;
	};
	while (i < n || j < m) {
		if (i < n && j < m && base[pre + i] === other[pre + j]) {
			close(i);
			i++;
			j++;
		} else if (j < m && (i === n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
			open ??= { start: i, lines: [] };
			open.lines.push(other[pre + j++]);
		} else {
			open ??= { start: i, lines: [] };
			i++;
		}
	}
	close(i);
	return hunks;
}

/** True when `h` touches the same base lines as [start, end); two insertions at one point also meet. */
function overlaps(h: Hunk, start: number, end: number): boolean {
	return (h.start < end && start < h.end) || (h.start === h.end && start === end && h.start === start);
}

export interface Merge {
	readonly lines: string[];
	/** For each line of `a`, the index of the merged line it became (or the first line that replaced it). */
	readonly aLineMap: number[];
	/** Regions both sides changed; `a` (the user) wins there. */
	readonly conflicts: number;
}

/**
 * Merge `a` and `b`, both edited from `base`. Changes to different lines are both kept, and so are
 * lines both sides inserted at one place (`a`'s first); where both changed the same lines, `a`'s
 * version is taken.
 */
export function merge3(base: readonly string[], a: readonly string[], b: readonly string[]): Merge {
	const hunks = [...diffLines(base, a, 'a'), ...diffLines(base, b, 'b')].sort(
		(x, y) => x.start - y.start || x.end - y.end || (x.side === 'a' ? -1 : 1)
	);
	const out: string[] = [];
	const aLineMap: number[] = [];
	let conflicts = 0;
	let k = 0;
	const copyBase = (to: number, mapA: boolean) => {
		for (; k < to; k++) {
			if (mapA) aLineMap.push(out.length);
			out.push(base[k]);
		}
	};
	for (let h = 0; h < hunks.length; ) {
		let start = hunks[h].start;
		let end = hunks[h].end;
		const group: Hunk[] = [hunks[h++]];
		while (h < hunks.length && overlaps(hunks[h], start, end)) {
			start = Math.min(start, hunks[h].start);
			end = Math.max(end, hunks[h].end);
			group.push(hunks[h++]);
		}
		copyBase(start, true);
		const fromA = group.filter((g) => g.side === 'a');
		if (start === end) {
			// Insertions at one point from both sides: keep both, the user's first.
			for (const g of group) {
				for (const line of g.lines) {
					if (g.side === 'a') aLineMap.push(out.length);
					out.push(line);
				}
			}
		} else if (fromA.length > 0) {
			if (fromA.length < group.length) conflicts++;
			for (const g of fromA) {
				copyBase(g.start, true);
				for (const line of g.lines) {
					aLineMap.push(out.length);
					out.push(line);
				}
				k = g.end;
			}
			copyBase(end, true);
		} else {
			// Only the map changed here: the user's (unchanged) lines map to where the new ones start.
			for (let x = start; x < end; x++) aLineMap.push(out.length);
			for (const g of group) {
				copyBase(g.start, false);
				out.push(...g.lines);
				k = g.end;
			}
			copyBase(end, false);
		}
	}
	copyBase(base.length, true);
	return { lines: out, aLineMap, conflicts };
}
