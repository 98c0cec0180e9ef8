import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, Notification, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { collectGarbageNow } from '@kp/kernel';
import { VERIFICATION } from '../verification.constants';
import { watchReplica } from './border-metrics';
import { CertificateView, CertificateViewStore } from './certificate-view-store';

/** The channel the read model's trigger notifies (see migration 1764370000000): a number, or `*` for all. */
export const BORDER_CHANGES_CHANNEL = 'kp_verification_certificate_view';

const COLUMNS = 'certificate_number, status, exporting_participant, importing_participant, issued_at, expires_at, summary, flags';
const LOAD_PAGE = 5_000; // small pages: their rows die young, and the heap stays small
const RECONNECT_MS = 1_000;
const COLLECT_AFTER_LOADING = 50_000; // certificates: below this, what a load leaves is not worth a full collection

type Row = {
  certificate_number: string;
  status: CertificateView['status'];
  exporting_participant: string;
  importing_participant: string;
  issued_at: Date;
  expires_at: Date;
  summary: Record<string, unknown>;
  flags: CertificateView['flags'];
};

const toView = (r: Row): CertificateView => ({
  certificateNumber: r.certificate_number,
  status: r.status,
  exportingParticipant: r.exporting_participant,
  importingParticipant: r.importing_participant,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
  summary: r.summary,
  flags: r.flags,
});

/**
 * The border's read model held in this process's memory, so an answer reads no database.
 *
 * It follows the table, not the events: a trigger on `certificate_view` notifies every
 * change when it commits (LISTEN/NOTIFY, in commit order, to every instance, whichever
 * instance's consumer wrote it), and the replica reads the changed rows back. A change
 * shows here a millisecond or two after its commit. Until the first load is done, after a
 * lost connection (notifications may have been missed) and after a `*` (truncate, bulk
 * load), it answers from the table while it reloads; a number notified but not yet read
 * back, or not held at all, is read from the table too, so a certificate issued a moment
 * ago is never UNKNOWN.
 */
@Injectable()
export class BorderReplica implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BorderReplica.name);
  private store = new CertificateViewStore();
  private ready = false;
  private stopped = false;
  private listener?: Client;
  private readonly changed = new Set<string>(); // notified, not yet read back
  private inFlight = new Set<string>(); // being read back
  private reloadWanted = false;
  private work: Promise<void> = Promise.resolve();
  private scheduled = false;
  private unwatch?: () => void;

  constructor(@InjectDataSource(VERIFICATION) private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.unwatch = watchReplica(this);
    // In the background: a million certificates take seconds to load, the service is up meanwhile.
    void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unwatch?.();
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
    await this.work.catch(() => undefined);
  }

  /** True when answers come from memory. */
  get live(): boolean {
    return this.ready;
  }

  /** How many certificates are held in memory. */
  get size(): number {
    return this.store.size;
  }

  /** The certificate's row if memory holds it current, without waiting; undefined when the table must say. */
  held(certificateNumber: string): CertificateView | undefined {
    if (!this.ready || this.changed.has(certificateNumber) || this.inFlight.has(certificateNumber)) return undefined;
    return this.store.get(certificateNumber);
  }

  /**
   * The certificate's row from the table, for when `held` has none: a named (prepared)
   * statement straight on the pool, since the ORM's query building costs more than the lookup.
   */
  async fromTable(certificateNumber: string): Promise<CertificateView | null> {
    const { rows } = await this.pool().query<Row>({
      name: 'kp-verify-certificate-view',
      text: `SELECT ${COLUMNS} FROM "${VERIFICATION}".certificate_view WHERE certificate_number = $1`,
      values: [certificateNumber],
    });
    return rows[0] ? toView(rows[0]) : null;
  }

  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /** Listens first, then loads: a change committed during the load is notified and read back after it. */
  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ ...this.pool().options, application_name: `kp-${VERIFICATION}-replica` } as never);
    client.on('notification', (n: Notification) => this.notified(n.payload ?? '*'));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${BORDER_CHANGES_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    this.listener = client;
    this.notified('*');
  }

  private lost(client: Client, error: Error): void {
    if (this.listener && this.listener !== client) return;
    this.listener = undefined;
    this.ready = false;
    client.removeAllListeners();
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn(`border replica: ${error.message}; answering from the table, reconnecting in ${RECONNECT_MS} ms`);
    setTimeout(() => void this.connect(), RECONNECT_MS).unref();
  }

  private notified(payload: string): void {
    if (payload === '*') {
      this.reloadWanted = true;
      this.ready = false;
    } else {
      this.changed.add(payload);
    }
    if (this.scheduled) return;
    this.scheduled = true;
    // One read-back for all the notifications of a moment, one at a time.
    this.work = this.work.then(() => this.catchUp());
  }

  private async catchUp(): Promise<void> {
    this.scheduled = false;
    try {
      if (this.reloadWanted) await this.reload();
      if (this.changed.size) await this.readBack();
    } catch (error) {
      for (const number of this.inFlight) this.changed.add(number);
      this.inFlight = new Set();
      if (this.stopped || !this.dataSource.isInitialized) return;
      this.ready = false;
      this.logger.warn(`border replica: ${(error as Error).message}; answering from the table, reloading in ${RECONNECT_MS} ms`);
      setTimeout(() => this.notified('*'), RECONNECT_MS).unref();
    }
  }

  /** Page by page in the number's order; started again if a `*` comes meanwhile. */
  private async reload(): Promise<void> {
    const t0 = Date.now();
    do {
      this.reloadWanted = false;
      const [{ n }] = (await this.pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM "${VERIFICATION}".certificate_view`)).rows;
      this.store = new CertificateViewStore(Math.ceil(n * 1.1)); // room for what comes during the load
      let after = '';
      for (;;) {
        const { rows } = await this.pool().query<Row>(
          `SELECT ${COLUMNS} FROM "${VERIFICATION}".certificate_view WHERE certificate_number > $1 ORDER BY certificate_number LIMIT ${LOAD_PAGE}`,
          [after],
        );
        for (const row of rows) this.store.set(toView(row));
        if (rows.length < LOAD_PAGE || this.stopped || this.reloadWanted) break;
        after = rows[rows.length - 1].certificate_number;
      }
      if (this.stopped) return;
    } while (this.reloadWanted);
    this.ready = true;
    // What the load's pages left in the old generation, gone now rather than at V8's next full collection.
    if (this.store.size >= COLLECT_AFTER_LOADING) collectGarbageNow();
    this.logger.log(`border replica: ${this.store.size.toLocaleString('en')} certificates in memory, loaded in ${Date.now() - t0} ms`);
  }

  private async readBack(): Promise<void> {
    const numbers = [...this.changed];
    this.inFlight = new Set(numbers);
    this.changed.clear();
    const { rows } = await this.pool().query<Row>(
      `SELECT ${COLUMNS} FROM "${VERIFICATION}".certificate_view WHERE certificate_number = ANY($1)`,
      [numbers],
    );
    const found = new Set<string>();
    for (const row of rows) {
      this.store.set(toView(row));
      found.add(row.certificate_number);
    }
    for (const number of numbers) if (!found.has(number)) this.store.delete(number);
    this.inFlight = new Set();
  }
}
