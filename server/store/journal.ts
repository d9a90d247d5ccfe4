// The edit journal: an append-only file next to the SQLite database that makes an edit durable
// against a process kill with one write() before it is broadcast, so the SQLite commit (three WAL
// pages and their index, ~0.2 ms) can follow after the broadcast, grouped with other edits.
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

export function encodeRecord(seq: number, mapId: string, data: Uint8Array): Buffer {
	const id = Buffer.from(mapId, 'utf8');
	const payload = 6 + 2 + id.length + data.length;
	const buf = Buffer.allocUnsafe(HEADER + payload);
	buf.writeUInt32LE(payload, 0);
	buf.writeUIntLE(seq, HEADER, 6);
	buf.writeUInt16LE(id.length, HEADER + 6);
	id.copy(buf, HEADER + 8);
	buf.set(data, HEADER + 8 + id.length);
	buf.writeUInt32LE(crc32(buf.subarray(HEADER)), 4);
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
		if (crc32(body) !== b.readUInt32LE(at + 4)) break;
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
		const record = encodeRecord(seq, mapId, data);
		let written = 0;
		try {
			written = writeSync(this.fd, record);
		} finally {
			// A short write (disk full) must not leave half a record in front of later ones.
			if (written !== record.length) ftruncateSync(this.fd, this.size);
		}
		if (written !== record.length) throw new Error(`Edit journal: short write (${written} of ${record.length} bytes)`);
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
