// What the text parsers return: the map plus line-numbered errors and warnings.
// Pure types and a tiny collector; imports only map types.
import type { MapSnapshot, OverLimit } from '../../map/index.js';

/** A problem found on one line of the source text (line is 1-based). */
export interface Diagnostic {
	readonly line: number;
	readonly message: string;
}

/** The result of parsing OWM or Mermaid text: never thrown, always a usable map. */
export interface ParseResult {
	readonly map: MapSnapshot;
	readonly errors: Diagnostic[];
	readonly warnings: Diagnostic[];
	/** Set when the text passed a read limit: the parse stopped there and `map` is empty. */
	readonly overLimit?: OverLimit;
}

/** Collects diagnostics while parsing; kept in line order at the end. */
export class Diagnostics {
	readonly errors: Diagnostic[] = [];
	readonly warnings: Diagnostic[] = [];

	error(line: number, message: string): void {
		this.errors.push({ line, message });
	}

	warn(line: number, message: string): void {
		this.warnings.push({ line, message });
	}

	/** Errors and warnings sorted by line (stable, so same-line messages keep their order). */
	sorted(): { errors: Diagnostic[]; warnings: Diagnostic[] } {
		const byLine = (a: Diagnostic, b: Diagnostic) => a.line - b.line;
		return { errors: [...this.errors].sort(byLine), warnings: [...this.warnings].sort(byLine) };
	}
}
