// Line parsers for everything that is not a component: notes, annotations, PST areas,
// accelerators, urls and the map settings (title, style, size, evolution, valuechain, y-axis).
import type { AreaKind, MapStyle, Point } from '../../map/index.js';
import { DEFAULT_EVOLUTION, DEFAULT_VISIBILITY } from './component-line.js';
import type { Diagnostics } from './diagnostics.js';
import type { Drafts } from './drafts.js';
import { clip, MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from './limits.js';
import { readName } from './names.js';
import { readNumberToken } from './tail.js';
import { readNestedList, readNumberList, readQuoted, skipSpaces, type Dialect } from './text.js';

/** The canvas OWM assumes for pixel sizes when a map has none (legacy PST width/height). */
export const DEFAULT_CANVAS = { width: 500, height: 600 };

const STYLES: readonly MapStyle[] = ['plain', 'wardley', 'handwritten', 'colour', 'dark'];

function coordStop(s: string, j: number): boolean {
	if (s[j] !== '[') return false;
	const list = readNumberList(s, j);
	return list !== null && (list.values.length === 2 || list.values.length === 0);
}

/** Read `<name or "text"> [v, m]` as used by notes and accelerators. */
function namedPoint(rest: string, line: number, what: string, diag: Diagnostics): { name: string; point: Point } {
	const { name, end } = readName(rest, 0, coordStop);
	let visibility = DEFAULT_VISIBILITY;
	let evolution = DEFAULT_EVOLUTION;
	let i = skipSpaces(rest, end);
	if (rest[i] === '[') {
		const list = readNumberList(rest, i);
		if (list && list.values.length === 2) [visibility, evolution] = list.values;
		else if (!list || list.values.length !== 0) diag.error(line, `${what} needs coordinates [visibility, evolution]`);
		i = skipSpaces(rest, list ? list.end : rest.length);
	}
	if (i < rest.length) diag.warn(line, `${what}: text after the coordinates is ignored ("${rest.slice(i, i + 40)}")`);
	return { name, point: { evolution, visibility } };
}

/** `note <text> [v, m]` (the text may be quoted). */
export function parseNoteLine(rest: string, line: number, drafts: Drafts, diag: Diagnostics): void {
	const { name, point } = namedPoint(rest, line, 'note', diag);
	if (name === '') diag.warn(line, 'note has no text');
	drafts.notes.push({ text: clip(diag, line, 'note', name, MAX_TEXT_LENGTH), ...point });
}

/** `accelerator <name> [v, m]` / `deaccelerator <name> [v, m]`. */
export function parseAcceleratorLine(rest: string, line: number, kind: 'accelerator' | 'deaccelerator', drafts: Drafts, diag: Diagnostics): void {
	const { name, point } = namedPoint(rest, line, kind, diag);
	drafts.accelerators.push({ kind, name: clip(diag, line, kind, name, MAX_NAME_LENGTH), ...point });
}

/** `annotation N [v, m] text`, `annotation N [[v,m],[v,m]] text`, Mermaid `annotation N,[v,m] "text"`. */
export function parseAnnotationLine(rest: string, line: number, drafts: Drafts, diag: Diagnostics): void {
	let i = 0;
	let j = 0;
	while (j < rest.length && rest[j] !== ' ' && rest[j] !== '\t' && rest[j] !== ',' && rest[j] !== '[') j++;
	const n = readNumberToken(rest.slice(i, j), 0);
	if (!n) {
		diag.error(line, 'annotation needs a number, e.g. annotation 1 [0.5, 0.5] text');
		return;
	}
	i = skipSpaces(rest, j);
	if (rest[i] === ',') i = skipSpaces(rest, i + 1);
	const nested = readNestedList(rest, i);
	const simple = nested ? null : readNumberList(rest, i);
	const lists = nested ? nested.lists : simple ? [simple.values] : null;
	if (!lists || lists.length === 0 || lists.some((l) => l.length !== 2)) {
		diag.error(line, `annotation ${n.value} needs positions [visibility, evolution] or [[v, m], …]`);
		return;
	}
	i = skipSpaces(rest, (nested ?? simple)!.end);
	let text = rest.slice(i).trim();
	const quoted = text.startsWith('"') ? readQuoted(text, 0) : null;
	if (quoted && quoted.end === text.length) text = quoted.value;
	const positions = lists.map(([visibility, evolution]) => ({ evolution, visibility }));
	drafts.annotations.push({ number: n.value, text: clip(diag, line, 'annotation', text, MAX_TEXT_LENGTH), positions });
}

/** `annotations [v, m]`: where the annotation legend goes. */
export function parseAnnotationsLine(rest: string, line: number, drafts: Drafts, diag: Diagnostics): void {
	const list = readNumberList(rest, skipSpaces(rest, 0));
	if (!list || list.values.length !== 2) {
		diag.error(line, 'annotations needs a position [visibility, evolution]');
		return;
	}
	drafts.annotationsAt = { visibility: list.values[0], evolution: list.values[1] };
}

/** `pioneers [v1, m1, v2, m2]`, or legacy `pioneers [v, m] <width px> <height px>`. */
export function parseAreaLine(rest: string, line: number, kind: AreaKind, drafts: Drafts, diag: Diagnostics): void {
	const list = readNumberList(rest, skipSpaces(rest, 0));
	const values = list?.values ?? [];
	const after = list ? rest.slice(list.end).trim() : '';
	if (list && values.length === 4 && after === '') {
		const [v1, m1, v2, m2] = values;
		drafts.areas.push({ kind, from: { visibility: v1, evolution: m1 }, to: { visibility: v2, evolution: m2 } });
		return;
	}
	const size = after.split(/\s+/).map((t) => readNumberToken(t, 0)?.value ?? null);
	if (list && values.length === 2 && size.length === 2 && size[0] !== null && size[1] !== null) {
		const [v, m] = values;
		const to = { visibility: v - size[1] / DEFAULT_CANVAS.height, evolution: m + size[0] / DEFAULT_CANVAS.width };
		diag.warn(line, `legacy ${kind} [v, m] width height: converted to a rectangle on a ${DEFAULT_CANVAS.width}×${DEFAULT_CANVAS.height} canvas`);
		drafts.areas.push({ kind, from: { visibility: v, evolution: m }, to });
		return;
	}
	diag.error(line, `${kind} needs [visibility1, evolution1, visibility2, evolution2]`);
}

/** `url <ref> [<address>]`: the address behind a submap's url(ref). */
export function parseUrlLine(rest: string, line: number, drafts: Drafts, diag: Diagnostics): void {
	const open = rest.indexOf('[');
	const close = rest.lastIndexOf(']');
	const ref = (open < 0 ? rest : rest.slice(0, open)).trim();
	if (ref === '' || open < 0 || close < open) {
		diag.error(line, 'url needs a name and an [address]');
		return;
	}
	if (drafts.urls.has(ref)) diag.warn(line, `url ${ref} is defined again; the last one is used`);
	drafts.urls.set(ref, { address: rest.slice(open + 1, close).trim(), line });
}

/** `style plain|wardley|handwritten|colour|dark`; anything else warns and keeps the style. */
export function parseStyleLine(rest: string, line: number, drafts: Drafts, diag: Diagnostics): void {
	const style = rest.trim();
	if ((STYLES as readonly string[]).includes(style)) drafts.style = style as MapStyle;
	else diag.warn(line, `unknown style "${style}"; styles are ${STYLES.join(', ')}`);
}

/** `size [width, height]` in pixels. */
export function parseSizeLine(rest: string, line: number, drafts: Drafts, diag: Diagnostics): void {
	const list = readNumberList(rest, skipSpaces(rest, 0));
	if (!list || list.values.length !== 2 || list.end !== rest.trimEnd().length) {
		diag.error(line, 'size needs [width, height] in pixels');
		return;
	}
	drafts.size = { width: list.values[0], height: list.values[1] };
}

/** `evolution A->B->C->D`, `evolution --hide [A->B->C->D]`; Mermaid `Genesis@0.2 -> …` widths are dropped. */
export function parseEvolutionLine(rest: string, line: number, drafts: Drafts, diag: Diagnostics, dialect: Dialect): void {
	let labels = rest.trim();
	if (labels.startsWith('--')) {
		const flag = labels.split(/\s/, 1)[0];
		if (flag !== '--hide') {
			diag.error(line, `evolution ${flag} is not an option (only --hide)`);
			return;
		}
		drafts.hideEvolution = true;
		labels = labels.slice(flag.length).trim();
		if (labels === '') return;
	}
	const stages = labels.split('->').map((s) => s.trim());
	if (stages.length !== 4) {
		diag.error(line, `evolution needs exactly 4 stages, found ${stages.length}`);
		return;
	}
	if (dialect === 'mermaid') {
		const widths = stages.map((s) => /@\s*[0-9.]+\s*$/.test(s));
		if (widths.some(Boolean)) diag.warn(line, 'custom stage widths (@) are not kept; stages are drawn at 0.175, 0.40, 0.70');
		for (let k = 0; k < 4; k++) {
			stages[k] = stages[k].replace(/@\s*[0-9.]+\s*$/, '').trim();
			const q = stages[k].startsWith('"') ? readQuoted(stages[k], 0) : null;
			if (q && q.end === stages[k].length) stages[k] = q.value;
		}
	}
	drafts.evolutionLabels = stages as unknown as readonly [string, string, string, string];
}

/** `valuechain --hide [anything]`. */
export function parseValueChainLine(rest: string, line: number, drafts: Drafts, diag: Diagnostics): void {
	if (/^--hide(\s|$)/.test(rest.trim())) drafts.hideValueChain = true;
	else diag.error(line, 'valuechain only takes --hide');
}

/** Legacy `y-axis Label->Min->Max` (removed from OWM in 2022): kept as the value-chain labels. */
export function parseYAxisLine(rest: string, line: number, drafts: Drafts, diag: Diagnostics): void {
	const parts = rest.split('->').map((s) => s.trim());
	if (parts.length !== 3) {
		diag.error(line, 'y-axis needs Label->Min->Max');
		return;
	}
	diag.warn(line, 'y-axis was removed from OWM in 2022; kept as the value-chain axis labels');
	drafts.valueChainLabels = { axis: parts[0], bottom: parts[1], top: parts[2] };
}
