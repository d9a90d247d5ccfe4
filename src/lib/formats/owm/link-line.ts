// Link lines: `A->B`, `A->B; context`, flows `A+>B`, `A+<B`, `A+<>B` and labelled flows
// `A+'£5'>B`. Names may be quoted. Mermaid also writes `A --> B` and `A -.-> B`.
import type { FlowKind } from '../../map/index.js';
import type { LinkDraft } from './drafts.js';
import { readName } from './names.js';
import { readQuoted, skipSpaces, type Dialect } from './text.js';

interface Arrow {
	flow: FlowKind | null;
	label: string;
	end: number;
	/** Set for Mermaid-only arrows whose style we cannot keep. */
	style?: string;
}

function flowOf(op: string): FlowKind {
	return op === '<>' ? 'both' : op === '<' ? 'reverse' : 'forward';
}

/** The arrow starting at s[j], or null. */
function arrowAt(s: string, j: number, dialect: Dialect): Arrow | null {
	const c = s[j];
	if (c === '-') {
		if (dialect === 'mermaid' && s.startsWith('-->', j)) return { flow: null, label: '', end: j + 3, style: '-->' };
		if (dialect === 'mermaid' && s.startsWith('-.->', j)) return { flow: null, label: '', end: j + 4, style: '-.->' };
		if (s[j + 1] === '>') return { flow: null, label: '', end: j + 2 };
		return null;
	}
	if (c !== '+') return null;
	if (s.startsWith('+<>', j)) return { flow: 'both', label: '', end: j + 3 };
	if (s.startsWith('+<', j)) return { flow: 'reverse', label: '', end: j + 2 };
	if (s.startsWith('+>', j)) return { flow: 'forward', label: '', end: j + 2 };
	if (s[j + 1] === "'") {
		for (let k = j + 2; k < s.length; k++) {
			if (s[k] !== "'") continue;
			if (s.startsWith('<>', k + 1)) return { flow: 'both', label: s.slice(j + 2, k), end: k + 3 };
			if (s[k + 1] === '<' || s[k + 1] === '>') return { flow: flowOf(s[k + 1]), label: s.slice(j + 2, k), end: k + 2 };
		}
	}
	return null;
}

/** The first arrow at or after `from`: its index and shape. Linear even on hostile lines. */
function findArrow(s: string, from: number, dialect: Dialect): { index: number; arrow: Arrow } | null {
	// A labelled flow `+'…'>` that finds no closing quote from one `+'` finds none from a later one.
	let labelledFailed = false;
	for (let j = from; j < s.length; j++) {
		const c = s[j];
		if (c !== '-' && c !== '+') continue;
		const labelled = c === '+' && s[j + 1] === "'";
		if (labelled && labelledFailed) continue;
		const arrow = arrowAt(s, j, dialect);
		if (arrow) return { index: j, arrow };
		if (labelled) labelledFailed = true;
	}
	return null;
}

/** True when the line contains something that reads as a link arrow. */
export function looksLikeLink(s: string, dialect: Dialect): boolean {
	return findArrow(s, 0, dialect) !== null;
}

/** A parsed link (with the Mermaid arrow style it dropped, if any), or why the line is not one. */
export type LinkParse = { link: LinkDraft; style?: string } | { error: string };

/** Parse a trimmed link line. */
export function parseLinkLine(s: string, line: number, dialect: Dialect): LinkParse {
	let from: { name: string; end: number; quoted: boolean };
	let found: Arrow;
	const quoted = s[0] === '"' ? readQuoted(s, 0) : null;
	if (quoted) {
		const i = skipSpaces(s, quoted.end);
		const arrow = arrowAt(s, i, dialect);
		if (!arrow) return { error: 'expected an arrow after the quoted name' };
		from = { name: quoted.value, end: i, quoted: true };
		found = arrow;
	} else {
		const hit = findArrow(s, 0, dialect);
		if (!hit) return { error: 'not a link: no -> or flow arrow' };
		from = { name: s.slice(0, hit.index).trim(), end: hit.index, quoted: false };
		found = hit.arrow;
	}
	let i = skipSpaces(s, found.end);
	const to = readName(s, i, (t, j) => t[j] === ';');
	let context = '';
	i = skipSpaces(s, to.end);
	if (s[i] === ';') {
		context = s.slice(i + 1).trim();
		const q = context.startsWith('"') ? readQuoted(context, 0) : null;
		if (q && q.end === context.length) context = q.value;
	}
	else if (i < s.length) return { error: `unexpected text after "${to.name}"` };
	if ((from.name === '' && !from.quoted) || (to.name === '' && !to.quoted)) return { error: 'a link needs a name on both sides of the arrow' };
	const link: LinkDraft = { line, from: from.name, to: to.name, context, flow: found.flow, flowLabel: found.label };
	return found.style ? { link, style: found.style } : { link };
}
