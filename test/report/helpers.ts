/** Shared by the report tests: saved results from real runs, and an SVG reader built on an XML parser. */
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SuiteResult } from '../../src/bench/results.ts';

/** Fixtures written by `bench` (virtual clock): strategies, sweep (steps 1, 2, 4, 8) and rate-limits. */
export const FIXTURES = ['strategies', 'sweep', 'rate-limits'] as const;
export const fixturePath = (suite: string, ext = 'json'): string => new URL(`./fixtures/${suite}.${ext}`, import.meta.url).pathname;
export const loadFixture = (suite: string): SuiteResult => JSON.parse(readFileSync(fixturePath(suite), 'utf8')) as SuiteResult;

/** What a test needs to know of an SVG document. */
export interface SvgFacts {
  width: number;
  height: number;
  /** The text content of every `<text>` element, in document order. */
  texts: string[];
}

/** Parses `svg` as XML; throws unless it is well-formed with a root `<svg>` that has a numeric width and height. */
export function readSvg(svg: string): SvgFacts {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} at line ${valid.err.line}`);
  const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: false }).parse(svg) as Record<string, unknown>;
  const root = tree.svg as Record<string, unknown> | undefined;
  if (!root) throw new Error('the root element is not <svg>');
  const width = Number(root['@width']);
  const height = Number(root['@height']);
  if (!(width > 0 && height > 0)) throw new Error(`root <svg> without a positive width and height (${String(root['@width'])} × ${String(root['@height'])})`);
  const texts: string[] = [];
  const walk = (node: unknown, inText: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inText));
    if (typeof node === 'string' || typeof node === 'number') {
      if (inText) texts.push(String(node));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@')) continue;
      walk(value, key === 'text' || (inText && (key === '#text' || key === 'tspan')));
    }
  };
  walk(root, false);
  return { width, height, texts };
}
