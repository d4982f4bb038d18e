import commonPasswordsText from './common-passwords.txt';

/**
 * What a new password must be. Length is counted in Unicode code points, so an emoji or an accented
 * letter is one character however many UTF-16 units or bytes it takes, and nothing is ever cut: a
 * password past the maximum is refused, not shortened (PBKDF2 hashes every byte it is given).
 */
export const passwordMinLength = 8;
export const passwordMaxLength = 128;

/**
 * The 10,000 most common passwords, lowercase, one a line: the head of the ranked list in
 * `@zxcvbn-ts/language-common` (MIT). Built once per isolate, on first use.
 */
let commonPasswords: Set<string> | undefined;

function commonPasswordSet(): Set<string> {
  commonPasswords ??= new Set(
    commonPasswordsText
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  return commonPasswords;
}

/** Length in Unicode code points (what a person counts as characters, near enough). */
export const codePointLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** True for one of the shipped most common passwords, compared without regard to case. */
export function isCommonPassword(password: string): boolean {
  return commonPasswordSet().has(password.toLowerCase());
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

/** Why a new password is refused, as field messages; empty when it is acceptable. */
export function passwordProblems(password: string, email?: string): string[] {
  const length = codePointLength(password);
  if (length < passwordMinLength) return [`must be at least ${passwordMinLength} characters`];
  if (length > passwordMaxLength) return [`must be at most ${passwordMaxLength} characters`];
  if (isCommonPassword(password)) return ['is too common'];
  if (email !== undefined && isEmailLike(password, email)) return ['must not be your email address'];
  return [];
}
