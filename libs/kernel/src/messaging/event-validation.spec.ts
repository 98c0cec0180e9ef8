import { randomUUID } from 'node:crypto';
import { CertificateIssued, CertificateIssuedV1, ParticipantRegistered } from '@kp/contracts';
import { EventValidationError, readEnvelope, validatePayload } from './event-validation';

const payload = {
  certificateNumber: 'BW-2026-000042',
  exportingParticipant: 'BW',
  importingParticipant: 'BE',
  exporter: { name: 'Okavango Diamond Company', address: 'Gaborone' },
  importer: { name: 'Antwerp Rough NV', address: 'Antwerpen' },
  origin: { countries: ['BW'], zones: ['Jwaneng'] },
  hsCode: '7102.31',
  carats: 1250.5,
  valueUsd: 2_400_000,
  parcels: 3,
  issuedAt: '2026-03-01T10:00:00.000Z',
  expiresAt: '2026-04-30T10:00:00.000Z',
  signature: { kid: 'BW-2026-k1', alg: 'Ed25519' },
  qr: 'a.b.c',
};

function envelope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    type: CertificateIssued.type,
    version: CertificateIssued.version,
    occurredAt: '2026-03-01T10:00:00.000Z',
    producer: 'certificates',
    aggregateId: 'BW-2026-000042',
    payload,
    ...overrides,
  };
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EventValidationError);
    const problems = (error as EventValidationError).problems;
    expect((error as Error).message).toBe(problems.join('; '));
    return problems;
  }
  throw new Error('expected a validation error');
}

describe('readEnvelope', () => {
  it('rejects a message that is not JSON', () => {
    expect(problemsOf(() => readEnvelope('{not json'))).toEqual(['the message is not JSON']);
    expect(problemsOf(() => readEnvelope(''))).toEqual(['the message is not JSON']);
  });

  it.each(['[]', '[{"id":"x"}]', '"text"', '42', 'null', 'true'])('rejects %s, which is not a JSON object', (value) => {
    expect(problemsOf(() => readEnvelope(value))).toEqual(['the message is not a JSON object']);
  });

  it('rejects an envelope without an id, naming id', () => {
    const { id: _id, ...rest } = envelope();
    const problems = problemsOf(() => readEnvelope(JSON.stringify(rest)));
    expect(problems).toEqual([expect.stringMatching(/^envelope id: .*UUID/)]);
  });

  it('rejects an envelope whose id is not a UUID', () => {
    const problems = problemsOf(() => readEnvelope(JSON.stringify(envelope({ id: 'evt-42' }))));
    expect(problems).toEqual([expect.stringMatching(/^envelope id: .*UUID/)]);
  });

  it('rejects an envelope without a type, naming type', () => {
    const { type: _type, ...rest } = envelope();
    const problems = problemsOf(() => readEnvelope(JSON.stringify(rest)));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith('envelope type: '))).toBe(true);
  });

  it('lists every envelope problem at once', () => {
    const problems = problemsOf(() =>
      readEnvelope(JSON.stringify(envelope({ id: 'nope', version: 0, occurredAt: 'yesterday', payload: [] }))),
    );
    const fields = new Set(problems.map((p) => p.split(':')[0]));
    expect(fields).toEqual(new Set(['envelope id', 'envelope version', 'envelope occurredAt', 'envelope payload']));
  });

  it('accepts a valid envelope and finds CertificateIssued v1 in the catalogue', () => {
    const value = envelope();
    const read = readEnvelope(JSON.stringify(value));
    expect(read.definition).toBe(CertificateIssued);
    expect(read.envelope.id).toBe(value.id);
    expect(read.envelope.type).toBe('certificates.certificate.issued');
    expect(read.envelope.version).toBe(1);
    expect(read.envelope.payload).toEqual(payload);
  });

  it('tolerates members it does not know', () => {
    const read = readEnvelope(JSON.stringify(envelope({ traceparent: '00-abc', correlationId: 'c-1' })));
    expect(read.definition).toBe(CertificateIssued);
    expect(read.envelope.correlationId).toBe('c-1');
  });

  it('returns no definition for an unknown type', () => {
    const read = readEnvelope(JSON.stringify(envelope({ type: 'certificates.certificate.teleported' })));
    expect(read.envelope.type).toBe('certificates.certificate.teleported');
    expect(read.definition).toBeUndefined();
  });

  it('returns no definition for an unknown version of a known type', () => {
    const read = readEnvelope(JSON.stringify(envelope({ version: 2 })));
    expect(read.envelope.version).toBe(2);
    expect(read.definition).toBeUndefined();
  });
});

describe('validatePayload', () => {
  it('returns an instance of the payload class for a valid payload', () => {
    const result = validatePayload(CertificateIssued, payload);
    expect(result).toBeInstanceOf(CertificateIssuedV1);
    expect(result).toMatchObject(payload);
  });

  it('lists every bad field of a CertificateIssued v1 payload', () => {
    const problems = problemsOf(() =>
      validatePayload(CertificateIssued, {
        ...payload,
        certificateNumber: 'bw-2026-42',
        hsCode: '7103.10',
        carats: -5,
      }),
    );
    const fields = new Set(problems.map((p) => p.split(':')[0]));
    expect(fields).toEqual(new Set(['certificateNumber', 'hsCode', 'carats']));
    expect(problems).toContainEqual(expect.stringMatching(/^carats: .*positive/));
    expect(problems).toContainEqual(expect.stringMatching(/^hsCode: .*7102\.10, 7102\.21, 7102\.31/));
  });

  it('names nested problems by their path', () => {
    const problems = problemsOf(() =>
      validatePayload(CertificateIssued, {
        ...payload,
        exporter: { name: '', address: 'Gaborone' },
        origin: { countries: ['bw'] },
        signature: { kid: 'k', alg: 'RS256' },
      }),
    );
    const fields = new Set(problems.map((p) => p.split(':')[0]));
    expect(fields).toEqual(new Set(['exporter.name', 'origin.countries', 'signature.alg']));
  });

  it('refuses a nested party that is not an object', () => {
    const problems = problemsOf(() => validatePayload(CertificateIssued, { ...payload, importer: 'Antwerp' }));
    expect(problems).toEqual([expect.stringMatching(/^importer: /)]);
  });

  it.each([
    ['carats with three decimals', { carats: 1.234 }, 'carats'],
    ['carats as a string', { carats: '1250.5' }, 'carats'],
    ['a fractional parcel count', { parcels: 2.5 }, 'parcels'],
    ['an issue date that is not a date', { issuedAt: 'tomorrow' }, 'issuedAt'],
    ['no origin country', { origin: { countries: [] } }, 'origin.countries'],
  ])('refuses %s', (_what, change, field) => {
    const problems = problemsOf(() => validatePayload(CertificateIssued, { ...payload, ...change }));
    expect(new Set(problems.map((p) => p.split(':')[0]))).toEqual(new Set([field]));
  });

  it.each([null, undefined, 'text', 42])('refuses %p as a payload', (value) => {
    expect(problemsOf(() => validatePayload(CertificateIssued, value))).toEqual(['payload: must be an object']);
  });

  it('refuses an array as a payload', () => {
    expect(problemsOf(() => validatePayload(CertificateIssued, [payload])).length).toBeGreaterThan(0);
  });

  it('validates other event types against their own class', () => {
    const participant = { code: 'BW', name: 'Botswana', kind: 'STATE', status: 'ACTIVE', certificateValidityDays: 60 };
    expect(validatePayload(ParticipantRegistered, participant)).toMatchObject(participant);
    const problems = problemsOf(() =>
      validatePayload(ParticipantRegistered, { ...participant, kind: 'COUNTRY', certificateValidityDays: 0 }),
    );
    expect(new Set(problems.map((p) => p.split(':')[0]))).toEqual(new Set(['kind', 'certificateValidityDays']));
  });
});

describe('validatePayload: nested parts of a certificate are required', () => {
  it.each(['exporter', 'importer', 'origin', 'signature'])('refuses an issued certificate without %s', (field) => {
    const incomplete: Record<string, unknown> = { ...payload };
    delete incomplete[field];
    expect(() => validatePayload(CertificateIssued, incomplete)).toThrow(new RegExp(field));
  });
});
