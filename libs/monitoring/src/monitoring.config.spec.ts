import { ConfigError, loadConfig } from '@kp/kernel';
import { DEFAULT_UNCONFIRMED_GRACE_DAYS, DEFAULT_UNCONFIRMED_SWEEP_MS, MonitoringConfig } from './monitoring.config';

const fromEnv = (env: NodeJS.ProcessEnv) => {
  const c = loadConfig(env);
  return new MonitoringConfig(c.KP_UNCONFIRMED_GRACE_DAYS, c.KP_UNCONFIRMED_SWEEP_MS);
};

describe('monitoring settings', () => {
  it('defaults to a 30-day grace period and a one-minute sweep', () => {
    const config = fromEnv({});
    expect(config.unconfirmedGraceDays).toBe(DEFAULT_UNCONFIRMED_GRACE_DAYS);
    expect(config.unconfirmedGraceDays).toBe(30);
    expect(config.unconfirmedSweepMs).toBe(DEFAULT_UNCONFIRMED_SWEEP_MS);
    expect(config.unconfirmedGraceMs).toBe(30 * 24 * 3600 * 1000);
  });

  it('takes both from the environment, blank meaning the default', () => {
    const config = fromEnv({ KP_UNCONFIRMED_GRACE_DAYS: '0.5', KP_UNCONFIRMED_SWEEP_MS: '200' });
    expect(config.unconfirmedGraceMs).toBe(12 * 3600 * 1000);
    expect(config.unconfirmedSweepMs).toBe(200);
    expect(fromEnv({ KP_UNCONFIRMED_GRACE_DAYS: '' }).unconfirmedGraceDays).toBe(30);
  });

  it('refuses nonsense, naming every bad setting', () => {
    expect(() => fromEnv({ KP_UNCONFIRMED_GRACE_DAYS: '-1', KP_UNCONFIRMED_SWEEP_MS: '5' })).toThrow(ConfigError);
    let message = '';
    try {
      fromEnv({ KP_UNCONFIRMED_GRACE_DAYS: 'thirty', KP_UNCONFIRMED_SWEEP_MS: '1.5' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('KP_UNCONFIRMED_GRACE_DAYS');
    expect(message).toContain('KP_UNCONFIRMED_SWEEP_MS');
  });

  it('an unconfirmed import is overdue from expiry plus the grace period', () => {
    const config = new MonitoringConfig(30);
    expect(config.overdueSince(new Date('2026-01-31T23:59:59.999Z')).toISOString()).toBe('2026-03-02T23:59:59.999Z');
  });
});
