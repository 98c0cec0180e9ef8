import { VerificationPerformed, VerificationPerformedV1 } from '@kp/contracts';
import { EventValidationError } from './event-validation';
import { OutboxWriter, outboxMessages } from './outbox-writer';

const payload = (n: string, verdict = 'VALID'): VerificationPerformedV1 => ({
  verificationId: `v-${n}`,
  certificateNumber: n,
  verdict: verdict as VerificationPerformedV1['verdict'],
  reasonCodes: [],
  verifiedBy: 'bw.customs',
  checkedAt: '2026-11-28T10:00:00.000Z',
});

describe('a batch row of the outbox', () => {
  const writer = new OutboxWriter('verification');

  it('stands for each of its events, in order, keyed by aggregate, whatever the key holds', () => {
    const keys = ['BW-2026-000001', 'odd\tkey\nwith "quotes" and \\ slashes', 'BW-2026-000001'];
    const { params } = writer.prepareBatch(
      VerificationPerformed,
      keys.map((k) => ({ aggregateId: k, payload: payload(k), occurredAt: '2026-11-28T10:00:00.000Z' })),
    );
    const [rowId, topic, messageKey, envelope] = params;
    const messages = outboxMessages({ topic, message_key: messageKey, envelope });
    expect(messages.map((m) => m.key)).toEqual(keys);
    expect(messages.map((m) => JSON.parse(m.value).payload.certificateNumber)).toEqual(keys);
    const ids = messages.map((m) => JSON.parse(m.value).id);
    expect(new Set([rowId, ...ids]).size).toBe(4); // every event its own id, the row one more
    // Each line is the envelope exactly as JSON.stringify writes the one append() stores.
    messages.forEach((m, i) => {
      const envelope = JSON.parse(m.value);
      expect(m.value).toBe(
        JSON.stringify({ id: envelope.id, type: VerificationPerformed.type, version: 1, occurredAt: '2026-11-28T10:00:00.000Z', producer: 'verification', aggregateId: keys[i], payload: payload(keys[i]) }),
      );
    });
  });

  it('leaves an ordinary row as it is', () => {
    expect(outboxMessages({ topic: 't', message_key: 'BW', envelope: '{"a":1}' })).toEqual([{ topic: 't', key: 'BW', value: '{"a":1}' }]);
  });

  it('checks every payload against the contract, or only the first when told', () => {
    const items = [payload('A'), payload('B', 'NOT-A-VERDICT')].map((p) => ({ aggregateId: p.certificateNumber, payload: p }));
    expect(() => writer.prepareBatch(VerificationPerformed, items)).toThrow(EventValidationError);
    expect(() => writer.prepareBatch(VerificationPerformed, items, { validate: 'first' })).not.toThrow();
    expect(() => writer.prepareBatch(VerificationPerformed, [...items].reverse(), { validate: 'first' })).toThrow(/verdict/);
  });
});
