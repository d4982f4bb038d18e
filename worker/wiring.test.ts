import { describe, expect, it } from 'vitest';
import { ClamAvHttpScanner } from './adapters/scanner/clamav-http.ts';
import { EicarScanner } from './adapters/scanner/eicar.ts';
import { loadConfig } from './kernel/config.ts';
import { AppError } from './kernel/errors.ts';
import { scannerFor } from './wiring.ts';

describe('choosing the scanner', () => {
  const base = {
    APP_ORIGIN: 'https://app.example.com',
    DATABASE_URL: 'postgres://app:pw@db.internal:5432/app',
    APP_SECRET: 'x'.repeat(40),
    MAIL_PROVIDER: 'resend',
    RESEND_API_KEY: 're_x',
    MAIL_FROM: 'no-reply@example.com',
  };

  it('uses EICAR in development and tests unless told otherwise, and nothing by default in production', () => {
    expect(scannerFor(loadConfig({ ...base, APP_ENV: 'test' }))).toBeInstanceOf(EicarScanner);
    expect(scannerFor(loadConfig({ ...base, APP_ENV: 'production' }))).toBeUndefined();
    const production = loadConfig({
      ...base,
      APP_ENV: 'production',
      SCANNER: 'clamav-http',
      SCANNER_URL: 'https://scanner.internal/v2/scan',
    });
    expect(scannerFor(production)).toBeInstanceOf(ClamAvHttpScanner);
  });

  it('refuses EICAR in production and preview, and clamav-http without its URL', () => {
    for (const APP_ENV of ['production', 'preview']) {
      expect(() => loadConfig({ ...base, APP_ENV, SCANNER: 'eicar' })).toThrow(AppError);
      expect(() => loadConfig({ ...base, APP_ENV, SCANNER: 'eicar' })).toThrow('SCANNER=eicar is for development and tests');
    }
    expect(() => loadConfig({ ...base, APP_ENV: 'production', SCANNER: 'clamav-http' })).toThrow('SCANNER_URL is required');
  });
});
