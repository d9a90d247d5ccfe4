// A small strict XML well-formedness checker and reader for the SVG tests (no XML parser package
// is installed). Accepts an optional XML declaration and one root element; no DTD, CDATA or PIs.

export interface XmlElement {
	name: string;
	attrs: Record<string, string>;
	children: XmlElement[];
	/** Decoded text directly inside this element (text of children not included). */
	text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
	if (NOT_XML.test(raw)) throw new Error(`character not allowed in XML in ${where}`);
	let out = '';
	for (let i = 0; i < raw.length; i++) {
		const ch = raw[i];
		if (ch === '<') throw new Error(`raw < in ${where}`);
		if (ch !== '&') {
			out += ch;
			continue;
		}
		const m = ENTITY.exec(raw.slice(i));
		if (!m) throw new Error(`bad entity in ${where}: ${raw.slice(i, i + 12)}`);
		const name = m[1];
		out += name[0] === '#' ? String.fromCodePoint(parseInt(name.slice(name[1] === 'x' ? 2 : 1), name[1] === 'x' ? 16 : 10)) : NAMED[name];
		i += m[0].length - 1;
	}
	return out;
}

/** Parse `xml`, throwing on anything not well-formed; returns the root element. */
export function parseXml(xml: string): XmlElement {
	let i = 0;
	const decl = /^<\?xml version="1\.0"( encoding="UTF-8")?\?>\s*/.exec(xml);
	if (decl) i = decl[0].length;
	if (xml.slice(i).startsWith('<?') || xml.includes('<!')) throw new Error('PIs, comments, CDATA and DTDs are not expected');
	const stack: XmlElement[] = [];
	let root: XmlElement | null = null;
	while (i < xml.length) {
		const lt = xml.indexOf('<', i);
		const text = xml.slice(i, lt === -1 ? xml.length : lt);
		if (text.includes(']]>')) throw new Error(']]> in text');
		if (stack.length === 0) {
			if (text.trim() !== '') throw new Error(`text outside the root element: ${text.slice(0, 20)}`);
		} else stack[stack.length - 1].text += decode(text, `text of <${stack[stack.length - 1].name}>`);
		if (lt === -1) break;
		i = lt + 1;
		if (xml[i] === '/') {
			const m = NAME.exec(xml.slice(i + 1));
			if (!m) throw new Error(`bad end tag at ${i}`);
			i += 1 + m[0].length;
			while (/\s/.test(xml[i])) i++;
			if (xml[i] !== '>') throw new Error(`bad end tag </${m[0]} at ${i}`);
			i++;
			const open = stack.pop();
			if (!open || open.name !== m[0]) throw new Error(`</${m[0]}> closes <${open?.name ?? 'nothing'}>`);
			continue;
		}
		const m = NAME.exec(xml.slice(i));
		if (!m) throw new Error(`bad start tag at ${i}: ${xml.slice(i - 1, i + 20)}`);
		const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
		i += m[0].length;
		for (;;) {
			const space = /^\s*/.exec(xml.slice(i))![0];
			i += space.length;
			if (xml.startsWith('/>', i) || xml[i] === '>') break;
			if (space === '') throw new Error(`no space before attribute in <${el.name}> at ${i}`);
			const a = NAME.exec(xml.slice(i));
			if (!a) throw new Error(`bad attribute name in <${el.name}> at ${i}: ${xml.slice(i, i + 20)}`);
			i += a[0].length;
			if (xml[i] !== '=' || (xml[i + 1] !== '"' && xml[i + 1] !== "'")) throw new Error(`attribute ${a[0]} has no quoted value`);
			const quote = xml[i + 1];
			const end = xml.indexOf(quote, i + 2);
			if (end === -1) throw new Error(`unterminated attribute ${a[0]}`);
			if (a[0] in el.attrs) throw new Error(`duplicate attribute ${a[0]} in <${el.name}>`);
			el.attrs[a[0]] = decode(xml.slice(i + 2, end), `attribute ${a[0]}`);
			i = end + 1;
		}
		if (stack.length > 0) stack[stack.length - 1].children.push(el);
		else if (root) throw new Error('more than one root element');
		else root = el;
		if (xml.startsWith('/>', i)) i += 2;
		else {
			i += 1;
			stack.push(el);
		}
	}
	if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
	if (!root) throw new Error('no root element');
	return root;
}

/** Every element in the tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
	const out: XmlElement[] = [root];
	for (const child of root.children) out.push(...allElements(child));
	return out;
}

/** The element's text with its descendants' text, in document order. */
export function textContent(el: XmlElement): string {
	return el.text + el.children.map(textContent).join('');
}
