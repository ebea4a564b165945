import { Text } from "@shopify/polaris";
import type { OverviewData } from "./load-overview.server";

const WIDTH = 560;
const HEIGHT = 120;

/** Revenue and spend per day as paired bars: a small inline SVG, no charting library. */
export function MoneyChart({ chart }: { chart: OverviewData["chart"] }) {
  if (!chart.currency) return null;
  const top = Math.max(1, ...chart.days.map((day) => Math.max(day.revenueMinor, day.spendMinor)));
  const slot = WIDTH / chart.days.length;
  const bar = (value: number) => Math.round((value / top) * (HEIGHT - 10));
  const summary = chart.days
    .filter((day) => day.revenueMinor > 0)
    .map((day) => `${day.day}: revenue ${day.revenueMinor}, spend ${day.spendMinor}`)
    .join("; ");

  return (
    <figure style={{ margin: 0 }}>
      <svg
        width="100%"
        height={HEIGHT}
        preserveAspectRatio="none"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Revenue and spend per day over 14 days in ${chart.currency} minor units. ${summary}`}
      >
        {chart.days.map((day, index) => (
          <g key={day.day} transform={`translate(${index * slot + 4}, 0)`}>
            <rect
              x={0}
              y={HEIGHT - bar(day.revenueMinor)}
              width={slot / 2 - 4}
              height={bar(day.revenueMinor)}
              fill="#2c6ecb"
            />
            <rect
              x={slot / 2 - 4}
              y={HEIGHT - bar(day.spendMinor)}
              width={slot / 2 - 4}
              height={bar(day.spendMinor)}
              fill="#e0a000"
            />
          </g>
        ))}
      </svg>
      <figcaption>
        <Text as="p" tone="subdued">
          {`Delivered orders: blue revenue, amber spend (${chart.currency}), last 14 days.`}
        </Text>
      </figcaption>
    </figure>
  );
}
