import { Box, Paper, Text } from "@mantine/core";
import {
  forwardRef,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
  useEffect,
  useRef,
  useState,
} from "react";
import { useFormat } from "../i18n/format";
import type { ChartData } from "./chart-data";

/**
 * How each series is told apart without colour: its dash, its marker, and a line thinner than the one
 * drawn before it, so a series equal to another still shows along and around it.
 */
export const seriesStyles = [
  { color: "#1c7ed6", dash: "", marker: "circle", width: 4 },
  { color: "#0ca678", dash: "9 5", marker: "square", width: 3 },
  { color: "#ae3ec9", dash: "2 4", marker: "triangle", width: 2.5 },
  { color: "#e8590c", dash: "12 4 3 4", marker: "diamond", width: 2 },
  { color: "#495057", dash: "6 3", marker: "cross", width: 2 },
] as const;

type Marker = (typeof seriesStyles)[number]["marker"];
const styleOf = (i: number) => seriesStyles[i % seriesStyles.length] as (typeof seriesStyles)[number];

const FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans JP', sans-serif";
const TEXT = "#495057";
const GRID = "#dee2e6";
const HEIGHT = 300;
const PAD = { left: 64, right: 36, bottom: 30 };
const LEGEND_ROW = 22;
/** Markers on every point only while points are far enough apart to read them. */
const MAX_MARKED_POINTS = 24;
/** How far apart the markers of series with equal values sit, side by side on the point. */
const TIE_SPREAD = 9;

/** A marker shape of `size` centred on (x, y), outlined in the series' colour over a white fill. */
function MarkerShape({
  marker,
  x,
  y,
  size,
  color,
}: {
  marker: Marker;
  x: number;
  y: number;
  size: number;
  color: string;
}) {
  const common = { fill: "#fff", stroke: color, strokeWidth: 2 };
  switch (marker) {
    case "circle":
      return <circle cx={x} cy={y} r={size} {...common} />;
    case "square":
      return (
        <rect x={x - size * 0.85} y={y - size * 0.85} width={size * 1.7} height={size * 1.7} {...common} />
      );
    case "triangle":
      return (
        <path
          d={`M${x},${y - size} L${x + size},${y + size * 0.8} L${x - size},${y + size * 0.8} Z`}
          {...common}
        />
      );
    case "diamond":
      return (
        <path d={`M${x},${y - size} L${x + size},${y} L${x},${y + size} L${x - size},${y} Z`} {...common} />
      );
    default:
      return (
        <path
          d={`M${x - size},${y - size} L${x + size},${y + size} M${x - size},${y + size} L${x + size},${y - size}`}
          {...common}
        />
      );
  }
}

/** A few round steps from 0 to at least `max` (1, 2 or 5 times a power of ten). */
export function yTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power);
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  return ticks;
}

/** Which bucket indexes get an x-axis label: evenly spread, the first always, about one per 90 px. */
export function xLabelIndexes(count: number, width: number): number[] {
  const room = Math.max(1, Math.floor(width / 90));
  const every = Math.max(1, Math.ceil(count / room));
  return Array.from({ length: count }, (_, i) => i).filter((i) => i % every === 0);
}

/**
 * Per series and bucket, how far to move its marker sideways: series with equal values at a bucket
 * get their markers side by side around the point instead of one over the other.
 */
export function tieOffsets(series: readonly { values: readonly number[] }[]): number[][] {
  const offsets = series.map((s) => s.values.map(() => 0));
  const buckets = Math.max(0, ...series.map((s) => s.values.length));
  for (let j = 0; j < buckets; j += 1) {
    const byValue = new Map<number, number[]>();
    series.forEach((s, i) => {
      const v = s.values[j] ?? 0;
      byValue.set(v, [...(byValue.get(v) ?? []), i]);
    });
    for (const tied of byValue.values()) {
      tied.forEach((i, rank) => {
        (offsets[i] as number[])[j] = (rank - (tied.length - 1) / 2) * TIE_SPREAD;
      });
    }
  }
  return offsets;
}

/** Rough text width for laying out the legend (CJK characters are about twice as wide). */
const textWidth = (text: string, size: number) =>
  [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? size : size * 0.6), 0);

function legendLayout(labels: readonly string[], width: number) {
  const items: { x: number; y: number }[] = [];
  let x = PAD.left;
  let y = 14;
  for (const label of labels) {
    const w = 34 + textWidth(label, 12) + 18;
    if (x + w > width - PAD.right && x > PAD.left) {
      x = PAD.left;
      y += LEGEND_ROW;
    }
    items.push({ x, y });
    x += w;
  }
  return { items, height: y + 16 };
}

/** A series' dash and marker, as drawn in the legend and the tooltip. */
function SeriesKey({ index, x, y }: { index: number; x: number; y: number }) {
  const s = styleOf(index);
  return (
    <g>
      <line
        x1={x}
        x2={x + 28}
        y1={y}
        y2={y}
        stroke={s.color}
        strokeWidth={Math.min(s.width, 3)}
        strokeDasharray={s.dash || undefined}
      />
      <MarkerShape marker={s.marker} x={x + 14} y={y} size={4.5} color={s.color} />
    </g>
  );
}

interface ChartSvgProps {
  chart: ChartData;
  width: number;
  active: number | null;
  onActive: (index: number | null) => void;
  tickLabel: (bucket: string) => string;
  number: (value: number) => string;
}

/** The chart itself: legend, axes, one line per series; what the PNG export draws. */
const ChartSvg = forwardRef<SVGSVGElement, ChartSvgProps>(function ChartSvg(
  { chart, width, active, onActive, tickLabel, number },
  ref,
) {
  const legend = legendLayout(
    chart.series.map((s) => s.label),
    width,
  );
  const top = legend.height + 14;
  const plotW = Math.max(1, width - PAD.left - PAD.right);
  const plotH = HEIGHT - top - PAD.bottom;
  const n = chart.buckets.length;
  const ticks = yTicks(Math.max(0, ...chart.series.flatMap((s) => s.values)));
  const yMax = ticks.at(-1) ?? 1;
  const x = (i: number) => PAD.left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const indexAt = (clientX: number, box: DOMRect) => {
    const px = ((clientX - box.left) / Math.max(1, box.width)) * width;
    return n <= 1 ? 0 : Math.min(n - 1, Math.max(0, Math.round(((px - PAD.left) / plotW) * (n - 1))));
  };
  const onMove = (e: MouseEvent<SVGSVGElement>) =>
    onActive(indexAt(e.clientX, e.currentTarget.getBoundingClientRect()));
  const marked = n <= MAX_MARKED_POINTS;
  const offsets = tieOffsets(chart.series);
  return (
    <svg
      ref={ref}
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={HEIGHT}
      viewBox={`0 0 ${width} ${HEIGHT}`}
      aria-hidden="true"
      onMouseMove={onMove}
      onMouseLeave={() => onActive(null)}
      fontFamily={FONT}
      fontSize={11}
      style={{ display: "block", overflow: "visible" }}
    >
      <g>
        {chart.series.map((s, i) => {
          const at = legend.items[i] ?? { x: 0, y: 0 };
          return (
            <g key={s.id}>
              <SeriesKey index={i} x={at.x} y={at.y} />
              <text x={at.x + 34} y={at.y + 4} fontSize={12} fill={TEXT}>
                {s.label}
              </text>
            </g>
          );
        })}
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} stroke={GRID} />
            {/* clear of the markers spread sideways at the first bucket */}
            <text x={PAD.left - 22} y={y(v) + 4} textAnchor="end" fill={TEXT}>
              {number(v)}
            </text>
          </g>
        ))}
        {xLabelIndexes(n, plotW).map((i) => (
          <text key={chart.buckets[i]} x={x(i)} y={HEIGHT - 10} textAnchor="middle" fill={TEXT}>
            {tickLabel(chart.buckets[i] as string)}
          </text>
        ))}
        {active !== null && (
          <line
            data-chart-cursor
            x1={x(active)}
            x2={x(active)}
            y1={top}
            y2={top + plotH}
            stroke="#868e96"
            strokeDasharray="3 3"
          />
        )}
        {chart.series.map((s, i) => {
          const style = styleOf(i);
          return (
            <g key={s.id} data-series={s.id}>
              <polyline
                points={s.values.map((v, j) => `${x(j)},${y(v)}`).join(" ")}
                fill="none"
                stroke={style.color}
                strokeWidth={style.width}
                strokeDasharray={style.dash || undefined}
                strokeLinejoin="round"
              />
              {s.values.map((v, j) =>
                marked || j === active ? (
                  <MarkerShape
                    key={chart.buckets[j]}
                    marker={style.marker}
                    x={x(j) + (offsets[i]?.[j] ?? 0)}
                    y={y(v)}
                    size={4.5}
                    color={style.color}
                  />
                ) : null,
              )}
            </g>
          );
        })}
      </g>
    </svg>
  );
});

/**
 * A line chart with a legend, localized axes and a tooltip that lists every series at the bucket under
 * the pointer (or the keyboard: focus it, then arrow keys), equal values included.
 */
export function LineChart({
  chart,
  svgRef,
  footer,
}: {
  chart: ChartData;
  svgRef?: Ref<SVGSVGElement>;
  footer?: ReactNode;
}) {
  const format = useFormat();
  const ref = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState(0);
  // drawn at its box's width (a hook of our own: @mantine/hooks' would join the shell's vendor chunk)
  useEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => setMeasured(entry?.contentRect.width ?? 0));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  const [active, setActive] = useState<number | null>(null);
  const width = Math.round(measured) || 720; // before layout (and in jsdom) a common width
  const withYear =
    chart.buckets.length > 0 && chart.buckets[0]?.slice(0, 4) !== chart.buckets.at(-1)?.slice(0, 4);
  const bucket = active === null ? undefined : chart.buckets[active];
  const n = chart.buckets.length;
  const valueText = (i: number) =>
    `${format.bucket(chart.buckets[i] ?? "", chart.step, true)}: ${chart.series
      .map((s) => `${s.label} ${format.number(s.values[i] ?? 0)}`)
      .join(", ")}`;
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, Home: -n, End: n };
    const step = moves[e.key];
    if (step === undefined) return;
    e.preventDefault();
    setActive(Math.min(n - 1, Math.max(0, (active ?? 0) + step)));
  };
  return (
    <Box ref={ref} pos="relative" className="chart-block">
      {/* a slider over the buckets: arrow keys walk them and a screen reader reads each one's values */}
      <div
        role="slider"
        aria-label={chart.title}
        aria-valuemin={0}
        aria-valuemax={Math.max(0, n - 1)}
        aria-valuenow={active ?? n - 1}
        aria-valuetext={valueText(active ?? n - 1)}
        tabIndex={0}
        onFocus={() => setActive(active ?? n - 1)}
        onBlur={() => setActive(null)}
        onKeyDown={onKey}
      >
        <ChartSvg
          ref={svgRef}
          chart={chart}
          width={width}
          active={active}
          onActive={setActive}
          tickLabel={(b) => format.day(b, withYear)}
          number={format.number}
        />
      </div>
      <div className="no-print" aria-hidden="true">
        {bucket !== undefined && active !== null && (
          <Paper
            shadow="sm"
            withBorder
            p="xs"
            style={{
              position: "absolute",
              top: 48, // below the legend
              pointerEvents: "none",
              ...(active < chart.buckets.length / 2 ? { left: 60 } : { right: 24 }),
            }}
          >
            <Text size="sm" fw={600}>
              {format.bucket(bucket, chart.step, true)}
            </Text>
            {chart.series.map((s, i) => (
              <Text
                key={s.id}
                size="sm"
                component="div"
                style={{ display: "flex", alignItems: "center", gap: 6 }}
              >
                <svg width={30} height={12} aria-hidden="true">
                  <SeriesKey index={i} x={1} y={6} />
                </svg>
                {s.label}: <b>{format.number(s.values[active] ?? 0)}</b>
              </Text>
            ))}
          </Paper>
        )}
      </div>
      {footer}
    </Box>
  );
}
