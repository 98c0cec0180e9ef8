import { ConfigError, KpConfig, loadConfig } from './kp-config';

const KEK = Buffer.alloc(32, 7).toString('base64');
const SECRET = 'x'.repeat(32);

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('loadConfig accepted the configuration');
}

describe('loadConfig', () => {
  it('defaults to standalone on port 3000', () => {
    const config = loadConfig({});
    expect(config).toBeInstanceOf(KpConfig);
    expect(config.KP_MODE).toBe('standalone');
    expect(config.PORT).toBe(3000);
    expect(config.KP_DEMO).toBe(false);
    expect(config.KP_OUTBOX_RELAY).toBe(true);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads only the env object it is given', () => {
    expect(loadConfig({ PORT: '4100' }).PORT).toBe(4100);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', KP_MODE: '' }).PORT).toBe(3000);
    expect(loadConfig({ PORT: '', KP_MODE: '' }).KP_MODE).toBe('standalone');
  });

  it('parses PORT from its string into a number', () => {
    const config = loadConfig({ PORT: '8080' });
    expect(config.PORT).toBe(8080);
    expect(typeof config.PORT).toBe('number');
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
    expect(loadConfig({ PORT: '65535' }).PORT).toBe(65535);
  });

  it.each(['abc', '70000', '65536', '-1', '80.5'])('refuses PORT=%p, naming PORT', (port) => {
    const error = configError({ PORT: port });
    expect(error.message).toMatch(/^invalid configuration/);
    expect(error.message).toContain('PORT');
  });

  it('lists every invalid setting at once', () => {
    const error = configError({ PORT: 'abc', KP_MODE: 'cluster', DATABASE_URL: 'mysql://db' });
    expect(error.message).toContain('PORT');
    expect(error.message).toContain('KP_MODE');
    expect(error.message).toContain('DATABASE_URL');
  });

  it('refuses a KP_KEY_ENCRYPTION_KEY that is not 32 bytes in base64', () => {
    const error = configError({ KP_KEY_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') });
    expect(error.message).toContain('KP_KEY_ENCRYPTION_KEY must be 32 bytes in base64');
  });

  it('refuses a KP_JWT_SECRET shorter than 32 characters', () => {
    expect(configError({ KP_JWT_SECRET: 'short' }).message).toContain('KP_JWT_SECRET');
  });

  it('names everything distributed mode is missing', () => {
    const error = configError({ KP_MODE: 'distributed' });
    expect(error.message).toContain('distributed mode needs');
    expect(error.message).toContain('KAFKA_BROKERS');
    expect(error.message).toContain('KP_JWT_SECRET');
    expect(error.message).toContain('KP_KEY_ENCRYPTION_KEY');
  });

  /** Everything distributed mode needs, all present. */
  const DISTRIBUTED: Record<string, string> = {
    KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092,',
    REDIS_URL: 'redis://redis:6379',
    KP_JWT_SECRET: SECRET,
    KP_KEY_ENCRYPTION_KEY: KEK,
  };

  it.each(['KAFKA_BROKERS', 'KP_JWT_SECRET', 'KP_KEY_ENCRYPTION_KEY'])(
    'names only %s when distributed mode lacks just that',
    (missing) => {
      const { [missing]: _dropped, ...env } = DISTRIBUTED;
      const error = configError({ KP_MODE: 'distributed', ...env });
      expect(error.message).toBe(`distributed mode needs ${missing}`);
    },
  );

  it('accepts distributed mode with everything it needs', () => {
    const config = loadConfig({ KP_MODE: 'distributed', ...DISTRIBUTED });
    expect(config.KP_MODE).toBe('distributed');
    expect(config.kafkaBrokers()).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(config.KP_JWT_SECRET).toBe(SECRET);
  });

  it.each([
    ['1', true],
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['on', true],
    ['0', false],
    ['false', false],
    ['no', false],
  ])('reads KP_DEMO=%p as %p', (value, expected) => {
    expect(loadConfig({ KP_DEMO: value }).KP_DEMO).toBe(expected);
  });

  it("waits up to Kafka's own 500 ms for a fetch unless told otherwise, and refuses a wait under 10 ms", () => {
    expect(loadConfig({}).KAFKA_FETCH_MAX_WAIT_MS).toBe(500);
    expect(loadConfig({ KAFKA_FETCH_MAX_WAIT_MS: '100' }).KAFKA_FETCH_MAX_WAIT_MS).toBe(100);
    expect(() => loadConfig({ KAFKA_FETCH_MAX_WAIT_MS: '0' })).toThrow(/KAFKA_FETCH_MAX_WAIT_MS/);
  });

  it('reads KP_OUTBOX_RELAY=false as false', () => {
    expect(loadConfig({ KP_OUTBOX_RELAY: 'false' }).KP_OUTBOX_RELAY).toBe(false);
  });

  describe('databaseUrlFor', () => {
    const shared = 'postgres://kp@db:5432/kp';
    const own = 'postgres://kp@certs-db:5432/certificates';

    it('prefers the service own CERTIFICATES_DATABASE_URL over DATABASE_URL', () => {
      const config = loadConfig({ DATABASE_URL: shared });
      expect(config.databaseUrlFor('certificates', { CERTIFICATES_DATABASE_URL: own })).toBe(own);
    });

    it('falls back to DATABASE_URL when the service has none', () => {
      const config = loadConfig({ DATABASE_URL: shared });
      expect(config.DATABASE_URL).toBe(shared);
      expect(config.databaseUrlFor('certificates', {})).toBe(shared);
      expect(config.databaseUrlFor('certificates', { CERTIFICATES_DATABASE_URL: '' })).toBe(shared);
      expect(config.databaseUrlFor('participants', { CERTIFICATES_DATABASE_URL: own })).toBe(shared);
    });

    it('gives undefined when neither is set', () => {
      expect(loadConfig({}).databaseUrlFor('certificates', {})).toBeUndefined();
    });
  });
});
