import type { CertificateStatus } from '@kp/domain';

/** One certificate as the border sees it: a row of the read model. */
export interface CertificateView {
  certificateNumber: string;
  status: CertificateStatus;
  exportingParticipant: string;
  importingParticipant: string;
  issuedAt: Date;
  expiresAt: Date;
  /** Parties, origin, HS code, carats, value, parcels, signing key id. */
  summary: Record<string, unknown>;
  /** Red flags open on the certificate. */
  flags: { id: string; code: string; message: string; source: string }[];
}

const NUMBER = /^([A-Z])([A-Z])-(\d{4})-(\d{6})$/;
const A = 65; // 'A'

/**
 * BW-2026-000042 as one integer below 2^53 (letters, year, serial), plus one so that 0
 * can mean "empty" in the hash table. Anything else is kept apart, in a plain Map.
 */
function numericKey(number: string): number {
  const m = NUMBER.exec(number);
  if (!m) return 0;
  const letters = (m[1].charCodeAt(0) - A) * 26 + (m[2].charCodeAt(0) - A);
  return (letters * 10_000 + Number(m[3])) * 1_000_000 + Number(m[4]) + 1;
}

/** Values that repeat across certificates (parties, origins, HS codes, participants, statuses), kept once. */
class Interner<T> {
  private readonly index = new Map<string, number>();
  readonly values: T[] = [];

  id(value: T): number {
    const key = typeof value === 'string' ? value : JSON.stringify(value);
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.index.set(key, id);
    }
    return id;
  }
}

/** The summary fields the consumer writes; a summary of any other shape is kept whole. */
const SUMMARY_KEYS = ['kid', 'carats', 'hsCode', 'origin', 'parcels', 'exporter', 'importer', 'valueUsd'];

type Column = Uint8Array | Uint32Array | Float64Array;

/**
 * The whole border read model in memory, small enough for a million certificates and more:
 * one slot per certificate in typed arrays (columns), the values that repeat interned, and an
 * open-addressing hash table from the number (as an integer) to its slot. Typed arrays are
 * opaque to the garbage collector, so a million certificates cost it no marking, and no
 * pause shows in the border's p99. About 75 bytes a certificate.
 *
 * A plain data structure: no I/O, no clock. Values handed out are shared; do not mutate them.
 */
export class CertificateViewStore {
  private capacity = 0;
  private count = 0; // certificates present
  private slotsUsed = 0; // slots ever bound to a number
  // hash table: key (see numericKey) → slot + 1 (0 when the bucket is empty)
  private keys = new Float64Array(0);
  private slots = new Uint32Array(0);
  private mask = 0;
  // columns, by slot
  private present = new Uint8Array(0);
  private status = new Uint32Array(0);
  private exporting = new Uint32Array(0);
  private importing = new Uint32Array(0);
  private issuedAt = new Float64Array(0);
  private expiresAt = new Float64Array(0);
  private exporter = new Uint32Array(0);
  private importer = new Uint32Array(0);
  private origin = new Uint32Array(0);
  private hsCode = new Uint32Array(0);
  private kid = new Uint32Array(0);
  private carats = new Float64Array(0);
  private valueUsd = new Float64Array(0);
  private parcels = new Float64Array(0);
  private slotKeys = new Float64Array(0);

  private readonly strings = new Interner<string>();
  private readonly objects = new Interner<unknown>();
  /** The rare exceptions: flags, summaries of another shape, numbers of another form. */
  private readonly flags = new Map<number, CertificateView['flags']>();
  private readonly odd = new Map<number, Record<string, unknown>>();
  private readonly otherNumbers = new Map<string, CertificateView>();

  /** `expected`: how many certificates it will hold, so its columns are sized once. */
  constructor(expected = 0) {
    if (expected > 0) {
      this.grow(expected);
      this.rehash(2 ** Math.ceil(Math.log2(Math.max(2048, expected * 2))));
    }
  }

  /** How many certificates it holds. */
  get size(): number {
    return this.count + this.otherNumbers.size;
  }

  get(certificateNumber: string): CertificateView | undefined {
    const key = numericKey(certificateNumber);
    if (!key) return this.otherNumbers.get(certificateNumber);
    const slot = this.find(key);
    if (slot < 0 || !this.present[slot]) return undefined;
    const s = this.strings.values;
    return {
      certificateNumber,
      status: s[this.status[slot]] as CertificateStatus,
      exportingParticipant: s[this.exporting[slot]],
      importingParticipant: s[this.importing[slot]],
      issuedAt: new Date(this.issuedAt[slot]),
      expiresAt: new Date(this.expiresAt[slot]),
      summary: this.odd.get(slot) ?? this.summaryOf(slot),
      flags: this.flags.get(slot) ?? [],
    };
  }

  set(view: CertificateView): void {
    const key = numericKey(view.certificateNumber);
    if (!key) {
      this.otherNumbers.set(view.certificateNumber, view);
      return;
    }
    let slot = this.find(key);
    if (slot < 0) slot = this.insert(key);
    else if (!this.present[slot]) this.count++;
    this.present[slot] = 1;
    this.status[slot] = this.strings.id(view.status);
    this.exporting[slot] = this.strings.id(view.exportingParticipant);
    this.importing[slot] = this.strings.id(view.importingParticipant);
    this.issuedAt[slot] = view.issuedAt.getTime();
    this.expiresAt[slot] = view.expiresAt.getTime();
    if (view.flags.length) this.flags.set(slot, view.flags);
    else this.flags.delete(slot);
    const s = view.summary;
    if (hasUsualShape(s)) {
      this.odd.delete(slot);
      this.kid[slot] = this.strings.id(s.kid as string);
      this.hsCode[slot] = this.strings.id(s.hsCode as string);
      this.origin[slot] = this.objects.id(s.origin);
      this.exporter[slot] = this.objects.id(s.exporter);
      this.importer[slot] = this.objects.id(s.importer);
      this.carats[slot] = s.carats as number;
      this.valueUsd[slot] = s.valueUsd as number;
      this.parcels[slot] = s.parcels as number;
    } else {
      this.odd.set(slot, s);
    }
  }

  delete(certificateNumber: string): void {
    const key = numericKey(certificateNumber);
    if (!key) {
      this.otherNumbers.delete(certificateNumber);
      return;
    }
    const slot = this.find(key);
    if (slot < 0 || !this.present[slot]) return;
    // The slot stays bound to its number (a deleted certificate is rare: a rebuild clears all).
    this.present[slot] = 0;
    this.count--;
    this.flags.delete(slot);
    this.odd.delete(slot);
  }

  private summaryOf(slot: number): Record<string, unknown> {
    const s = this.strings.values;
    const o = this.objects.values;
    // The key order PostgreSQL's jsonb gives, so an answer reads the same from either source.
    return {
      kid: s[this.kid[slot]],
      carats: this.carats[slot],
      hsCode: s[this.hsCode[slot]],
      origin: o[this.origin[slot]],
      parcels: this.parcels[slot],
      exporter: o[this.exporter[slot]],
      importer: o[this.importer[slot]],
      valueUsd: this.valueUsd[slot],
    };
  }

  private find(key: number): number {
    if (!this.mask) return -1;
    for (let b = hash(key) & this.mask; ; b = (b + 1) & this.mask) {
      const k = this.keys[b];
      if (k === key) return this.slots[b] - 1;
      if (k === 0) return -1;
    }
  }

  private insert(key: number): number {
    const slot = this.slotsUsed;
    if (slot >= this.capacity) this.grow();
    if ((slot + 1) * 2 > this.mask + 1) this.rehash(this.mask ? (this.mask + 1) * 2 : 2048);
    this.place(key, slot);
    this.slotKeys[slot] = key;
    this.slotsUsed++;
    this.count++;
    return slot;
  }


  private place(key: number, slot: number): void {
    for (let b = hash(key) & this.mask; ; b = (b + 1) & this.mask) {
      if (this.keys[b] === 0) {
        this.keys[b] = key;
        this.slots[b] = slot + 1;
        return;
      }
    }
  }

  /** Keeps the table at most half full, so a lookup probes one or two buckets. */
  private rehash(buckets: number): void {
    this.keys = new Float64Array(buckets);
    this.slots = new Uint32Array(buckets);
    this.mask = buckets - 1;
    for (let slot = 0; slot < this.slotsUsed; slot++) this.place(this.slotKeys[slot], slot);
  }

  private grow(atLeast = 0): void {
    const capacity = Math.max(1024, this.capacity * 2, atLeast);
    const widen = <T extends Column>(column: T): T => {
      const wider = new (column.constructor as new (n: number) => T)(capacity);
      wider.set(column);
      return wider;
    };
    this.present = widen(this.present);
    this.status = widen(this.status);
    this.exporting = widen(this.exporting);
    this.importing = widen(this.importing);
    this.issuedAt = widen(this.issuedAt);
    this.expiresAt = widen(this.expiresAt);
    this.exporter = widen(this.exporter);
    this.importer = widen(this.importer);
    this.origin = widen(this.origin);
    this.hsCode = widen(this.hsCode);
    this.kid = widen(this.kid);
    this.carats = widen(this.carats);
    this.valueUsd = widen(this.valueUsd);
    this.parcels = widen(this.parcels);
    this.slotKeys = widen(this.slotKeys);
    this.capacity = capacity;
  }
}

/** A multiplicative hash of the integer key, spread over 32 bits. */
function hash(key: number): number {
  const lo = key % 4294967296;
  const hi = (key - lo) / 4294967296;
  return Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) ^ (lo >>> 13);
}

function hasUsualShape(s: Record<string, unknown>): boolean {
  const keys = Object.keys(s);
  if (keys.length !== SUMMARY_KEYS.length || !SUMMARY_KEYS.every((k) => k in s)) return false;
  return (
    typeof s.kid === 'string' &&
    typeof s.hsCode === 'string' &&
    typeof s.carats === 'number' &&
    typeof s.valueUsd === 'number' &&
    typeof s.parcels === 'number' &&
    isObject(s.origin) &&
    isObject(s.exporter) &&
    isObject(s.importer)
  );
}

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;
