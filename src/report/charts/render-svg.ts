/**
 * Renders a Vega-Lite spec to a static SVG string with Vega in Node: no canvas, no DOM, no
 * network. Vega and Vega-Lite are imported on first use, so importing the table renderers
 * of `llm-concurrency-bench/report` does not load them.
 */
import type { Config, TopLevelSpec } from 'vega-lite';

/** The look every chart shares: white background, system sans-serif, quiet axes. */
export const CHART_CONFIG: Config = {
  background: 'white',
  font: 'Helvetica, Arial, sans-serif',
  padding: 12,
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', titleColor: '#333', labelColor: '#333', gridColor: '#e6e6e6', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', orient: 'bottom', direction: 'horizontal' },
  title: { anchor: 'start', fontSize: 16, fontWeight: 'bold', subtitleFontSize: 12, subtitleColor: '#555', subtitlePadding: 6, offset: 14 },
};

/** Chart colours, picked to stay apart for readers with common colour-vision deficiencies. */
export const COLORS = {
  measured: '#4c78a8',
  interval: '#1f1f1f',
  ideal: '#e45756',
  rateLimited: '#f58518',
  errors: '#b2182b',
  reference: '#9a9a9a',
} as const;

/** Compiles `spec` (with {@link CHART_CONFIG} under its own config) and renders it as SVG. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const config: Config = { ...CHART_CONFIG, ...spec.config };
  const { spec: compiled } = vegaLite.compile({ ...spec, config } as TopLevelSpec);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}

/**
 * The SVG ready to sit inside an HTML page: without the XML namespace declarations, which
 * HTML does not need (the parser puts `<svg>` in the SVG namespace itself).
 */
export function inlineSvg(svg: string): string {
  return svg.replace(/^<svg([^>]*)>/, (_tag, attributes: string) => `<svg${attributes.replace(/\s+xmlns(?::\w+)?="[^"]*"/g, '')}>`).trimEnd();
}
