import { XMLValidator } from 'fast-xml-parser';

/**
 * Fails unless the text is a well-formed XML document with one <svg> root in the SVG namespace —
 * what a browser or an XML toolchain needs to open it (an unescaped quote in an attribute, a bare
 * "&" or an unclosed tag all fail here, as they do in Chromium's XML parser).
 */
export function expectWellFormedSvg(svg: string): void {
  const verdict = XMLValidator.validate(svg.replace(/^<\?xml[^>]*\?>\s*/, ''));
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    const excerpt = svg.split('\n')[line - 1]?.slice(Math.max(0, col - 60), col + 40);
    throw new Error(`SVG is not well-formed XML: line ${line}, column ${col}: ${msg}\n  …${excerpt}…`);
  }
  expect(svg.replace(/^<\?xml[^>]*\?>\s*/, '').startsWith('<svg')).toBe(true);
  expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
}
