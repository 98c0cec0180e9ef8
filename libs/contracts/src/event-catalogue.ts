import { EventDefinition, eventKey } from './event-definition';
import { AuthorityUpdated } from './events/authority-updated.v1';
import { CertificateExpired } from './events/certificate-expired.v1';
import { CertificateImportConfirmed } from './events/certificate-import-confirmed.v1';
import { CertificateReportedLost } from './events/certificate-reported-lost.v1';
import { CertificateVoided } from './events/certificate-voided.v1';
import { CertificateIssued } from './events/certificate-issued.v1';
import { MeasureImposed } from './events/measure-imposed.v1';
import { MeasureLifted } from './events/measure-lifted.v1';
import { ParticipantRegistered } from './events/participant-registered.v1';
import { SigningKeyPublished } from './events/signing-key-published.v1';
import { VerificationPerformed } from './events/verification-performed.v1';
import { BorderEventRecorded } from './events/border-event-recorded.v1';
import { FlagCleared, FlagRaised } from './events/flag-changed.v1';
import { ShipmentConfirmationOverdue } from './events/shipment-confirmation-overdue.v1';
import { ShipmentDispatched } from './events/shipment-dispatched.v1';
import { ReportGenerated } from './events/report-generated.v1';
import { DecisionAdopted } from './events/decision-adopted.v1';

/** Every event type and version the platform knows. A consumer validates against this. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  ParticipantRegistered,
  AuthorityUpdated,
  MeasureImposed,
  MeasureLifted,
  CertificateIssued,
  CertificateExpired,
  CertificateVoided,
  CertificateReportedLost,
  CertificateImportConfirmed,
  SigningKeyPublished,
  VerificationPerformed,
  ShipmentDispatched,
  BorderEventRecorded,
  ShipmentConfirmationOverdue,
  FlagRaised,
  FlagCleared,
  ReportGenerated,
  DecisionAdopted,
];

const byKey = new Map(EVENT_CATALOGUE.map((d) => [eventKey(d.type, d.version), d]));

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return byKey.get(eventKey(type, version));
}
