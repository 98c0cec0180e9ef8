import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '@kp/domain';
import { REFORM } from '../reform.constants';

const GENESIS = '0'.repeat(64);

interface EntryRow {
  seq: string;
  kind: string;
  ref: string;
  payload: Record<string, unknown>;
  at: Date;
  prev_hash: string;
  hash: string;
}

function entryHash(prevHash: string, e: { seq: number; kind: string; ref: string; payload: unknown; at: string }): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(e)).digest('hex');
}

/**
 * The reform's open record: positions and decisions in an append-only log, each entry
 * chained to the one before by a SHA-256 hash over its canonical JSON, so that any later
 * change (to the log, or to a decision the log vouches for) is detectable by anyone.
 */
@Injectable()
export class OpenRecord {
  constructor(@InjectDataSource(REFORM) private readonly dataSource: DataSource) {}

  async append(tx: EntityManager, kind: string, ref: string, payload: Record<string, unknown>, at: Date): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('kp-reform-record'))`);
    const [last] = await tx.query(`SELECT seq, hash FROM "${REFORM}".record_entry ORDER BY seq DESC LIMIT 1`);
    const seq = last ? Number(last.seq) + 1 : 1;
    const prevHash = last?.hash ?? GENESIS;
    const plain = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
    const hash = entryHash(prevHash, { seq, kind, ref, payload: plain, at: at.toISOString() });
    await tx.query(
      `INSERT INTO "${REFORM}".record_entry (seq, kind, ref, payload, at, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [seq, kind, ref, JSON.stringify(plain), at, prevHash, hash],
    );
  }

  async entries(limit = 500, after = 0) {
    const rows: EntryRow[] = await this.dataSource.query(
      `SELECT seq, kind, ref, payload, at, prev_hash, hash FROM "${REFORM}".record_entry WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, ref: r.ref, payload: r.payload, at: new Date(r.at).toISOString(), prevHash: r.prev_hash, hash: r.hash }));
  }

  /**
   * Recomputes the chain from the start, and checks each decision in force against what
   * the record says was adopted. `firstInvalid` is the first entry that does not hold.
   */
  async verify(): Promise<{ valid: boolean; entries: number; firstInvalid?: number; reason?: string }> {
    const rows: EntryRow[] = await this.dataSource.query(
      `SELECT seq, kind, ref, payload, at, prev_hash, hash FROM "${REFORM}".record_entry ORDER BY seq`,
    );
    let prev = GENESIS;
    for (const [i, r] of rows.entries()) {
      const seq = Number(r.seq);
      const recomputed = entryHash(prev, { seq, kind: r.kind, ref: r.ref, payload: r.payload, at: new Date(r.at).toISOString() });
      if (seq !== i + 1 || r.prev_hash !== prev || r.hash !== recomputed) {
        return { valid: false, entries: rows.length, firstInvalid: seq, reason: 'the chain of hashes is broken here' };
      }
      prev = r.hash;
    }
    const decisions: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT reference, proposal_id, kind, title, effects, procedure, adopted_by, adopted_at FROM "${REFORM}".decision`,
    );
    for (const d of decisions) {
      const entry = rows.find((r) => r.kind === 'DECISION_ADOPTED' && r.ref === d.reference);
      if (!entry || canonicalJson(decisionRecord(d)) !== canonicalJson(entry.payload)) {
        return {
          valid: false,
          entries: rows.length,
          firstInvalid: entry ? Number(entry.seq) : rows.length + 1,
          reason: `decision ${String(d.reference)} differs from the record`,
        };
      }
    }
    return { valid: true, entries: rows.length };
  }
}

/** What the record keeps of a decision, from its row (the same shape when it was adopted). */
export function decisionRecord(d: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      reference: d.reference,
      proposalId: d.proposal_id ?? d.proposalId,
      kind: d.kind,
      title: d.title,
      effects: d.effects ?? null,
      procedure: d.procedure,
      adoptedBy: d.adopted_by ?? d.adoptedBy,
      adoptedAt: new Date(d.adopted_at as string ?? (d.adoptedAt as string)).toISOString(),
    }),
  );
}
