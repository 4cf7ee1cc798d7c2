// Time-series charts on uPlot (from its WebJar, served by the alerts service at /vendor/uplot/).
import uPlot from '/vendor/uplot/uPlot.esm.js';

const COLORS = ['#539bf5', '#e5534b', '#57ab5a', '#d4a72c', '#b083f0', '#39c5cf', '#f69d50',
  '#e275ad', '#8ddb8c', '#96d0ff', '#c69026', '#768390'];

/**
 * Aligns series of {time, ...} points on one time axis.
 * @param series [{label, points, value: p => number, points_only: bool?, color?, dash: [on, off]?}]
 */
export function align(series) {
  const times = new Set();
  for (const s of series) for (const p of s.points) times.add(Date.parse(p.time) / 1000);
  const xs = [...times].sort((a, b) => a - b);
  const index = new Map(xs.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    const y = new Array(xs.length).fill(null);
    for (const p of s.points) y[index.get(Date.parse(p.time) / 1000)] = s.value(p);
    return y;
  });
  return [xs, ...ys];
}

/**
 * Draws (or redraws) a chart in container; data-points on the container tells how many points it
 * shows (0: the chart has no data).
 */
export function chart(container, { series, yLabel, yRange, onPick, height = 240 }) {
  const data = align(series);
  container.dataset.points = String(data[0].length);
  container.replaceChildren();
  const opts = {
    width: Math.max(320, container.clientWidth || 600),
    height,
    cursor: { points: { size: 7 } },
    legend: { live: false },
    scales: { x: { time: true }, y: yRange ? { range: yRange } : {} },
    axes: [
      { stroke: '#8b98a5', grid: { stroke: '#2a3642' } },
      { stroke: '#8b98a5', grid: { stroke: '#2a3642' }, label: yLabel, size: 60 },
    ],
    series: [
      {},
      ...series.map((s, i) => ({
        label: s.label,
        stroke: s.color || COLORS[i % COLORS.length],
        width: s.points_only ? 0 : 1.5,
        dash: s.dash,
        points: s.points_only ? { show: true, size: 10, fill: s.color || COLORS[i] } : { show: false },
        spanGaps: !s.points_only,
      })),
    ],
  };
  if (data[0].length === 0) {
    container.append(Object.assign(document.createElement('p'), {
      className: 'dim', textContent: 'No data in this range yet.' }));
    return null;
  }
  const plot = new uPlot(opts, data, container);
  if (onPick) {
    // The window nearest to where the click landed.
    plot.over.addEventListener('click', (e) => {
      const t = plot.posToVal(e.offsetX, 'x');
      let best = 0;
      for (let i = 1; i < data[0].length; i++) {
        if (Math.abs(data[0][i] - t) < Math.abs(data[0][best] - t)) best = i;
      }
      onPick(data[0][best] * 1000);
    });
  }
  return plot;
}
