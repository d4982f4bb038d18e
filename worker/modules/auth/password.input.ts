/**
 * The rules of a new password that need no word list, so the web app checks them with the same code
 * before it sends the form (auth.input.ts). Length is counted in Unicode code points, so an emoji or
 * an accented letter is one character however many UTF-16 units or bytes it takes, and nothing is
 * ever cut: a password past the maximum is refused, not shortened (PBKDF2 hashes every byte it is
 * given). The common-password list stays on the server (password-policy.ts).
 */
export const passwordMinLength = 8;
export const passwordMaxLength = 128;

/** Length in Unicode code points (what a person counts as characters, near enough). */
export const codePointLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** The field message for a password of the wrong length, or null when its length is fine. */
export function passwordLengthProblem(password: string): string | null {
  const length = codePointLength(password);
  if (length < passwordMinLength) return `must be at least ${passwordMinLength} characters`;
  if (length > passwordMaxLength) return `must be at most ${passwordMaxLength} characters`;
  return null;
}

/**
 * True when the password is the account's email or the part before its `@`, compared without
 * regard to case or surrounding spaces.
 */
export function isEmailLike(password: string, email: string): boolean {
  const candidate = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  if (!candidate || !address) return false;
  const at = address.lastIndexOf('@');
  const local = at > 0 ? address.slice(0, at) : address;
  return candidate === address || candidate === local;
}
