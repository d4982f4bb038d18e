import { describe, expect, it } from 'vitest';
import { GitHubProvider } from './github.ts';
import { googleProvider } from './google.ts';

const request = { state: 'state-123', codeVerifier: 'v'.repeat(43), nonce: 'nonce-456' };

describe('identity provider adapters', () => {
  it('send people to Google’s and GitHub’s real endpoints unless configured otherwise', async () => {
    const google = await googleProvider({ clientId: 'g', clientSecret: 's', redirectUri: 'https://app.example.com/cb' }).authorizationUrl(
      request,
    );
    expect(`${google.origin}${google.pathname}`).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(google.searchParams)).toMatchObject({
      client_id: 'g',
      redirect_uri: 'https://app.example.com/cb',
      state: 'state-123',
      nonce: 'nonce-456',
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    });
    const github = await new GitHubProvider({
      clientId: 'h',
      clientSecret: 's',
      redirectUri: 'https://app.example.com/cb',
      webUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
    }).authorizationUrl(request);
    expect(`${github.origin}${github.pathname}`).toBe('https://github.com/login/oauth/authorize');
    expect(github.searchParams.get('scope')).toBe('read:user user:email');
    expect(github.searchParams.get('code_challenge_method')).toBe('S256');
  });
});
