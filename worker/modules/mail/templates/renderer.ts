// What render.ts loads with import() on an isolate's first message. Named re-exports keep the bundle
// to these two (React Email's `render` would add prettier and a legacy react-dom/server: ADR 028).
export { toPlainText } from '@react-email/render';
export { prerender } from 'react-dom/static.edge';
