/**
 * The most chroma an OKLCH colour of lightness `l` and hue `h` can have and still be an sRGB colour,
 * up to `chroma`, to three decimals. A brand token moved to another hue keeps its lightness (and with
 * it its contrast against the page), where the browser's own clipping would lighten a colour that
 * hue cannot show.
 */
export function inGamutChroma(l: number, chroma: number, h: number): number {
  if (inSrgb(l, chroma, h)) return chroma;
  let low = 0;
  let high = chroma;
  for (let i = 0; i < 30; i++) {
    const mid = (low + high) / 2;
    if (inSrgb(l, mid, h)) low = mid;
    else high = mid;
  }
  return Math.floor(low * 1000) / 1000;
}

/** Whether OKLCH (l, c, h°) is inside the sRGB gamut (Björn Ottosson's OKLab matrices). */
export function inSrgb(l: number, c: number, h: number): boolean {
  const a = c * Math.cos((h * Math.PI) / 180);
  const b = c * Math.sin((h * Math.PI) / 180);
  const lms = [
    l + 0.3963377774 * a + 0.2158037573 * b,
    l - 0.1055613458 * a - 0.0638541728 * b,
    l - 0.0894841775 * a - 1.291485548 * b,
  ].map((v) => v ** 3) as [number, number, number];
  const [L, M, S] = lms;
  const rgb = [
    4.0767416621 * L - 3.3077115913 * M + 0.2309699292 * S,
    -1.2684380046 * L + 2.6097574011 * M - 0.3413193965 * S,
    -0.0041960863 * L - 0.7034186147 * M + 1.707614701 * S,
  ];
  return rgb.every((v) => v >= -1e-4 && v <= 1 + 1e-4);
}
