import { describe, expect, it } from 'vitest';
import { call, unique } from '../test/client.ts';

describe('rate limits through the real chain and the Durable Object buckets', () => {
  it('answers the sixth log-in from one address within a minute with 429 and the limit headers', async () => {
    const ip = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const body = { email: `${unique('nobody')}@example.com`, password: 'not the password' };
    const answers = [];
    for (let i = 0; i < 6; i++) {
      answers.push(await call('POST', '/api/v1/auth/login', { body, ip, headers: { 'x-forwarded-for': `192.0.2.${i}` } }));
    }
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(answers[4]?.headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = answers[5];
    expect(limited?.status).toBe(429);
    expect(limited?.json.error.code).toBe('RATE_LIMITED');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited?.headers.get('x-ratelimit-limit')).toBe('5');
    expect(limited?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited?.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);

    const otherAddress = await call('POST', '/api/v1/auth/login', { body, ip: `${ip.split('.').slice(0, 3).join('.')}.251` });
    expect(otherAddress.status).toBe(401);
  });
});
