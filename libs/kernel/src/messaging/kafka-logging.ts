import type { LogEntry } from 'kafkajs';
import { logLevel } from 'kafkajs';

/** The Nest logger method for a kafkajs log level. */
export type LogMethod = 'error' | 'warn' | 'log' | 'debug';

export function logMethod(level: logLevel): LogMethod {
  switch (level) {
    case logLevel.ERROR:
    case logLevel.NOTHING:
      return 'error';
    case logLevel.WARN:
      return 'warn';
    case logLevel.INFO:
      return 'log';
    default:
      return 'debug';
  }
}

/** One kafkajs log entry as one line, as @nestjs/microservices writes them. */
export function kafkaLogLine({ namespace, label, log }: LogEntry): string {
  const { message, ...details } = log;
  return `${label} [${namespace}] ${message} ${JSON.stringify(details)}`;
}

/** A kafkajs logCreator writing through a Nest logger. */
export function kafkaLogCreator(logger: Record<LogMethod, (message: string) => void>) {
  return () => (entry: LogEntry) => logger[logMethod(entry.level)](kafkaLogLine(entry));
}
