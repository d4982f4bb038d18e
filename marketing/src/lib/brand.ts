/**
 * The brand's colours as the stylesheet declares them (styles/global.css, light theme), for what
 * cannot read CSS: the Open Graph cards drawn at build. `npm run rename -- --hue` moves the tokens'
 * hue, and the cards follow at the next build.
 */

/** The value of a custom property in the stylesheet's first `:root` block (the light theme). */
export function token(css: string, name: string): string {
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const value = new RegExp(`(?:^|;|\\s)${name}:\\s*([^;]+);`).exec(root)?.[1]?.trim();
  if (!value) throw new Error(`the stylesheet's :root declares no ${name}`);
  return value;
}

const toByte = (linear: number) => {
  const gamma = linear <= 0.0031308 ? 12.92 * linear : 1.055 * linear ** (1 / 2.4) - 0.055;
  return Math.round(Math.min(1, Math.max(0, gamma)) * 255);
};

/** `oklch(L C H)` as `#rrggbb` (Björn Ottosson's OKLab to linear sRGB; out-of-gamut channels clipped). */
export function oklchToHex(color: string): string {
  const match = /^oklch\(\s*([\d.]+)(%?)\s+([\d.]+)\s+([\d.]+)\s*\)$/.exec(color.trim());
  if (!match) throw new Error(`not an opaque oklch() colour: ${color}`);
  const lightness = Number(match[1]) / (match[2] ? 100 : 1);
  const [chroma, hue] = [Number(match[3]), (Number(match[4]) * Math.PI) / 180];
  const [a, b] = [chroma * Math.cos(hue), chroma * Math.sin(hue)];
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const rgb = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  return `#${rgb.map((channel) => toByte(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** The card's colours: the brand's primary behind, the text on the brand, the soft accent for the smaller lines. */
export function cardColours(css: string) {
  return {
    background: oklchToHex(token(css, '--color-primary')),
    title: oklchToHex(token(css, '--on-brand')),
    text: oklchToHex(token(css, '--accent-soft')),
  };
}
