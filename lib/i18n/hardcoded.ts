/**
 * Finds UI text written in the app's code instead of the message files: text between JSX tags,
 * the text attributes people read (title, aria-label, placeholder, alt…), and prose-like string
 * literals anywhere in a component (a sentence kept in a constant is still a hard-coded string).
 * Code shown as code (<code>, <kbd>, <pre>), class lists, test ids, module paths and the like are
 * not UI text. Node-only (TypeScript's parser).
 */
import ts from 'typescript';

export interface HardcodedString {
  file: string;
  line: number;
  text: string;
  kind: 'jsx-text' | 'attribute' | 'literal';
}

/** Attributes whose values people read (or hear). */
const READ_ATTRIBUTES = /^(title|alt|placeholder|label|aria-label|aria-description|aria-valuetext|aria-roledescription|summary)$/;
/** Attributes whose values are code: never UI text. */
const CODE_ATTRIBUTES = /^(className|class|key|type|role|id|href|src|name|rel|target|method|htmlFor|lang|dir|d|viewBox|fill|stroke|transform|xmlns|style|data-[\w-]+|aria-(controls|describedby|labelledby|live|current|hidden|haspopup|orientation|sort|autocomplete|expanded|pressed|checked|selected|busy|modal|owns|activedescendant|atomic|relevant))$/;
/** Elements whose text is code, not prose. */
const CODE_ELEMENTS = new Set(['code', 'kbd', 'pre', 'samp']);

const LETTERS = /[A-Za-z\u4e00-\u9fff]{2,}/;

/** A string that reads as prose: at least two words of letters, and no token that looks like a CSS class, a path or code. */
export function looksLikeProse(text: string): boolean {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const words = tokens.filter((t) => /^[("'“‘]?[A-Za-z][a-z]+[)"'”’.,;:!?]*$/.test(t));
  if (words.length < 2) return /[\u4e00-\u9fff]{2,}/.test(text);
  const codeLike = tokens.some((t) => /^[a-z0-9]+(-[\w[\]./%#]+)+$/.test(t) || /^[\w-]+:[\w[\]./%#-]+$/.test(t) || /^(\.{0,2}\/|@\/|https?:)/.test(t) || /[{}=<>]|\$\{/.test(t));
  return !codeLike;
}

function jsxTagName(node: ts.JsxElement): string {
  return node.openingElement.tagName.getText();
}

/** A comment that marks the next line's text as deliberately untranslated (e.g. each language's own name). */
export const EXEMPT_MARK = 'i18n-exempt';

export function findHardcodedStrings(file: string, source: string): HardcodedString[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lines = source.split('\n');
  const out: HardcodedString[] = [];
  const add = (node: ts.Node, text: string, kind: HardcodedString['kind']) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    if (lines[line - 2]?.includes(EXEMPT_MARK) || lines[line - 1]?.includes(EXEMPT_MARK)) return;
    out.push({ file, line, text: text.trim().slice(0, 120), kind });
  };

  const insideCode = (node: ts.Node): boolean => {
    for (let p = node.parent; p; p = p.parent) if (ts.isJsxElement(p) && CODE_ELEMENTS.has(jsxTagName(p))) return true;
    return false;
  };
  const attributeOf = (node: ts.Node): string | null => {
    for (let p = node.parent; p; p = p.parent) {
      if (ts.isJsxAttribute(p)) return p.name.getText();
      if (ts.isJsxElement(p) || ts.isJsxSelfClosingElement(p) || ts.isBlock(p)) return null;
    }
    return null;
  };
  // Translators are named at their creation (`const presets = useTranslations('analogy.presets')`);
  // a string passed to one is a message key, not text.
  const translators = new Set(['t', ...[...source.matchAll(/\b(?:const|let)\s+(\w+)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations|translatorFor)\(/g)].map((m) => m[1])]);
  const isKeyArgument = (node: ts.Node): boolean => {
    let arg = node; // t(cond ? 'a' : 'b') passes either key
    while (arg.parent && (ts.isParenthesizedExpression(arg.parent) || (ts.isConditionalExpression(arg.parent) && arg.parent.condition !== arg))) arg = arg.parent;
    node = arg;
    const p = node.parent;
    if (!p || !ts.isCallExpression(p) || p.arguments[0] !== node) return false;
    const callee = p.expression.getText().replace(/\.(rich|markup|raw|has)$/, '');
    return translators.has(callee);
  };
  const skipLiteral = (node: ts.Node): boolean => {
    const p = node.parent;
    if (!p) return true;
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isExternalModuleReference(p) || ts.isExpressionStatement(p)) return true; // imports, 'use client'
    if (isKeyArgument(node)) return true;
    if (ts.isCallExpression(p) && (p.expression.kind === ts.SyntaxKind.ImportKeyword || /^(require|useTranslations|getTranslations|translatorFor|console\.\w+)$/.test(p.expression.getText()))) return true;
    if (ts.isPropertyAssignment(p) && p.name === node) return true; // an object key
    if (ts.isElementAccessExpression(p) || ts.isLiteralTypeNode(p) || ts.isCaseClause(p)) return true;
    if (ts.isBinaryExpression(p) && /^(===|!==|==|!=)$/.test(p.operatorToken.getText())) return true;
    return false;
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.getText();
      if (LETTERS.test(text) && !insideCode(node)) add(node, text, 'jsx-text');
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ') : node.text;
      const attribute = attributeOf(node);
      if (attribute && CODE_ATTRIBUTES.test(attribute)) {
        // code
      } else if (attribute && READ_ATTRIBUTES.test(attribute)) {
        if (LETTERS.test(text) && !insideCode(node) && !skipLiteral(node)) add(node, text, 'attribute');
      } else if (!skipLiteral(node) && !insideCode(node) && looksLikeProse(text)) {
        add(node, text, 'literal');
      }
      if (ts.isTemplateExpression(node)) node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
