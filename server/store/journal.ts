// The edit journal: an append-only file next to the SQLite database that makes an edit durable
// against a process kill with one write() before it is broadcast, so the SQLite commit (three WAL
// pages and their index) can follow after the broadcast, grouped with other edits.
//
// Same durability as SQLite's WAL at synchronous=NORMAL, which it stands in front of: the bytes
// are in the kernel's page cache when append() returns, so a killed process loses nothing; an OS
// crash or power cut can lose the last writes of either (synchronous=FULL does not use the journal).
//
// Record: u32 payload length, u32 CRC-32 of the payload, then the payload: seq (u48), map id
// length (u16), map id (UTF-8), the Yjs update. Only whole records are ever left in the file (a
// short write is cut off again), so a bad CRC or a short record can only be the tail a killed
// process was writing when it died — that write never returned, so nobody was sent that edit.
import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';

export interface JournalRecord {
	readonly seq: number;
	readonly mapId: string;
	readonly data: Uint8Array;
}

const HEADER = 8;
/** Largest payload read back: anything claiming more is a torn length, not a record. */
const MAX_PAYLOAD = 256 * 1024 * 1024;

/** CRC-32 (the zlib polynomial) table for short records, computed in JS (see crc). */
const CRC_TABLE = (() => {
	const t = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c;
	}
	return t;
})();

/**
 * CRC-32 of `bytes`, as zlib's crc32. A short record's is computed here: an edit arrives at a
 * server that was idle a moment before, and zlib's call cost more than the whole loop then.
 */
function crc(bytes: Uint8Array): number {
	if (bytes.length > 1024) return crc32(bytes);
	let c = -1;
	for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
	return (c ^ -1) >>> 0;
}

/** Bytes of a record of `idBytes` and `dataBytes`. */
const recordBytes = (idBytes: number, dataBytes: number) => HEADER + 8 + idBytes + dataBytes;

/** Write the record into the start of `buf` (at least recordBytes long); returns its length. */
function writeRecord(buf: Buffer, seq: number, id: Uint8Array, data: Uint8Array): number {
	const payload = 8 + id.length + data.length;
	buf.writeUInt32LE(payload, 0);
	buf.writeUIntLE(seq, HEADER, 6);
	buf.writeUInt16LE(id.length, HEADER + 6);
	buf.set(id, HEADER + 8);
	buf.set(data, HEADER + 8 + id.length);
	buf.writeUInt32LE(crc(buf.subarray(HEADER, HEADER + payload)), 4);
	return HEADER + payload;
}

export function encodeRecord(seq: number, mapId: string, data: Uint8Array): Buffer {
	const id = Buffer.from(mapId, 'utf8');
	const buf = Buffer.allocUnsafe(recordBytes(id.length, data.length));
	writeRecord(buf, seq, id, data);
	return buf;
}

/** The whole records at the start of `buf`, up to the first short or damaged one. */
export function decodeRecords(buf: Uint8Array): JournalRecord[] {
	const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
	const records: JournalRecord[] = [];
	let at = 0;
	while (at + HEADER <= b.length) {
		const payload = b.readUInt32LE(at);
		if (payload < 8 || payload > MAX_PAYLOAD || at + HEADER + payload > b.length) break;
		const body = b.subarray(at + HEADER, at + HEADER + payload);
		if (crc(body) !== b.readUInt32LE(at + 4)) break;
		const idLength = body.readUInt16LE(6);
		if (8 + idLength > payload) break;
		records.push({
			seq: body.readUIntLE(0, 6),
			mapId: body.toString('utf8', 8, 8 + idLength),
			// A copy: the file's buffer is dropped after replay.
			data: new Uint8Array(body.subarray(8 + idLength))
		});
		at += HEADER + payload;
	}
	return records;
}

export class Journal {
	private fd: number;
	private size: number;
	private readonly scratch = Buffer.allocUnsafe(64 * 1024);
	private lastId = '';
	private lastIdBytes = Buffer.alloc(0);

	constructor(readonly file: string) {
		// O_APPEND: every write lands at the end, also after the file is cut back to empty.
		this.fd = openSync(file, 'a+');
		this.size = fstatSync(this.fd).size;
	}

	/** Bytes in the file. */
	get bytes(): number {
		return this.size;
	}

	/** Every whole record in the file, oldest first. */
	read(): JournalRecord[] {
		if (this.size === 0) return [];
		const buf = Buffer.allocUnsafe(this.size);
		let at = 0;
		while (at < buf.length) {
			const n = readSync(this.fd, buf, at, buf.length - at, at);
			if (n === 0) break;
			at += n;
		}
		return decodeRecords(buf.subarray(0, at));
	}

	/** Write one record; when this returns it survives the process being killed. Throws when the disk refuses it. */
	append(seq: number, mapId: string, data: Uint8Array): void {
		// Built in a buffer kept for the purpose, with the last map id's bytes kept too: appending is on
		// the way from an edit's arrival to its broadcast (a calm room's edit found this process idle,
		// and allocating cost more than the write).
		if (mapId !== this.lastId) {
			this.lastId = mapId;
			this.lastIdBytes = Buffer.from(mapId, 'utf8');
		}
		const bytes = recordBytes(this.lastIdBytes.length, data.length);
		const buf = bytes <= this.scratch.length ? this.scratch : Buffer.allocUnsafe(bytes);
		const length = writeRecord(buf, seq, this.lastIdBytes, data);
		let written = 0;
		try {
			written = writeSync(this.fd, buf, 0, length);
		} finally {
			// A short write (disk full) must not leave half a record in front of later ones.
			if (written !== length) ftruncateSync(this.fd, this.size);
		}
		if (written !== length) throw new Error(`Edit journal: short write (${written} of ${length} bytes)`);
		this.size += written;
	}

	/** Empty the file (every record in it is committed to SQLite). */
	clear(): void {
		if (this.size === 0) return;
		ftruncateSync(this.fd, 0);
		this.size = 0;
	}

	close(): void {
		if (this.fd < 0) return;
		closeSync(this.fd);
		this.fd = -1;
	}
}
