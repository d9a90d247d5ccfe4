// Mermaid `wardley-beta` (v11.14+): parse with the OWM machinery in its Mermaid dialect, and
// print the subset Mermaid's grammar accepts. What Mermaid cannot say is listed in docs/formats.md.
import { DEFAULT_EVOLUTION_LABELS, NO_READ_LIMITS, emptySnapshot, tooManyLines, type Component, type EndpointId, type MapSnapshot, type ReadLimits } from '../../map/index.js';
import type { ParseResult } from '../owm/diagnostics.js';
import { needsQuotes } from '../owm/names.js';
import { parseText } from '../owm/parse.js';
import { arrowText } from '../owm/print.js';
import { quote, splitLines } from '../owm/text.js';

/** Blank out a surrounding ```mermaid fence and YAML front matter (keeping line numbers). */
function unwrap(text: string): { lines: string[]; title: string | null } {
	const lines = splitLines(text);
	let title: string | null = null;
	let first = lines.findIndex((l) => l.trim() !== '');
	if (first >= 0 && lines[first].trim().startsWith('```')) {
		lines[first] = '';
		const close = lines.findIndex((l, k) => k > first && l.trim().startsWith('```'));
		if (close >= 0) lines[close] = '';
		first = lines.findIndex((l) => l.trim() !== '');
	}
	if (first >= 0 && lines[first].trim() === '---') {
		const close = lines.findIndex((l, k) => k > first && l.trim() === '---');
		if (close > first) {
			for (let k = first; k <= close; k++) {
				const m = /^title:\s*(.*)$/.exec(lines[k].trim());
				if (m) title = m[1].replace(/^["']|["']$/g, '');
				lines[k] = '';
			}
		}
	}
	return { lines, title };
}

/**
 * Parse Mermaid `wardley-beta` text (a ```mermaid fence and YAML front matter are accepted).
 * Same result shape and guarantees as parseOwm: never throws, line-numbered diagnostics, stops
 * past one of `limits`.
 */
export function parseMermaid(text: string, limits: ReadLimits = NO_READ_LIMITS): ParseResult {
	const source = typeof text === 'string' ? text.replace(/^\uFEFF/, '') : '';
	const long = tooManyLines(source, limits.maxLines);
	if (long) return { map: emptySnapshot(), errors: [], warnings: [], overLimit: long };
	const { lines, title } = unwrap(source);
	const header = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('%%'));
	const headerOk = header >= 0 && lines[header].trim() === 'wardley-beta';
	if (title !== null && !lines.some((l) => /^title(\s|$)/.test(l))) {
		// Front-matter title: put it where the parser finds it, on a blanked line.
		const slot = lines.findIndex((l) => l === '');
		if (slot >= 0) lines[slot] = `title ${title}`;
	}
	const result = parseText(lines.join('\n'), 'mermaid', limits);
	if (headerOk) return result;
	const warning = { line: header >= 0 ? header + 1 : 1, message: 'a Mermaid Wardley map starts with "wardley-beta"' };
	return { ...result, warnings: [warning, ...result.warnings] };
}

// Mermaid's NAME_WITH_SPACES terminal: a letter, then letters, digits, _()& or a hyphen not before `>`.
const MERMAID_NAME = /^[A-Za-z](?:[A-Za-z0-9_()&]|-(?!>))*(?:[ \t]+[A-Za-z(](?:[A-Za-z0-9_()&]|-(?!>))*)*$/;

// Mermaid's lexer takes a keyword even at the start of a longer word (`labelling` → `label` `ling`).
const MERMAID_KEYWORD = /^(title|accTitle|accDescr|wardley-beta|size|evolution|anchor|component|label|evolve|pipeline|note|annotations?|accelerator|deaccelerator|build|buy|outsource|market|inertia)/i;

function mermaidName(name: string): string {
	return needsQuotes(name) || !MERMAID_NAME.test(name) || MERMAID_KEYWORD.test(name) ? quote(name) : name;
}

/** Mermaid numbers need a decimal point (`1.0`, not `1`) and no exponent; the value stays exact. */
function mnum(n: number): string {
	const s = String(Object.is(n, -0) ? 0 : n);
	if (!s.includes('e')) return s.includes('.') ? s : `${s}.0`;
	const [mantissa, exp] = s.split('e');
	const sign = mantissa.startsWith('-') ? '-' : '';
	const bare = mantissa.replace('-', '');
	const digits = bare.replace('.', '');
	const point = (bare.includes('.') ? bare.indexOf('.') : bare.length) + Number(exp);
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Mermaid's parser refuses coordinates outside 0..1, which OWM and Stackmap allow. */
const unit = (n: number) => Math.min(1, Math.max(0, n));

const at = (p: { visibility: number; evolution: number }) => `[${mnum(unit(p.visibility))}, ${mnum(unit(p.evolution))}]`;

function stage(label: string): string {
	const parts = label.split(' / ');
	return parts.length <= 2 && parts.every((p) => MERMAID_NAME.test(p.trim())) ? label : quote(label);
}

function componentLine(c: Component, child: boolean): string {
	const kind = c.kind === 'anchor' ? 'anchor' : 'component';
	const where = child ? `[${mnum(unit(c.evolution))}]` : at(c);
	const label = c.label ? ` label [${Math.round(c.label.x)}, ${Math.round(c.label.y)}]` : '';
	const d = c.decorators;
	const strategy = d.build ? 'build' : d.buy ? 'buy' : d.outsource ? 'outsource' : d.market ? 'market' : '';
	// Mermaid's pipeline children are components with a name, an evolution and a label, nothing more.
	if (child) return `component ${mermaidName(c.name)} ${where}${label}`;
	if (kind === 'anchor') return `anchor ${mermaidName(c.name)} ${where}`;
	return `component ${mermaidName(c.name)} ${where}${label}${strategy ? ` (${strategy})` : ''}${c.inertia ? ' (inertia)' : ''}`;
}

/**
 * Print a map as Mermaid `wardley-beta`. Mermaid has no PST areas, submaps (printed as plain
 * components), styles, hidden axes, evolve renames/labels, ecosystem or multiple decorators.
 */
export function printMermaid(map: MapSnapshot): string {
	const out = ['wardley-beta', `title ${map.title.replace(/\s*\n\s*/g, ' ')}`];
	if (map.description) {
		out.push(map.description.includes('\n') ? `accDescr {\n${map.description.replace(/}/g, ')')}\n}` : `accDescr: ${map.description}`);
	}
	if (map.size.width || map.size.height) out.push(`size [${Math.round(map.size.width)}, ${Math.round(map.size.height)}]`);
	const labels = map.evolutionLabels;
	if (labels.some((l, k) => l !== DEFAULT_EVOLUTION_LABELS[k])) out.push(`evolution ${labels.map(stage).join(' -> ')}`);
	out.push('');
	const pipelineIds = new Set(map.pipelines.map((p) => p.id));
	const isChild = (c: Component) => c.pipelineId !== null && pipelineIds.has(c.pipelineId);
	for (const c of map.components) if (!isChild(c)) out.push(componentLine(c, false));
	const nameOf = new Map<string, string>(map.components.map((c) => [c.id, c.name]));
	for (const p of map.pipelines) {
		const children = map.components.filter((c) => c.pipelineId === p.id);
		if (children.length === 0) continue;
		out.push('', `pipeline ${mermaidName(nameOf.get(p.componentId) ?? '')} {`);
		for (const c of children) out.push('  ' + componentLine(c, true));
		out.push('}');
	}
	out.push('');
	const evolveSource = new Map<string, string>(map.evolves.map((e) => [e.id, nameOf.get(e.componentId) ?? '']));
	const endpoint = (id: EndpointId) => mermaidName(nameOf.get(id) ?? evolveSource.get(id) ?? '');
	for (const l of map.links) {
		const context = l.context ? `; ${l.context.replace(/\s*\n\s*/g, ' ')}` : '';
		out.push(`${endpoint(l.from)} ${arrowText(l.flow, l.flowLabel)} ${endpoint(l.to)}${context}`);
	}
	for (const e of map.evolves) out.push(`evolve ${mermaidName(nameOf.get(e.componentId) ?? '')} ${mnum(unit(e.evolution))}`);
	out.push('');
	for (const n of map.notes) out.push(`note ${quote(n.text)} ${at(n)}`);
	if (map.annotationsAt) out.push(`annotations ${at(map.annotationsAt)}`);
	for (const a of map.annotations) for (const p of a.positions) out.push(`annotation ${Math.round(a.number)},${at(p)} ${quote(a.text)}`);
	for (const a of map.accelerators) out.push(`${a.kind} ${mermaidName(a.name)} ${at(a)}`);
	while (out[out.length - 1] === '') out.pop();
	return out.join('\n') + '\n';
}
