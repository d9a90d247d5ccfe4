// Scene builders for the other map elements: evolve arrows, pipelines, notes, PST areas and
// accelerators. Each returns one item per element it draws, keyed by the element id.
import type { MapSnapshot } from '../map/index.js';
import { POINT_HIT, type End } from './components.js';
import { textBlock, type Projection } from './layout.js';
import { edgeToEdge, LINE_HIT } from './links.js';
import { arrowhead, blockArrow } from './path.js';
import type { AcceleratorItem, AreaItem, EvolveItem, NoteItem, PipelineItem } from './scene-types.js';
import { wrapText } from './text.js';
import type { Theme } from './theme.js';

/** Dashed arrows from each evolving component to its evolved copy (same visibility). */
export function buildEvolves(map: MapSnapshot, ends: ReadonlyMap<string, End>, theme: Theme): EvolveItem[] {
	const items: EvolveItem[] = [];
	for (const e of map.evolves) {
		const from = ends.get(e.componentId);
		const to = ends.get(e.id);
		if (!from || !to) continue;
		const s = edgeToEdge(from, to);
		const length = Math.hypot(s.x2 - s.x1, s.y2 - s.y1);
		const head = length > 0 ? arrowhead(s.x2, s.y2, Math.atan2(s.y2 - s.y1, s.x2 - s.x1), theme.stroke.evolve * 3 + 5) : '';
		items.push({ key: `evolves/${e.id}/arrow`, collection: 'evolves', id: e.id, hit: LINE_HIT, ...s, head });
	}
	return items;
}

/** Pipeline boxes at the parent's visibility: spanning the children, else start..end, else none (hidden). */
export function buildPipelines(map: MapSnapshot, p: Projection, theme: Theme): PipelineItem[] {
	const span = new Map<string, { min: number; max: number }>();
	for (const c of map.components) {
		if (!c.pipelineId) continue;
		const s = span.get(c.pipelineId);
		if (s) {
			s.min = Math.min(s.min, c.evolution);
			s.max = Math.max(s.max, c.evolution);
		} else span.set(c.pipelineId, { min: c.evolution, max: c.evolution });
	}
	const visibilityOf = new Map(map.components.map((c) => [c.id as string, c.visibility]));
	const pad = theme.radius + 8;
	const items: PipelineItem[] = [];
	for (const pipeline of map.pipelines) {
		const visibility = visibilityOf.get(pipeline.componentId);
		if (visibility === undefined) continue;
		const children = span.get(pipeline.id);
		let left: number;
		let right: number;
		if (children) {
			left = p.x(children.min) - pad;
			right = p.x(children.max) + pad;
		} else if (pipeline.start !== null && pipeline.end !== null) {
			left = p.x(Math.min(pipeline.start, pipeline.end));
			right = p.x(Math.max(pipeline.start, pipeline.end));
		} else continue;
		const y = p.y(visibility);
		items.push({
			key: `pipelines/${pipeline.id}`,
			collection: 'pipelines',
			id: pipeline.id,
			hit: LINE_HIT,
			box: { x: left, y: y - pad, width: right - left, height: pad * 2 }
		});
	}
	return items;
}

/** Notes: bold free text whose first baseline is at the note's point. */
export function buildNotes(map: MapSnapshot, p: Projection, theme: Theme): NoteItem[] {
	const size = theme.font.note;
	const lineHeight = size * theme.lineHeight;
	return map.notes.map((n) => ({
		key: `notes/${n.id}`,
		collection: 'notes',
		id: n.id,
		hit: LINE_HIT,
		text: textBlock(p.x(n.evolution), p.y(n.visibility), wrapText(n.text, theme.labelWrap * 1.5, size, true), {
			size,
			lineHeight,
			bold: true
		})
	}));
}

const AREA_NAMES = { pioneers: 'Pioneers', settlers: 'Settlers', townplanners: 'Town planners' } as const;

/** PST areas: a translucent rectangle between the two corners, labelled with its kind. */
export function buildAreas(map: MapSnapshot, p: Projection, theme: Theme): AreaItem[] {
	const size = theme.font.label;
	return map.areas.map((a) => {
		const x1 = p.x(Math.min(a.from.evolution, a.to.evolution));
		const x2 = p.x(Math.max(a.from.evolution, a.to.evolution));
		const y1 = p.y(Math.max(a.from.visibility, a.to.visibility));
		const y2 = p.y(Math.min(a.from.visibility, a.to.visibility));
		return {
			key: `areas/${a.id}`,
			collection: 'areas',
			id: a.id,
			hit: LINE_HIT,
			kind: a.kind,
			box: { x: x1, y: y1, width: x2 - x1, height: y2 - y1 },
			label: textBlock(x1 + 6, y1 + size + 4, [AREA_NAMES[a.kind]], { size, lineHeight: size * theme.lineHeight, bold: true })
		};
	});
}

/** Accelerators (block arrow to the right) and deaccelerators (to the left), labelled below. */
export function buildAccelerators(map: MapSnapshot, p: Projection, theme: Theme): AcceleratorItem[] {
	const size = theme.font.label;
	const lineHeight = size * theme.lineHeight;
	const w = size * 5;
	const h = size * 2.2;
	return map.accelerators.map((a) => {
		const x = p.x(a.evolution);
		const y = p.y(a.visibility);
		return {
			key: `accelerators/${a.id}`,
			collection: 'accelerators',
			id: a.id,
			hit: Math.max(POINT_HIT, h / 2),
			kind: a.kind,
			x,
			y,
			d: blockArrow(x, y, w, h, a.kind === 'accelerator' ? 1 : -1),
			label: textBlock(x, y + h / 2 + size + 2, wrapText(a.name, theme.labelWrap, size), { size, lineHeight, anchor: 'middle' })
		};
	});
}
