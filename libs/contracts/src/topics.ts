/**
 * Topic names, `<service>.<aggregate>.v<major>`. They are wire names: renaming one
 * is a breaking change, so a new major version gets a new topic.
 */
export const Topics = {
  participants: 'participants.participant.v1',
  measures: 'participants.measure.v1',
  certificates: 'certificates.certificate.v1',
  signingKeys: 'certificates.signing-key.v1',
  shipments: 'shipments.shipment.v1',
  verifications: 'verification.verification.v1',
  flags: 'verification.flag.v1',
  reports: 'monitoring.report.v1',
  proposals: 'reform.proposal.v1',
  decisions: 'reform.decision.v1',
  /** Where consumers put what they could not read, with the reason. */
  deadLetter: 'kp.dead-letter.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly string[] = Object.values(Topics);
