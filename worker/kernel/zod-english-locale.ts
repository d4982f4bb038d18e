// Stands in for zod's index of locales in the worker bundle (wrangler.toml [alias]): zod sets its
// English messages from `en` itself, and no code of ours picks another locale, so the other forty
// (about 260 KiB minified, a quarter of what an isolate evaluates at start-up) are left out.
// docs/decisions/071-zod-without-its-locales.md
export { default as en } from 'zod/v4/locales/en.js';
