// Hostile shapes of input for the import parsers: the fuzz tests check what the parsers make of
// them, bench/formats.bench.ts times them (a unit test asserts no durations). Test-only.
import { CSV_CORPUS, JSON_CORPUS, MERMAID_CORPUS, OWM_CORPUS, grow, type Pathological } from './corpus.js';

/** OWM texts of about `bytes` characters each. */
export const OWM_SHAPES: Pathological = [
	['the corpus, repeated', (n) => grow(OWM_CORPUS.join('\n'), n)],
	['one line of spaces', (n) => 'component A [0.5, 0.5]' + ' '.repeat(n) + 'x'],
	['one long name', (n) => 'component ' + 'A'.repeat(n) + ' [0.5, 0.5]'],
	['open brackets', (n) => 'component A ' + '['.repeat(n)],
	['nested brackets', (n) => 'component A ' + '['.repeat(n / 2) + ']'.repeat(n / 2)],
	['open braces', (n) => 'pipeline A ' + '{'.repeat(n)],
	['unterminated quotes', (n) => grow('component "A [0.5, 0.5]\n', n)],
	['one unterminated quote', (n) => 'component "' + 'x'.repeat(n)],
	['unclosed comment', (n) => '/*' + grow('component A [0.5, 0.5]\n', n)],
	['links to everything', (n) => grow('A->B\nB->C\nC->A\n', n)],
	['a long chain', (n) => Array.from({ length: n / 12 }, (_, i) => `c${i}->c${i + 1}`).join('\n')],
	['many components', (n) => Array.from({ length: n / 30 }, (_, i) => `component C${i} [0.${i % 10}, 0.5]`).join('\n')],
	['blank lines', (n) => '\n'.repeat(n)],
	['lone CRs', (n) => grow('component A [0.5, 0.5]\r', n)]
];
/** The OWM shapes where a quadratic scan would hide: single lines and nesting. */
export const OWM_LINEAR = ['one line of spaces', 'one long name', 'open brackets', 'nested brackets', 'open braces', 'one unterminated quote', 'unclosed comment'];

/** Mermaid wardley-beta texts of about `bytes` characters each. */
export const MERMAID_SHAPES: Pathological = [
	['the corpus, repeated', (n) => 'wardley-beta\n' + grow(MERMAID_CORPUS.map((t) => t.replace(/^wardley-beta\n/, '')).join('\n'), n)],
	['one line of spaces', (n) => 'wardley-beta\ncomponent A [0.5, 0.5]' + ' '.repeat(n)],
	['open brackets', (n) => 'wardley-beta\ncomponent A ' + '['.repeat(n)],
	['open braces', (n) => 'wardley-beta\n' + '{'.repeat(n)],
	['one unterminated quote', (n) => 'wardley-beta\ncomponent "' + 'x'.repeat(n)],
	['comment lines', (n) => 'wardley-beta\n' + grow('%% c\n', n)],
	['many headers', (n) => grow('wardley-beta\n', n)],
	['many components', (n) => 'wardley-beta\n' + Array.from({ length: n / 30 }, (_, i) => `component C${i} [0.${i % 10}, 0.5]`).join('\n')],
	['links', (n) => 'wardley-beta\n' + Array.from({ length: n / 12 }, (_, i) => `c${i} -> c${i + 1}`).join('\n')]
];
/** The Mermaid shapes where a quadratic scan would hide. */
export const MERMAID_LINEAR = ['one line of spaces', 'open brackets', 'open braces', 'one unterminated quote'];

/** A CSV header with the columns the shapes fill. */
export const CSV_HEAD = 'Name,Supplier,Product,Depends on,Evolution,Visibility\n';

/** CSV registers of about `bytes` characters each. */
export const CSV_SHAPES: Pathological = [
	['the corpus, repeated', (n) => CSV_HEAD + grow(CSV_CORPUS.map((t) => t.split('\n').slice(1).join('\n')).join('\n'), n)],
	['rows', (n) => CSV_HEAD + grow('Kettle,Acme,"Boil 2","Water; Power",0.5,0.5\r\n', n)],
	['one unterminated quote', (n) => CSV_HEAD + '"' + 'x,'.repeat(n / 2)],
	['quotes everywhere', (n) => CSV_HEAD + '"'.repeat(n)],
	['doubled quotes', (n) => CSV_HEAD + '"' + '""'.repeat(n / 2) + '"'],
	['one huge cell', (n) => CSV_HEAD + 'A'.repeat(n)],
	['one very wide row', (n) => CSV_HEAD + ','.repeat(n)],
	['text after quotes', (n) => CSV_HEAD + grow('"a"b,', n)],
	['everyone depends on everyone', (n) => CSV_HEAD + Array.from({ length: n / 40 }, (_, i) => `C${i},,,"${'C' + (i + 1)};C0",0.5,0.5`).join('\n')],
	// Rows of register size: a megabyte of short rows is bound by the per-row cost, not the line ends.
	['lone CRs', (n) => CSV_HEAD + grow('Kettle,Acme,"Boil 2","Water; Power",0.5,0.5\r', n)],
	['blank lines', (n) => CSV_HEAD + '\n'.repeat(n)],
	['one name on every row', (n) => CSV_HEAD + grow('Kettle,Acme,"Boil 2","Water; Power",0.5,0.5\r\n', n)],
	['a dependency cell of many parts', (n) => CSV_HEAD + 'A,,,"' + 'x;'.repeat(n / 2) + '",0.5,0.5\n']
];
/** The CSV shapes where a quadratic scan would hide: single rows, cells and quotes. */
export const CSV_LINEAR = ['one name on every row', 'a dependency cell of many parts', 'one unterminated quote', 'quotes everywhere', 'doubled quotes', 'one huge cell', 'one very wide row'];

/** `n` copies of one name, each renamed on import ('Kettle (2)', …). */
export const csvRepeatedName = (n: number) => CSV_HEAD + 'Kettle,,,,0.5,0.5\n'.repeat(n);
/** One "Depends on" cell of `n` parts, the last two of which name a component ('A; B'). */
export const csvLongDependsOn = (n: number) => CSV_HEAD + 'A; B,,,,0.5,0.5\nC,,,"' + 'x;'.repeat(n) + 'A; B",0.5,0.5\n';

const one = JSON.parse(JSON_CORPUS[0]) as { components: unknown[] };
const element = JSON.stringify(one.components[0] ?? { id: 'a', name: 'A' });

/** Stackmap JSON texts of about `bytes` characters each. */
export const JSON_SHAPES: Pathological = [
	['many components', (n) => `{"schemaVersion":1,"title":"x","components":[${grow(element + ',', n).slice(0, -1)}]}`],
	['deep arrays', (n) => '['.repeat(n / 2) + ']'.repeat(n / 2)],
	['deep objects', (n) => '{"a":'.repeat(n / 10) + '1' + '}'.repeat(n / 10)],
	['deep components', (n) => `{"components":[${'{"name":'.repeat(n / 10)}1${'}'.repeat(n / 10)}]}`],
	['unclosed arrays', (n) => '{"components":' + '['.repeat(n)],
	['unclosed braces', (n) => '{'.repeat(n)],
	['one unterminated string', (n) => '{"title":"' + 'x'.repeat(n)],
	['one huge string', (n) => `{"title":"${'x'.repeat(n)}"}`],
	['whitespace lines', (n) => '{' + '\n'.repeat(n) + '"components":[1]}'],
	['bad elements on many lines', (n) => `{"components":[\n${grow('{"id":7},\n', n)}{}]}`]
];
/** The JSON shapes where a quadratic scan would hide: nesting and single long tokens. */
export const JSON_LINEAR = ['deep arrays', 'deep objects', 'unclosed arrays', 'one unterminated string', 'one huge string'];

const N = 100_000;
/** OWM and Mermaid lines of about 100,000 characters that once made a scan or a regex blow up. */
export const OWM_LINES: readonly (readonly [name: string, text: string])[] = [
	['spaces', 'component A' + ' '.repeat(N) + 'x'],
	['open brackets', 'component ' + '['.repeat(N)],
	['bracket runs', 'component ' + '[1,'.repeat(N / 3)],
	['parens', 'component ' + '(build'.repeat(N / 6)],
	['flow quotes', "A+'".repeat(N / 3)],
	['quotes', ' "'.repeat(N / 2)],
	['evolve numbers', 'evolve A ' + '1 '.repeat(N / 2)],
	['evolve inertia', 'evolve A ' + '1 inertia '.repeat(N / 10)],
	['comment starts', '/*'.repeat(N / 2)],
	['arrows', '-'.repeat(N) + '>'],
	['trend starts', '-.- ('.repeat(N / 5)],
	['trend digits', 'A -.- (' + '1'.repeat(N)],
	['many lines', 'component A [0.5, 0.5]\n'.repeat(N / 20)]
];
