// The components' own packages rather than the '@react-email/components' barrel: the barrel also
// brings Tailwind, Markdown and Prism, which would load in every test run and ship in the bundle.
import { Body } from '@react-email/body';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Hr } from '@react-email/hr';
import { Html } from '@react-email/html';
import { Link } from '@react-email/link';
import { Preview } from '@react-email/preview';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { ReactNode } from 'react';

/** The product name every email signs with. */
export const productName = 'Edge SaaS';

/** Collapses whitespace and control characters into single spaces: for subjects and one-line text. */
export const oneLine = (value: string) => value.replace(/[\s\p{Cc}]+/gu, ' ').trim();

/** A web link an email may carry: http(s) only, otherwise the origin itself. */
export function safeLink(url: string, appOrigin: string): string {
  try {
    const parsed = new URL(url, appOrigin);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : new URL(appOrigin).href;
  } catch {
    return appOrigin;
  }
}

const fonts = "-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif";
const styles = {
  body: { margin: 0, padding: '24px 0', background: '#f4f4f5', fontFamily: fonts, color: '#18181b' },
  card: { maxWidth: '560px', width: '100%', background: '#ffffff', borderRadius: '8px', padding: '24px 32px' },
  brand: { margin: '0 0 16px', fontSize: '18px', fontWeight: 600 },
  paragraph: { margin: '0 0 12px', fontSize: '15px', lineHeight: '1.6' },
  note: { margin: '0', fontSize: '13px', lineHeight: '1.6', color: '#52525b' },
  button: {
    display: 'inline-block',
    background: '#18181b',
    color: '#ffffff',
    textDecoration: 'none',
    padding: '10px 18px',
    borderRadius: '6px',
    fontWeight: 600,
  },
  footer: { margin: '16px 0 0', fontSize: '12px', color: '#71717a', textAlign: 'center' as const },
};

/**
 * The one layout every email shares: a plain, table-based page (React Email's components) readable
 * in any client, with a hidden preheader, the content, and a footer naming the product and its
 * address. React escapes every value rendered into it.
 */
export function EmailLayout({
  title,
  preheader,
  appOrigin,
  unsubscribe,
  children,
}: {
  title: string;
  preheader: string;
  appOrigin: string;
  /** The signed one-click address, for mail a person may turn off: shown in the footer. */
  unsubscribe?: string | undefined;
  children: ReactNode;
}) {
  const home = safeLink(appOrigin, appOrigin);
  return (
    <Html lang="en">
      <Head>
        <title>{title}</title>
        <meta name="color-scheme" content="light" />
      </Head>
      <Preview>{preheader}</Preview>
      <Body style={styles.body}>
        <Container style={styles.card}>
          <Text style={styles.brand}>{productName}</Text>
          {children}
        </Container>
        <Hr style={{ border: 'none', margin: '0' }} />
        <Text style={styles.footer}>
          {productName} ·{' '}
          <Link href={home} style={{ color: '#71717a' }}>
            {home}
          </Link>
          {unsubscribe ? (
            <>
              {' · '}
              <Link href={unsubscribe} style={{ color: '#71717a' }}>
                Unsubscribe from these emails
              </Link>
            </>
          ) : null}
        </Text>
      </Body>
    </Html>
  );
}

export const Paragraph = ({ children }: { children: ReactNode }) => <Text style={styles.paragraph}>{children}</Text>;

export const Note = ({ children }: { children: ReactNode }) => <Text style={styles.note}>{children}</Text>;

/** A button-styled link; its address is also written out, for clients that hide buttons. */
export function ActionLink({ label, href }: { label: string; href: string }) {
  return (
    <Section style={{ margin: '24px 0' }}>
      <Link href={href} style={styles.button}>
        {label}
      </Link>
      <Text style={styles.note}>
        Or open this address: <Link href={href}>{href}</Link>
      </Text>
    </Section>
  );
}
