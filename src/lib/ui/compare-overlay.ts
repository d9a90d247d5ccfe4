// Geometry of the compare overlay: both maps' component types on one evolution × visibility
// frame, an arrow from A's position to B's for each shared type, lone markers for types only one
// map has. Pure (no DOM); the Svelte component only draws it.
import type { Comparison } from '../catalogue/index.js';
import { typePhrase } from '../catalogue/index.js';
import { evolutionAxis, type AxisFrame } from './chart.js';

export interface OverlayArrow {
	readonly typeId: string;
	readonly label: string;
	readonly x1: number;
	readonly y1: number;
	readonly x2: number;
	readonly y2: number;
	/** Moved far enough to be worth a label on the drawing (every type is in the table anyway). */
	readonly labelled: boolean;
	readonly title: string;
}

export interface OverlayMarker {
	readonly typeId: string;
	readonly label: string;
	readonly x: number;
	readonly y: number;
	readonly title: string;
}

export interface CompareOverlayScene {
	readonly width: number;
	readonly height: number;
	readonly axis: AxisFrame;
	readonly top: number;
	readonly bottom: number;
	readonly arrows: readonly OverlayArrow[];
	readonly onlyA: readonly OverlayMarker[];
	readonly onlyB: readonly OverlayMarker[];
}

/** Evolution difference (0..1) from which a shared type gets a label on the drawing. */
export const LABEL_THRESHOLD = 0.1;

function mean(values: readonly number[]): number {
	return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0.5;
}

/** Lay out a comparison on a `width` × `height` px frame (default 960 × 600). */
export function compareOverlay(cmp: Comparison, names: { a: string; b: string }, width = 960, height = 600): CompareOverlayScene {
	const top = 24;
	const bottom = height - 48;
	const axis = evolutionAxis(48, width - 24);
	const y = (v: number) => top + (1 - Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0.5))) * (bottom - top);
	const phrase = (t: { typeId: string; type: Comparison['onlyA'][number]['type'] }) => (t.type ? typePhrase(t.type) : t.typeId);
	const short = (t: { typeId: string; type: Comparison['onlyA'][number]['type'] }) => (t.type ? t.type.name.replace(/\s*\([^)]*\)/g, '') : t.typeId);
	const arrows = cmp.both.map((s) => ({
		typeId: s.typeId,
		label: short(s),
		x1: axis.x(s.evolutionA),
		y1: y(s.visibilityA),
		x2: axis.x(s.evolutionB),
		y2: y(s.visibilityB),
		labelled: Math.abs(s.evolutionDelta) >= LABEL_THRESHOLD,
		title: `${phrase(s)}: ${names.a} ${s.evolutionA.toFixed(2)}, ${names.b} ${s.evolutionB.toFixed(2)}`
	}));
	const marker = (who: string) => (t: Comparison['onlyA'][number]) => {
		const e = mean(t.components.map((c) => c.evolution));
		return { typeId: t.typeId, label: short(t), x: axis.x(e), y: y(mean(t.components.map((c) => c.visibility))), title: `${phrase(t)}: only ${who} (${e.toFixed(2)})` };
	};
	const { left, right, dividers, stages } = axis;
	return { width, height, axis: { left, right, dividers, stages }, top, bottom, arrows, onlyA: cmp.onlyA.map(marker(names.a)), onlyB: cmp.onlyB.map(marker(names.b)) };
}
