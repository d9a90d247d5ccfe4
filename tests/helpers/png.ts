// A tiny PNG decoder for tests (no image package is installed): 8-bit greyscale, RGB, RGBA and
// grey+alpha, non-interlaced, all five filters, via node:zlib. Enough for resvg's and Chromium's output.
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
	readonly width: number;
	readonly height: number;
	/** RGBA, 4 bytes per pixel, row by row. */
	readonly rgba: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Width and height from the IHDR chunk, without decoding. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
	const b = Buffer.from(png);
	if (!SIGNATURE.every((v, i) => b[i] === v)) throw new Error('not a PNG');
	return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function paeth(a: number, b: number, c: number): number {
	const p = a + b - c;
	const pa = Math.abs(p - a);
	const pb = Math.abs(p - b);
	const pc = Math.abs(p - c);
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decode a PNG into RGBA pixels. Throws on what it does not support (palette, 16-bit, interlace). */
export function decodePng(png: Uint8Array): DecodedPng {
	const b = Buffer.from(png);
	const { width, height } = pngSize(b);
	const depth = b[24];
	const colour = b[25];
	const interlace = b[28];
	const channels = CHANNELS[colour];
	if (depth !== 8 || !channels || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, colour ${colour}, interlace ${interlace}`);
	const idat: Buffer[] = [];
	for (let at = 8; at < b.length; ) {
		const length = b.readUInt32BE(at);
		const type = b.toString('latin1', at + 4, at + 8);
		if (type === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + length));
		at += 12 + length;
	}
	const raw = inflateSync(Buffer.concat(idat));
	const stride = width * channels;
	const pixels = new Uint8Array(stride * height);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		const row = y * stride;
		for (let x = 0; x < stride; x++) {
			const v = raw[y * (stride + 1) + 1 + x];
			const left = x >= channels ? pixels[row + x - channels] : 0;
			const up = y > 0 ? pixels[row - stride + x] : 0;
			const upLeft = y > 0 && x >= channels ? pixels[row - stride + x - channels] : 0;
			const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
			if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`);
			pixels[row + x] = (v + predictor) & 0xff;
		}
	}
	const rgba = new Uint8Array(width * height * 4);
	for (let i = 0; i < width * height; i++) {
		const p = pixels.subarray(i * channels, i * channels + channels);
		const [r, g, bl, a] = channels === 1 ? [p[0], p[0], p[0], 255] : channels === 2 ? [p[0], p[0], p[0], p[1]] : channels === 3 ? [p[0], p[1], p[2], 255] : [p[0], p[1], p[2], p[3]];
		rgba.set([r, g, bl, a], i * 4);
	}
	return { width, height, rgba };
}

export interface PixelDiff {
	/** Mean absolute difference per channel (0..255) over all pixels, RGB composited on white. */
	readonly mean: number;
	/** Share (0..1) of pixels whose largest channel difference exceeds `tolerance`. */
	readonly differing: number;
}

/** Compare two same-sized images, alpha composited on white first. */
export function pixelDiff(a: DecodedPng, b: DecodedPng, tolerance = 64): PixelDiff {
	if (a.width !== b.width || a.height !== b.height) throw new Error(`sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
	let sum = 0;
	let differing = 0;
	const n = a.width * a.height;
	const onWhite = (img: DecodedPng, i: number, c: number) => img.rgba[i * 4 + c] * (img.rgba[i * 4 + 3] / 255) + 255 * (1 - img.rgba[i * 4 + 3] / 255);
	for (let i = 0; i < n; i++) {
		let worst = 0;
		for (let c = 0; c < 3; c++) {
			const d = Math.abs(onWhite(a, i, c) - onWhite(b, i, c));
			sum += d;
			if (d > worst) worst = d;
		}
		if (worst > tolerance) differing++;
	}
	return { mean: sum / (n * 3), differing: differing / n };
}

/**
 * Share (0..1) of pixels in either image with no pixel within `radius` px in the other image that
 * is within `tolerance` in every channel: anti-aliasing and sub-pixel text placement do not count,
 * a line, symbol or word in the wrong place does.
 */
export function structuralDiff(a: DecodedPng, b: DecodedPng, tolerance = 64, radius = 1): number {
	if (a.width !== b.width || a.height !== b.height) throw new Error('sizes differ');
	const { width, height } = a;
	const flat = (img: DecodedPng) => {
		const out = new Float32Array(width * height * 3);
		for (let i = 0; i < width * height; i++) {
			const alpha = img.rgba[i * 4 + 3] / 255;
			for (let c = 0; c < 3; c++) out[i * 3 + c] = img.rgba[i * 4 + c] * alpha + 255 * (1 - alpha);
		}
		return out;
	};
	const fa = flat(a);
	const fb = flat(b);
	const unmatched = (p: Float32Array, q: Float32Array) => {
		let n = 0;
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) {
				const i = (y * width + x) * 3;
				let found = false;
				for (let yy = Math.max(0, y - radius); yy <= Math.min(height - 1, y + radius) && !found; yy++) {
					for (let xx = Math.max(0, x - radius); xx <= Math.min(width - 1, x + radius) && !found; xx++) {
						const j = (yy * width + xx) * 3;
						found = Math.abs(p[i] - q[j]) <= tolerance && Math.abs(p[i + 1] - q[j + 1]) <= tolerance && Math.abs(p[i + 2] - q[j + 2]) <= tolerance;
					}
				}
				if (!found) n++;
			}
		}
		return n;
	};
	return (unmatched(fa, fb) + unmatched(fb, fa)) / (2 * width * height);
}
