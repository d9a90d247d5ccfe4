// A map → the text formats (SVG, OWM, Mermaid, JSON, CSV). PNG, which needs a native renderer, is
// in src/lib/server/png.ts. Pure and deterministic: the same map and options give the same text.
import { VOCABULARY } from '../catalogue/vocabulary.js';
import { componentsToCsv } from './csv/index.js';
import type { MapSnapshot } from '../map/index.js';
import { printOwm } from './owm/index.js';
import { printMermaid } from './mermaid/index.js';
import type { Offset } from '../map/index.js';
import { placedLabelOffsets, renderSvg, type ThemeName } from '../render/index.js';
import type { ExportFormat } from './file-formats.js';

export type TextFormat = Exclude<ExportFormat, 'png'>;

export interface WriteOptions {
	/** SVG: the drawing theme; default 'default'. */
	readonly theme?: ThemeName;
	/**
	 * SVG: canvas size in px; default the map's size, else defaultSize (grows with the component
	 * count). OWM with placedLabels: the size whose placement is written.
	 */
	readonly width?: number;
	readonly height?: number;
	/** SVG: ids in focus (a filtered view, catalogue/focus.ts); the rest is dimmed. Default: all. */
	readonly focus?: ReadonlySet<string> | null;
	/** OWM: write Stackmap's own fields as `// stackmap:` comments (default true). */
	readonly extensions?: boolean;
	/**
	 * OWM: write the label offsets where Stackmap draws the labels (at width × height), for labels
	 * placement moved, so that other tools draw them there too (default false: the map's own offsets).
	 */
	readonly placedLabels?: boolean;
	/** CSV: start with a UTF-8 byte-order mark so spreadsheet software reads accents (default false). */
	readonly bom?: boolean;
}

/** `map` as the text of `format`. JSON is the public snapshot format (docs/map.schema.json), indented. */
export function writeMapText(map: MapSnapshot, format: TextFormat, options: WriteOptions = {}): string {
	switch (format) {
		case 'svg':
			return renderSvg(map, { theme: options.theme, width: options.width, height: options.height, focus: options.focus });
		case 'owm':
			return printOwm(options.placedLabels ? withPlacedLabels(map, placedLabelOffsets(map, { width: options.width, height: options.height })) : map, {
				extensions: options.extensions ?? true
			});
		case 'mermaid':
			return printMermaid(map);
		case 'json':
			return JSON.stringify(map, null, 2) + '\n';
		case 'csv':
			return componentsToCsv(map, VOCABULARY, { bom: options.bom ?? false });
	}
}

/** `map` with the label offsets of `offsets` (by element id) written into its components and evolve moves. */
function withPlacedLabels(map: MapSnapshot, offsets: ReadonlyMap<string, Offset>): MapSnapshot {
	if (offsets.size === 0) return map;
	return {
		...map,
		components: map.components.map((c) => (offsets.has(c.id) ? { ...c, label: offsets.get(c.id)! } : c)),
		evolves: map.evolves.map((e) => (offsets.has(e.id) ? { ...e, label: offsets.get(e.id)! } : e))
	};
}
