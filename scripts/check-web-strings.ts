/** `npm run lint` runs this: every word the web app shows comes from its message catalogue. */
import { checkWebStrings } from './web-strings.ts';

const found = checkWebStrings();
for (const { file, line, text } of found) console.error(`${file}:${line}  ${text}`);
if (found.length > 0) {
  console.error(`\n${found.length} string(s) written into JSX: add them to web/src/locales/en.ts and say them with t('key').`);
  process.exit(1);
}
console.log('Every string in the web app comes from the message catalogue.');
