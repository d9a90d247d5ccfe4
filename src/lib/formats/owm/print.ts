// printOwm: MapSnapshot → canonical OWM text that OWM reads and that parseOwm reads back to the
// same map. Layout: settings, components, pipelines (children in their block), evolves, links,
// notes, annotations, areas, accelerators, urls. Comments kept in the map go back above their
// element (the header first, the footer last). Stackmap-only fields go in `// stackmap:` lines,
// together at the end (out of the way of people reading or editing the map).
import {
	DEFAULT_EVOLUTION_LABELS,
	type Component,
	type Decorators,
	type EndpointId,
	type MapSnapshot,
	type Offset,
	type Point
} from '../../map/index.js';
import { componentExtension, mapExtension } from './extension.js';
import { printName } from './names.js';
import { DECORATOR_WORDS, formatNumber as num, normalizeName, onlyComments, quote } from './text.js';

/** Options for printOwm. */
export interface PrintOptions {
	/** Write `// stackmap:` comments with council fields and map extras (default true). */
	readonly extensions?: boolean;
}

/** `[visibility, evolution]` — OWM's order. */
export function coords(p: Point): string {
	return `[${num(p.visibility)}, ${num(p.evolution)}]`;
}

function labelText(label: Offset | null): string {
	return label ? ` label [${num(label.x)}, ${num(label.y)}]` : '';
}

/** ` (build, market)` or ''. */
export function decoratorText(d: Decorators): string {
	const on = DECORATOR_WORDS.filter((w) => d[w]);
	return on.length > 0 ? ` (${on.join(', ')})` : '';
}

/** Free text to the end of a line (title, link context, annotation): quoted only when it would not read back. */
export function freeText(text: string): string {
	const unsafe = text !== text.trim() || text.startsWith('"') || /\n|\/\/|\/\*|\*\//.test(text);
	return unsafe ? quote(text) : text;
}

function oneLine(text: string): string {
	return text.replace(/\s*\n\s*/g, ' ');
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((l, k) => l === b[k]);
}

/**
 * Stored comment lines as OWM lines: as written when they read back as comments only (no code, no
 * `// stackmap:` line, no block left open); otherwise (text from JSON, say) each line behind `// `.
 */
export function commentLines(text: string | undefined): string[] {
	if (!text) return [];
	const lines = text.split('\n').map((l) => l.trim());
	if (onlyComments(lines)) return lines;
	// `//:` keeps a line that begins "stackmap:" from reading as one of our own extension lines.
	return lines.map((l) => (l === '' ? '' : /^stackmap:/.test(l) ? `//: ${l}` : `// ${l}`));
}

function settings(map: MapSnapshot, extensions: boolean): string[] {
	const out = [...commentLines(map.header), `title ${freeText(map.title)}`];
	if (map.style !== 'plain') out.push(`style ${map.style}`);
	if (map.size.width !== 0 || map.size.height !== 0) out.push(`size [${num(map.size.width)}, ${num(map.size.height)}]`);
	const custom = !sameLabels(map.evolutionLabels, DEFAULT_EVOLUTION_LABELS);
	const labels = map.evolutionLabels.map(oneLine).join('->');
	if (map.hideEvolution) out.push(custom ? `evolution --hide ${labels}` : 'evolution --hide');
	else if (custom) out.push(`evolution ${labels}`);
	if (map.hideValueChain) out.push('valuechain --hide');
	return out;
}

/** Refs for submaps: their own, or a made-up one when only an address is known. */
function submapRefs(map: MapSnapshot): { refOf: Map<Component, string>; urls: Map<string, string> } {
	const refOf = new Map<Component, string>();
	const urls = new Map<string, string>();
	const taken = new Set(map.components.map((c) => c.submapRef).filter(Boolean));
	let k = 0;
	for (const c of map.components) {
		if (c.kind !== 'submap') continue;
		let ref = c.submapRef;
		if (!ref && c.submapUrl) {
			do ref = `submap${++k}`;
			while (taken.has(ref));
			taken.add(ref);
		}
		if (!ref) continue;
		refOf.set(c, ref);
		if (c.submapUrl && !urls.has(ref)) urls.set(ref, c.submapUrl);
	}
	return { refOf, urls };
}

function componentLine(c: Component, child: boolean, ref: string | undefined): string {
	const at = child ? `[${num(c.evolution)}]` : coords(c);
	const url = c.kind === 'submap' && ref ? ` url(${ref})` : '';
	return `${c.kind} ${printName(c.name)} ${at}${labelText(c.label)}${decoratorText(c.decorators)}${c.inertia ? ' inertia' : ''}${url}`;
}

/** The flow arrow: `->`, `+>`, `+<`, `+<>`, or with a value label `+'…'>`. */
export function arrowText(flow: string | null, flowLabel: string): string {
	if (flow === null) return '->';
	const op = flow === 'both' ? '<>' : flow === 'reverse' ? '<' : '>';
	return flowLabel ? `+'${oneLine(flowLabel)}'${op}` : `+${op}`;
}

/**
 * Print a map as OWM text. Round trip: parseOwm(printOwm(m)).map equals m apart from ids, with
 * pipeline children listed after the other components (see docs/formats.md for what OWM loses).
 */
export function printOwm(map: MapSnapshot, options: PrintOptions = {}): string {
	const extensions = options.extensions !== false;
	const out = settings(map, extensions);
	// The trailer of `// stackmap:` lines. A comment belongs to the nearest component of its name
	// above it, so a name used twice keeps its comments under each of its components.
	const trailer: string[] = [];
	const mapExt = extensions ? mapExtension(map) : null;
	if (mapExt) trailer.push(mapExt);
	const uses = new Map<string, number>();
	for (const c of map.components) uses.set(normalizeName(c.name), (uses.get(normalizeName(c.name)) ?? 0) + 1);
	const pipelineIds = new Set(map.pipelines.map((p) => p.id));
	const isChild = (c: Component) => c.pipelineId !== null && pipelineIds.has(c.pipelineId);
	const { refOf, urls } = submapRefs(map);
	const withExtension = (c: Component, child: boolean) => {
		const indent = child ? '  ' : '';
		for (const l of commentLines(c.comments)) out.push(l && indent + l);
		out.push(indent + componentLine(c, child, refOf.get(c)));
		const ext = extensions ? componentExtension(c) : null;
		if (ext && uses.get(normalizeName(c.name)) === 1) trailer.push(ext);
		else if (ext) out.push(indent + ext);
	};
	const section = () => {
		if (out[out.length - 1] !== '') out.push('');
	};
	section();
	for (const c of map.components) if (!isChild(c)) withExtension(c, false);
	const nameOf = new Map<string, string>(map.components.map((c) => [c.id, c.name]));
	for (const p of map.pipelines) {
		section();
		const span = p.start !== null && p.end !== null ? ` [${num(p.start)}, ${num(p.end)}]` : '';
		out.push(...commentLines(p.comments));
		out.push(`pipeline ${printName(nameOf.get(p.componentId) ?? '')}${span}`);
		const children = map.components.filter((c) => c.pipelineId === p.id);
		if (children.length === 0) continue;
		out.push('{');
		for (const c of children) withExtension(c, true);
		out.push('}');
	}
	section();
	for (const e of map.evolves) {
		const source = nameOf.get(e.componentId) ?? '';
		const target = e.name ? `->${printName(e.name)}` : '';
		out.push(...commentLines(e.comments));
		out.push(`evolve ${printName(source)}${target} ${num(e.evolution)}${labelText(e.label)}${decoratorText(e.decorators)}`);
	}
	const evolveName = new Map<string, string>(map.evolves.map((e) => [e.id, e.name || (nameOf.get(e.componentId) ?? '')]));
	const endpoint = (id: EndpointId) => printName(nameOf.get(id) ?? evolveName.get(id) ?? '');
	section();
	for (const l of map.links) {
		const context = l.context ? `; ${freeText(l.context)}` : '';
		out.push(...commentLines(l.comments));
		out.push(`${endpoint(l.from)}${arrowText(l.flow, l.flowLabel)}${endpoint(l.to)}${context}`);
	}
	section();
	for (const n of map.notes) out.push(...commentLines(n.comments), `note ${printName(n.text)} ${coords(n)}`);
	for (const a of map.annotations) {
		const at = a.positions.length === 1 ? coords(a.positions[0]) : `[${a.positions.map(coords).join(', ')}]`;
		out.push(...commentLines(a.comments));
		out.push(`annotation ${num(a.number)} ${at}${a.text ? ' ' + freeText(a.text) : ''}`);
	}
	if (map.annotationsAt) out.push(`annotations ${coords(map.annotationsAt)}`);
	for (const a of map.areas) {
		out.push(...commentLines(a.comments));
		out.push(`${a.kind} [${[a.from.visibility, a.from.evolution, a.to.visibility, a.to.evolution].map(num).join(', ')}]`);
	}
	for (const a of map.accelerators) out.push(...commentLines(a.comments), `${a.kind} ${printName(a.name)} ${coords(a)}`);
	for (const [ref, url] of urls) out.push(`url ${ref} [${oneLine(url)}]`);
	const footer = commentLines(map.footer);
	if (footer.length > 0) {
		section();
		out.push(...footer);
	}
	if (trailer.length > 0) {
		section();
		out.push(...trailer);
	}
	while (out[out.length - 1] === '') out.pop();
	return out.join('\n') + '\n';
}
