import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KpConfig } from './kp-config';

/**
 * Standalone mode must start on a fresh machine with nothing configured, yet keep its
 * tokens and wrapped signing keys valid across restarts: the secrets it generates on
 * first start are kept beside its data. Distributed mode takes them from the environment.
 */
export function fillStandaloneSecrets(config: KpConfig): void {
  if (config.KP_JWT_SECRET && config.KP_KEY_ENCRYPTION_KEY) return;
  mkdirSync(config.KP_DATA_DIR, { recursive: true });
  const file = join(config.KP_DATA_DIR, 'secrets.json');
  let stored: { jwtSecret?: string; keyEncryptionKey?: string } = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  stored.jwtSecret ??= randomBytes(48).toString('base64url');
  stored.keyEncryptionKey ??= randomBytes(32).toString('base64');
  writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  config.KP_JWT_SECRET ??= stored.jwtSecret;
  config.KP_KEY_ENCRYPTION_KEY ??= stored.keyEncryptionKey;
}
