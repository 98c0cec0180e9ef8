import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_DIR } from './global-setup';

/** Stops what global-setup started, and only that. */
export default async function globalTeardown(): Promise<void> {
  let started: { postgresPid?: number; kafkaMock?: boolean } = {};
  try {
    started = JSON.parse(readFileSync(join(RUN_DIR, 'started.json'), 'utf8'));
  } catch {
    return;
  }
  if (started.kafkaMock) {
    execFileSync('bash', [join(__dirname, '..', '..', 'scripts', 'kafka-mock.sh'), 'stop', join(RUN_DIR, 'kafka')], {
      stdio: 'ignore',
    });
  }
  if (started.postgresPid) {
    try {
      process.kill(started.postgresPid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}
