import type { ChartLayout } from './chart-layout';
import { FONT_FAMILY } from './fonts';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n: number) => String(Math.round(n * 100) / 100);

/** The laid-out chart as a standalone SVG document in logical pixels (every text a flat <text>). */
export function chartSvg(layout: ChartLayout): string {
  const body = layout.items.map((item) => {
    switch (item.kind) {
      case 'rect':
        return `<rect x="${num(item.x)}" y="${num(item.y)}" width="${num(item.width)}" height="${num(item.height)}" fill="${item.fill}"/>`;
      case 'line':
        return `<line x1="${num(item.x1)}" y1="${num(item.y1)}" x2="${num(item.x2)}" y2="${num(item.y2)}" stroke="${item.stroke}" stroke-width="1"/>`;
      case 'text':
        return `<text x="${num(item.x)}" y="${num(item.y)}" font-size="${item.size}"${item.bold ? ' font-weight="bold"' : ''} text-anchor="${item.anchor}" fill="${item.colour}">${escape(item.text)}</text>`;
    }
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="${FONT_FAMILY}">`,
    `<rect width="${layout.width}" height="${layout.height}" fill="#FFFFFF"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}
