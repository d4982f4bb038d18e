import commonPasswordsText from './common-passwords.txt';
import { isEmailLike, passwordLengthProblem } from './password.input.ts';

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

/** True for one of the shipped most common passwords, compared without regard to case. */
export function isCommonPassword(password: string): boolean {
  return commonPasswordSet().has(password.toLowerCase());
}

/** Why a new password is refused, as field messages; empty when it is acceptable. */
export function passwordProblems(password: string, email?: string): string[] {
  const tooShortOrLong = passwordLengthProblem(password);
  if (tooShortOrLong) return [tooShortOrLong];
  if (isCommonPassword(password)) return ['is too common'];
  if (email !== undefined && isEmailLike(password, email)) return ['must not be your email address'];
  return [];
}
