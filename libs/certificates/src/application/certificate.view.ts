import { CertificateOrmEntity } from '../infrastructure/certificate.orm-entity';
import { CertificateHistoryOrmEntity } from '../infrastructure/certificate-history.orm-entity';

/** The certificate as the API shows it. */
export function certificateView(c: CertificateOrmEntity) {
  return {
    certificateNumber: c.certificateNumber,
    status: c.status,
    exportingParticipant: c.exportingParticipant,
    importingParticipant: c.importingParticipant,
    exporter: c.exporter,
    importer: c.importer,
    origin: c.origin,
    hsCode: c.hsCode,
    carats: c.carats,
    valueUsd: c.valueUsd,
    parcels: c.parcels,
    issuedAt: c.issuedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    ...(c.nationalFields ? { nationalFields: c.nationalFields } : {}),
    ...(c.replaces ? { replaces: c.replaces } : {}),
    signature: { kid: c.kid, alg: 'Ed25519' as const },
    qr: c.qr,
  };
}

export type CertificateView = ReturnType<typeof certificateView>;

export function historyView(h: CertificateHistoryOrmEntity) {
  return { action: h.action, actor: h.actor, at: h.at.toISOString(), ...(h.detail ? { detail: h.detail } : {}) };
}
