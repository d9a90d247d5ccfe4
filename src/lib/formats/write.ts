// A map → the text formats (SVG, OWM, Mermaid, JSON, CSV). PNG, which needs a native renderer, is
// in src/lib/server/png.ts. Pure and deterministic: the same map and options give the same text.
import { VOCABULARY } from '../catalogue/vocabulary.js';
import { componentsToCsv } from './csv/index.js';
import type { MapSnapshot } from '../map/index.js';
import { printOwm } from './owm/index.js';
import { printMermaid } from './mermaid/index.js';
import { renderSvg, type ThemeName } from '../render/index.js';
import type { ExportFormat } from './file-formats.js';

export type TextFormat = Exclude<ExportFormat, 'png'>;

export interface WriteOptions {
	/** SVG: the drawing theme; default 'default'. */
	readonly theme?: ThemeName;
	/** SVG: canvas size in px; default the map's size, else 1100 × 700. */
	readonly width?: number;
	readonly height?: number;
	/** SVG: ids in focus (a filtered view, catalogue/focus.ts); the rest is dimmed. Default: all. */
	readonly focus?: ReadonlySet<string> | null;
	/** OWM: write Stackmap's own fields as `// stackmap:` comments (default true). */
	readonly extensions?: boolean;
	/** CSV: start with a UTF-8 byte-order mark so spreadsheet software reads accents (default false). */
	readonly bom?: boolean;
}

/** `map` as the text of `format`. JSON is the public snapshot format (docs/map.schema.json), indented. */
export function writeMapText(map: MapSnapshot, format: TextFormat, options: WriteOptions = {}): string {
	switch (format) {
		case 'svg':
			return renderSvg(map, { theme: options.theme, width: options.width, height: options.height, focus: options.focus });
		case 'owm':
			return printOwm(map, { extensions: options.extensions ?? true });
		case 'mermaid':
			return printMermaid(map);
		case 'json':
			return JSON.stringify(map, null, 2) + '\n';
		case 'csv':
			return componentsToCsv(map, VOCABULARY, { bom: options.bom ?? false });
	}
}
