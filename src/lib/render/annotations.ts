// Scene builder for annotations: a numbered circle at each position, and the legend box listing
// "n. text" at map.annotationsAt (its top-left corner) or, by default, the plot's bottom-left corner.
import type { MapSnapshot } from '../map/index.js';
import { POINT_HIT } from './components.js';
import { textBlock, type Projection } from './layout.js';
import type { AnnotationItem, LegendItem } from './scene-types.js';
import { wrapText } from './text.js';
import type { Theme } from './theme.js';

/** Annotation markers and their legend (null when the map has no annotations). */
export function buildAnnotations(
	map: MapSnapshot,
	p: Projection,
	theme: Theme,
	canvas: { width: number; height: number }
): { items: AnnotationItem[]; legend: LegendItem | null } {
	const size = theme.font.annotation;
	const r = Math.max(8, size * 0.85);
	const items = map.annotations.map((a) => ({
		key: `annotations/${a.id}`,
		collection: 'annotations' as const,
		id: a.id,
		hit: POINT_HIT,
		number: String(a.number),
		circles: a.positions.map((pos) => ({ x: p.x(pos.evolution), y: p.y(pos.visibility), r }))
	}));
	if (map.annotations.length === 0) return { items, legend: null };

	const lineHeight = size * theme.lineHeight;
	const lines: string[] = [];
	const sorted = [...map.annotations].sort((a, b) => a.number - b.number || a.order - b.order);
	for (const a of sorted) {
		const wrapped = wrapText(`${a.number}. ${a.text}`, 300, size);
		lines.push(...(wrapped.length > 0 ? wrapped : [`${a.number}.`]));
	}
	const pad = 8;
	const title = textBlock(0, 0, ['Annotations'], { size, lineHeight, bold: true });
	const entries = textBlock(0, 0, lines, { size, lineHeight });
	const width = Math.max(title.bounds.width, entries.bounds.width) + pad * 2;
	const height = lineHeight * (lines.length + 1) + pad * 2 - (lineHeight - size);
	const { plot } = p;
	const at = map.annotationsAt;
	let x = at ? p.x(at.evolution) : plot.x + 10;
	let y = at ? p.y(at.visibility) : plot.y + plot.height - 10 - height;
	x = Math.max(0, Math.min(x, canvas.width - width));
	y = Math.max(0, Math.min(y, canvas.height - height));
	const first = y + pad + size * 0.8;
	return {
		items,
		legend: {
			key: 'meta/annotationsAt',
			collection: 'meta',
			id: 'annotationsAt',
			hit: 12,
			box: { x, y, width, height },
			title: textBlock(x + pad, first, title.lines, { size, lineHeight, bold: true }),
			entries: textBlock(x + pad, first + lineHeight, lines, { size, lineHeight })
		}
	};
}
