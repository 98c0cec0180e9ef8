import { IsDateString, IsInt, IsString, IsUUID, Matches, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** The Secretariat's monitoring produced a report (a yearly summary per participant, say). Keyed by participant. */
export class ReportGeneratedV1 {
  @IsUUID()
  reportId!: string;

  @IsString()
  kind!: string;

  @Matches(/^[A-Z]{2}$/)
  participant!: string;

  @IsInt()
  @Min(2000)
  year!: number;

  @IsDateString()
  generatedAt!: string;
}

export const ReportGenerated = defineEvent('monitoring.report.generated', 1, Topics.reports, ReportGeneratedV1);
