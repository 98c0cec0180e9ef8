import { DEFAULT_WEIGHT_TOLERANCE } from '../certificates/certificate-lifecycle';

/** What a border officer holds of a certificate and may present for comparison. */
export interface PresentedFields {
  carats?: number;
  valueUsd?: number;
  parcels?: number;
  hsCode?: string;
  exporterName?: string;
  importerName?: string;
}

export interface RegisteredFields {
  carats: number;
  valueUsd: number;
  parcels: number;
  hsCode: string;
  exporter: { name: string };
  importer: { name: string };
}

/**
 * Fields presented that differ from the registered certificate: carats beyond the
 * weighing tolerance, anything else not exactly equal (names compared without case or
 * surrounding spaces). Returns one message per field, empty when all agree.
 */
export function presentedMismatches(
  registered: RegisteredFields,
  presented: PresentedFields,
  tolerance = DEFAULT_WEIGHT_TOLERANCE,
): string[] {
  const out: string[] = [];
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  if (presented.carats !== undefined && Math.abs(presented.carats - registered.carats) > registered.carats * tolerance + 1e-9) {
    out.push(`carats: ${presented.carats} presented, ${registered.carats} certified`);
  }
  if (presented.valueUsd !== undefined && presented.valueUsd !== registered.valueUsd) {
    out.push(`valueUsd: ${presented.valueUsd} presented, ${registered.valueUsd} certified`);
  }
  if (presented.parcels !== undefined && presented.parcels !== registered.parcels) {
    out.push(`parcels: ${presented.parcels} presented, ${registered.parcels} certified`);
  }
  if (presented.hsCode !== undefined && presented.hsCode !== registered.hsCode) {
    out.push(`hsCode: ${presented.hsCode} presented, ${registered.hsCode} certified`);
  }
  if (presented.exporterName !== undefined && !same(presented.exporterName, registered.exporter.name)) {
    out.push(`exporterName: "${presented.exporterName}" presented, "${registered.exporter.name}" certified`);
  }
  if (presented.importerName !== undefined && !same(presented.importerName, registered.importer.name)) {
    out.push(`importerName: "${presented.importerName}" presented, "${registered.importer.name}" certified`);
  }
  return out;
}
