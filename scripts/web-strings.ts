/**
 * Words people read in the web app come from the message catalogue (`t('key')`,
 * web/src/locales/en.ts), so a second locale is a new catalogue and no code change. This finds the
 * ones written straight into JSX: text between tags, a string in braces, and the attributes that are
 * shown or read aloud (labels, titles, placeholders, hints). `npm run lint` runs it
 * (scripts/check-web-strings.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Attributes whose value people see or hear. */
const visibleAttributes = new Set([
  'aria-label',
  'aria-description',
  'title',
  'placeholder',
  'alt',
  'label',
  'hint',
  'description',
  'confirmLabel',
  'submitLabel',
  'message',
  'subtitle',
]);

/** Object properties that end up on screen: a column's or an action's label, a toast's message, a route's crumb. */
const visibleProperties = new Set(['label', 'message', 'title', 'description', 'crumb', 'hint', 'placeholder', 'confirmLabel']);

/** Text with a letter in it is words; punctuation, digits and symbols alone ("·", "—", "2") are not. */
const hasWords = (text: string) => /\p{L}/u.test(text) && !isCatalogueKey(text);

/** `'theme.dark'` names a sentence in the catalogue (read with t() elsewhere); it is not one. */
const isCatalogueKey = (text: string) => /^[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+)+$/.test(text);

const isVisible = (attribute: ts.JsxAttribute, sourceFile: ts.SourceFile) => visibleAttributes.has(attribute.name.getText(sourceFile));

/** The literals with words an expression may evaluate to: itself, either branch of `?:`, either side of `??` and `||`, the right of `&&`. */
function wordsIn(expression: ts.Expression | undefined): ts.Node[] {
  if (!expression) return [];
  if (ts.isParenthesizedExpression(expression)) return wordsIn(expression.expression);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
    return hasWords(expression.text) ? [expression] : [];
  if (ts.isTemplateExpression(expression)) {
    const text = expression.head.text + expression.templateSpans.map((span) => span.literal.text).join('');
    return hasWords(text) ? [expression] : [];
  }
  if (ts.isConditionalExpression(expression)) return [...wordsIn(expression.whenTrue), ...wordsIn(expression.whenFalse)];
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return wordsIn(expression.right);
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
      return [...wordsIn(expression.left), ...wordsIn(expression.right)];
    }
  }
  return [];
}

export interface HardCodedString {
  file: string;
  line: number;
  text: string;
}

export function hardCodedStrings(file: string, source: string): HardCodedString[] {
  const sourceFile = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: HardCodedString[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    found.push({ file, line: line + 1, text: text.trim().replace(/\s+/g, ' ') });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.parent) {
      const parent = node.parent;
      const shown = ts.isJsxElement(parent) || ts.isJsxFragment(parent) || (ts.isJsxAttribute(parent) && isVisible(parent, sourceFile));
      if (shown) for (const literal of wordsIn(node.expression)) report(literal, literal.getText(sourceFile));
    }
    if (ts.isPropertyAssignment(node) && visibleProperties.has(node.name.getText(sourceFile).replace(/['"]/g, ''))) {
      for (const literal of wordsIn(node.initializer)) report(literal, literal.getText(sourceFile));
    }
    if (ts.isJsxAttribute(node) && isVisible(node, sourceFile) && node.initializer && ts.isStringLiteral(node.initializer)) {
      if (hasWords(node.initializer.text)) report(node, node.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(path) && !/\.(e2e|test)\.tsx?$/.test(path) ? [path] : [];
  });
}

export function checkWebStrings(root = 'web/src'): HardCodedString[] {
  return sourceFiles(root)
    .filter((path) => !path.includes('/locales/'))
    .flatMap((path) => hardCodedStrings(relative('.', path), readFileSync(path, 'utf8')));
}
