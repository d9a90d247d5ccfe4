// Turn parsed drafts into a frozen MapSnapshot: give ids and source order, resolve names
// (links, evolves, pipelines, legacy build/buy/outsource lines, urls, stackmap comments) and
// report what cannot be resolved. Name matching is case-insensitive with whitespace collapsed.
import {
	SCHEMA_VERSION,
	emptySnapshot,
	newId,
	type Accelerator,
	type Annotation,
	type Area,
	type Note,
	type Component,
	type ComponentId,
	type EndpointId,
	type Evolve,
	type EvolveId,
	type Link,
	type MapSnapshot,
	type Pipeline,
	type PipelineId
} from '../../map/index.js';
import type { Diagnostics } from './diagnostics.js';
import type { ComponentDraft, Drafts, PipelineDraft } from './drafts.js';
import { readExtension } from './extension.js';
import { clip, MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from './limits.js';
import { parseLinkLine } from './link-line.js';
import { normalizeName, type Dialect } from './text.js';

/** The title a map gets when the text has none (the model's own default). */
export const DEFAULT_TITLE = emptySnapshot().title;

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value)) deepFreeze(v);
	}
	return value;
}

/** Give plain records fresh ids and their source order (1-based). */
function withIds<T extends { id: string; order: number }>(items: readonly Omit<T, 'id' | 'order'>[]): T[] {
	return items.map((item, k) => ({ ...item, id: newId(), order: k + 1 }) as T);
}

function indexByName<T>(items: readonly T[], nameOf: (t: T) => string): Map<string, T[]> {
	const index = new Map<string, T[]>();
	for (const item of items) {
		const key = normalizeName(nameOf(item));
		const list = index.get(key);
		if (list) list.push(item);
		else index.set(key, [item]);
	}
	return index;
}

/**
 * Components by normalised name. When a name is declared more than once, lookups take components
 * outside pipelines first, then pipeline children by pipeline: the order printOwm writes them
 * in, so a printed map resolves names exactly as its source did.
 */
function rankedByName(drafts: Drafts): Map<string, ComponentDraft[]> {
	const pipelineIndex = new Map(drafts.pipelines.map((p, k) => [p, k]));
	const rank = new Map(
		drafts.components.map((c, k) => [c, c.pipeline ? [1, pipelineIndex.get(c.pipeline) ?? 0, k] : [0, 0, k]] as const)
	);
	const byName = indexByName(drafts.components, (c) => c.name);
	for (const list of byName.values()) {
		list.sort((a, b) => {
			const [ra, rb] = [rank.get(a)!, rank.get(b)!];
			return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2];
		});
	}
	return byName;
}

function applyMethods(drafts: Drafts, byName: Map<string, ComponentDraft[]>, diag: Diagnostics, dialect: Dialect): void {
	for (const m of drafts.methods) {
		const target = byName.get(normalizeName(m.name))?.[0];
		if (target) {
			target.decorators[m.word] = true;
			diag.warn(m.line, `"${m.word} ${m.name}" is legacy syntax: written back as component … (${m.word})`);
			continue;
		}
		const asLink = parseLinkLine(m.whole, m.line, dialect);
		// Current OWM draws links whose first name starts with a keyword (`build team->x`), so no warning.
		if ('link' in asLink) drafts.links.push(asLink.link);
		else diag.warn(m.line, `"${m.word} ${m.name}": no component named "${m.name}"; ignored`);
	}
}

function applyExtensions(drafts: Drafts, byName: Map<string, ComponentDraft[]>, diag: Diagnostics): void {
	for (const ext of drafts.extensions) {
		const read = readExtension(ext.json);
		if ('error' in read) {
			diag.warn(ext.line, read.error);
			continue;
		}
		if (read.kind === 'map') {
			if (read.fields.description !== undefined) drafts.description = read.fields.description;
			if (read.fields.vestingDate) drafts.vestingDate = read.fields.vestingDate;
			if (read.fields.valueChainLabels) drafts.valueChainLabels = read.fields.valueChainLabels;
			continue;
		}
		const candidates = byName.get(normalizeName(read.name)) ?? [];
		// The comment belongs to the nearest component of that name above it.
		const target = [...candidates].reverse().find((c) => c.line <= ext.line) ?? candidates[0];
		if (!target) diag.warn(ext.line, `stackmap comment for "${read.name}": no such component; ignored`);
		else {
			Object.assign(target.council, read.fields);
			if (read.labelPinned) target.labelPinned = true;
		}
		if (read.warning) diag.warn(ext.line, read.warning);
	}
}

/** Resolve pipelines to their components; children take the parent's visibility. */
function resolvePipelines(drafts: Drafts, diag: Diagnostics, orphans: string[]) {
	const pipelines: Pipeline[] = [];
	const idOf = new Map<PipelineDraft, PipelineId>();
	const parentOf = new Map<PipelineDraft, ComponentDraft>();
	const componentIds = new Map<ComponentDraft, ComponentId>();
	for (const c of drafts.components) componentIds.set(c, newId<ComponentId>());
	// First drop pipelines naming no component (freeing their children), so name ranks are final.
	const names = indexByName(drafts.components, (c) => c.name);
	const kept = new Set(drafts.pipelines.filter((p) => (names.get(normalizeName(p.name)) ?? []).some((c) => c.pipeline !== p)));
	for (const p of drafts.pipelines) {
		if (kept.has(p)) continue;
		diag.warn(p.line, `pipeline "${p.name}": no component of that name; the pipeline is dropped and its children kept as components`);
		if (p.comments) orphans.push(p.comments);
	}
	for (const c of drafts.components) if (c.pipeline && !kept.has(c.pipeline)) c.pipeline = null;
	const byName = rankedByName(drafts);
	const owned = new Set<ComponentDraft>();
	for (const p of kept) {
		const parent = byName.get(normalizeName(p.name))!.find((c) => c.pipeline !== p)!;
		if (owned.has(parent)) diag.warn(p.line, `"${p.name}" already has a pipeline; this one is kept as a second pipeline`);
		owned.add(parent);
		const id = newId<PipelineId>();
		idOf.set(p, id);
		parentOf.set(p, parent);
		pipelines.push({ id, componentId: componentIds.get(parent)!, start: p.start, end: p.end, ...commentsOf(diag, p.line, p.comments), order: pipelines.length + 1 });
	}
	// Children of children: copy visibilities down until nothing changes (a cycle settles at once).
	for (let round = 0; round <= drafts.pipelines.length; round++) {
		let changed = false;
		for (const c of drafts.components) {
			const parent = c.pipeline && parentOf.get(c.pipeline);
			if (parent && c.visibility !== parent.visibility) {
				c.visibility = parent.visibility;
				changed = true;
			}
		}
		if (!changed) break;
	}
	return { pipelines, idOf, componentIds };
}

/** Mermaid has one position per annotation line: lines with the same number and text are one annotation. */
function mergeAnnotations(items: Drafts['annotations']): Drafts['annotations'] {
	const byKey = new Map<string, { number: number; text: string; positions: Annotation['positions'][number][] }>();
	for (const a of items) {
		const key = `${a.number}\u0000${a.text}`;
		const seen = byKey.get(key);
		if (seen) seen.positions.push(...a.positions);
		else byKey.set(key, { number: a.number, text: a.text, positions: [...a.positions] });
	}
	return [...byKey.values()];
}

function clipCouncil(c: ComponentDraft, diag: Diagnostics): ComponentDraft['council'] {
	const text = (what: string, v: string) => clip(diag, c.line, what, v, MAX_TEXT_LENGTH);
	const k = c.council;
	return {
		componentType: text('componentType', k.componentType),
		product: text('product', k.product),
		supplier: text('supplier', k.supplier),
		lifecycle: k.lifecycle,
		notes: text('notes', k.notes),
		predecessors: k.predecessors.map((p) => clip(diag, c.line, 'predecessor', p, MAX_NAME_LENGTH)),
		// Already checked against the model's limits when read (readExtension).
		...(k.contracts?.length ? { contracts: k.contracts } : {})
	};
}

/** Comment lines as an element keeps them: absent when none, cut to the text limit. */
function commentsOf(diag: Diagnostics, line: number, comments: string | undefined): { comments?: string } {
	return comments ? { comments: clip(diag, line, 'comments', comments, MAX_TEXT_LENGTH) } : {};
}

/** Build the snapshot from everything read. Never throws. */
export function finalize(drafts: Drafts, diag: Diagnostics, dialect: Dialect): MapSnapshot {
	// Comments of lines that make no element (an unresolved link, a dropped pipeline) go to the footer.
	const orphans: string[] = [];
	const { pipelines, idOf, componentIds } = resolvePipelines(drafts, diag, orphans);
	const byName = rankedByName(drafts);
	for (const list of byName.values()) {
		for (const dup of list.slice(1)) {
			diag.warn(dup.line, `"${dup.name}" is declared more than once; links and evolves use the one on line ${list[0].line}`);
		}
	}
	applyMethods(drafts, byName, diag, dialect);
	applyExtensions(drafts, byName, diag);
	const usedRefs = new Set<string>();
	for (const c of drafts.components) {
		if (!c.submapRef) continue;
		usedRefs.add(c.submapRef);
		c.submapUrl = drafts.urls.get(c.submapRef)?.address ?? '';
	}
	for (const [ref, u] of drafts.urls) if (!usedRefs.has(ref)) diag.warn(u.line, `url ${ref} is not used by any submap; it is dropped`);
	const components: Component[] = drafts.components.map((c, k) => ({
		id: componentIds.get(c)!,
		kind: c.kind,
		name: clip(diag, c.line, 'name', c.name, MAX_NAME_LENGTH),
		evolution: c.evolution,
		visibility: c.visibility,
		label: c.label,
		...(c.labelPinned && c.label ? { labelPinned: true } : {}),
		inertia: c.inertia,
		decorators: { ...c.decorators },
		pipelineId: c.pipeline ? idOf.get(c.pipeline)! : null,
		submapRef: clip(diag, c.line, 'url ref', c.submapRef, MAX_TEXT_LENGTH),
		submapUrl: clip(diag, c.line, 'url', c.submapUrl, MAX_TEXT_LENGTH),
		...clipCouncil(c, diag),
		...commentsOf(diag, c.line, c.comments),
		order: k + 1
	}));

	const evolves: Evolve[] = [];
	for (const e of drafts.evolves) {
		const source = byName.get(normalizeName(e.source))?.[0];
		if (!source) {
			diag.warn(e.line, `evolve "${e.source}": no component of that name; ignored`);
			if (e.comments) orphans.push(e.comments);
			continue;
		}
		const { line: _line, source: _source, comments, ...rest } = e;
		const name = clip(diag, e.line, 'name', e.name, MAX_NAME_LENGTH);
		evolves.push({ ...rest, name, decorators: { ...e.decorators }, id: newId<EvolveId>(), componentId: componentIds.get(source)!, ...commentsOf(diag, e.line, comments), order: evolves.length + 1 });
	}
	const evolvedByName = indexByName(evolves.filter((e) => e.name !== ''), (e) => e.name);
	const endpoint = (name: string): EndpointId | null => {
		const key = normalizeName(name);
		const c = byName.get(key)?.[0];
		if (c) return componentIds.get(c)!;
		return evolvedByName.get(key)?.[0]?.id ?? null;
	};
	const links: Link[] = [];
	for (const l of drafts.links) {
		const from = endpoint(l.from);
		const to = endpoint(l.to);
		const missing = [from === null ? l.from : null, to === null ? l.to : null].filter((n) => n !== null);
		if (from === null || to === null) {
			diag.warn(l.line, `link ${l.from} -> ${l.to}: no component named ${missing.map((n) => `"${n}"`).join(' or ')}; OWM ignores this link`);
			if (l.comments) orphans.push(l.comments);
			continue;
		}
		// A self-link (A->A) is kept, so round trips keep the line; the map draws nothing for it.
		const context = clip(diag, l.line, 'context', l.context, MAX_TEXT_LENGTH);
		const flowLabel = clip(diag, l.line, 'flow label', l.flowLabel, MAX_TEXT_LENGTH);
		links.push({ id: newId(), from, to, context, flow: l.flow, flowLabel, ...commentsOf(diag, l.line, l.comments), order: links.length + 1 });
	}

	const footer = [...orphans, drafts.footer].filter((t) => t !== '').join('\n');
	const clipped = <T extends { comments?: string }>(items: readonly T[]) => items.map((t) => ({ ...t, ...commentsOf(diag, 1, t.comments) }));
	const snapshot: MapSnapshot = {
		schemaVersion: SCHEMA_VERSION,
		title: clip(diag, drafts.titleLine, 'title', drafts.title ?? DEFAULT_TITLE, MAX_NAME_LENGTH),
		description: clip(diag, 1, 'description', drafts.description, MAX_TEXT_LENGTH),
		...(drafts.vestingDate ? { vestingDate: drafts.vestingDate } : {}),
		style: drafts.style,
		size: drafts.size,
		evolutionLabels: drafts.evolutionLabels.map((l) => clip(diag, 1, 'stage label', l, MAX_NAME_LENGTH)) as unknown as MapSnapshot['evolutionLabels'],
		valueChainLabels: {
			axis: clip(diag, 1, 'axis label', drafts.valueChainLabels.axis, MAX_NAME_LENGTH),
			top: clip(diag, 1, 'axis label', drafts.valueChainLabels.top, MAX_NAME_LENGTH),
			bottom: clip(diag, 1, 'axis label', drafts.valueChainLabels.bottom, MAX_NAME_LENGTH)
		},
		hideEvolution: drafts.hideEvolution,
		hideValueChain: drafts.hideValueChain,
		annotationsAt: drafts.annotationsAt,
		...(drafts.header ? { header: clip(diag, 1, 'header comments', drafts.header, MAX_TEXT_LENGTH) } : {}),
		...(footer ? { footer: clip(diag, 1, 'footer comments', footer, MAX_TEXT_LENGTH) } : {}),
		components,
		links,
		evolves,
		pipelines,
		notes: withIds<Note>(clipped(drafts.notes)),
		annotations: withIds<Annotation>(dialect === 'mermaid' ? mergeAnnotations(drafts.annotations) : clipped(drafts.annotations)),
		areas: withIds<Area>(clipped(drafts.areas)),
		accelerators: withIds<Accelerator>(clipped(drafts.accelerators))
	};
	return deepFreeze(snapshot);
}
