import { Counter, Gauge, register } from 'prom-client';
import { VERDICTS, Verdict } from '@kp/contracts';

/**
 * What an operator of the border watches on `/metrics`: the answers given, by verdict, and
 * whether the read model is held in memory. One registry a process: the metrics are made
 * once, however many times the module starts (tests start several platforms in one process).
 */
function once<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

// Counted in plain numbers and handed to prom-client when scraped: a labelled counter's
// inc() hashes its labels on every call, and this one is called for every answer.
const answered = new Map<Verdict, number>(VERDICTS.map((v) => [v, 0]));

once(
  'kp_verifications_total',
  () =>
    new Counter({
      name: 'kp_verifications_total',
      help: 'Border verifications answered, by verdict.',
      labelNames: ['verdict'],
      collect() {
        this.reset();
        for (const [verdict, n] of answered) if (n) this.inc({ verdict }, n);
      },
    }),
);

export function countAnswer(verdict: Verdict): void {
  answered.set(verdict, (answered.get(verdict) ?? 0) + 1);
}

/** The replicas of this process (one, but for tests), as the gauges read them when scraped. */
export interface HeldReadModel {
  readonly live: boolean;
  readonly size: number;
}
const replicas = new Set<HeldReadModel>();

once(
  'kp_border_replica_certificates',
  () =>
    new Gauge({
      name: 'kp_border_replica_certificates',
      help: 'Certificates the border holds in memory.',
      collect() {
        this.set([...replicas].reduce((n, r) => n + r.size, 0));
      },
    }),
);
once(
  'kp_border_replica_live',
  () =>
    new Gauge({
      name: 'kp_border_replica_live',
      help: '1 when the border answers from memory; 0 while it loads or after a lost connection (it answers from the table then).',
      collect() {
        this.set(replicas.size > 0 && [...replicas].every((r) => r.live) ? 1 : 0);
      },
    }),
);

export function watchReplica(replica: HeldReadModel): () => void {
  replicas.add(replica);
  return () => replicas.delete(replica);
}
