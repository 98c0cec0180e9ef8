export interface Bar {
  label: string;
  value: number;
  secondary?: number;
}

/** A horizontal bar chart in plain SVG; the table beside it carries the same numbers. */
export function BarChart({ bars, title, format, legend }: { bars: Bar[]; title: string; format: (n: number) => string; legend?: [string, string] }) {
  const max = Math.max(1, ...bars.flatMap((b) => [b.value, b.secondary ?? 0]));
  const rowHeight = legend ? 34 : 26;
  const labelWidth = 56;
  const width = 640;
  const chartWidth = width - labelWidth - 120;
  const height = bars.length * rowHeight + (legend ? 30 : 8);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMinYMin meet" data-testid="statistics-chart">
        <title>{title}</title>
        {bars.map((b, i) => {
          const y = i * rowHeight + 4;
          const h = legend ? 13 : 18;
          return (
            <g key={b.label}>
              <text x={labelWidth - 8} y={y + (legend ? 14 : 13)} textAnchor="end" className="chart-label">
                {b.label}
              </text>
              <rect x={labelWidth} y={y} width={Math.max(2, (b.value / max) * chartWidth)} height={h} rx={3} className="chart-bar" />
              <text x={labelWidth + Math.max(2, (b.value / max) * chartWidth) + 6} y={y + h - 3} className="chart-value">
                {format(b.value)}
              </text>
              {legend && (
                <>
                  <rect x={labelWidth} y={y + h + 2} width={Math.max(b.secondary ? 2 : 0, ((b.secondary ?? 0) / max) * chartWidth)} height={h} rx={3} className="chart-bar chart-bar-2" />
                  {b.secondary ? (
                    <text x={labelWidth + ((b.secondary ?? 0) / max) * chartWidth + 6} y={y + 2 * h - 1} className="chart-value">
                      {format(b.secondary)}
                    </text>
                  ) : null}
                </>
              )}
            </g>
          );
        })}
        {legend && (
          <g transform={`translate(${labelWidth}, ${height - 16})`}>
            <rect width={12} height={12} rx={2} className="chart-bar" />
            <text x={18} y={10} className="chart-label">
              {legend[0]}
            </text>
            <rect x={110} width={12} height={12} rx={2} className="chart-bar chart-bar-2" />
            <text x={128} y={10} className="chart-label">
              {legend[1]}
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
}
