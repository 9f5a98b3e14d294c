// A horizontal bar chart as a standalone SVG: the benchmark's one picture, no dependencies.
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function renderChart(bars: { label: string; value: number }[], title: string): string {
  const w = 720, left = 170, right = 110, rowH = 26, top = 40;
  const h = top + bars.length * rowH + 20;
  const max = Math.max(...bars.map((b) => b.value));
  const fmt = (v: number) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : `${(v / 1e3).toFixed(0)}k`);
  const rows = bars.map((b, i) => {
    const y = top + i * rowH;
    const bw = Math.max(1, ((w - left - right) * b.value) / max);
    return `<text x="${left - 8}" y="${y + 17}" text-anchor="end">${esc(b.label)}</text>` +
      `<rect x="${left}" y="${y + 4}" width="${bw.toFixed(1)}" height="${rowH - 8}" fill="${b.label.startsWith('wasm') ? '#4a7ebb' : '#9aa5b1'}"/>` +
      `<text x="${(left + bw + 6).toFixed(1)}" y="${y + 17}">${fmt(b.value)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="13">` +
    `<rect width="100%" height="100%" fill="white"/><text x="${w / 2}" y="22" text-anchor="middle" font-weight="bold">${esc(title)}</text>` +
    rows.join('') + '</svg>\n';
}
