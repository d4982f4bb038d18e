export { startFakeDoh } from './doh.ts';
export { startFakeGitHub } from './github.ts';
export { idTokenTampering, startFakeGoogle } from './google.ts';
export type { FakeServer } from './http.ts';
export { startOidcIdp } from './oidc-idp.ts';
