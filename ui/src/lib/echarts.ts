// ECharts, imported piece by piece (core + the charts and components the 统计 page and the
// worklist strip use), so only their lazy chunks carry it and the first screen does not grow.
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, PieSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components'

use([CanvasRenderer, BarChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent])

export type ChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption
>

/** The app's palette: its red first (--jd-red), then muted tones that stay apart in print. */
export const PALETTE = ['#a61b1b', '#5b7a99', '#c9864a', '#6f8f5e', '#8e6c9c', '#b7791f', '#4f9a94', '#909399']

/** What a click on a bar or slice tells the page (ECharts' event, the fields used here). */
export type ChartPick = { seriesName?: string, name?: string, dataIndex?: number }

/** The app's font (style.css): ECharts' default "sans-serif" picked a serif CJK face on Linux. */
export const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif'

/** A chart title in the app's style. */
export function title(text: string, subtext?: string): TitleComponentOption {
  return {
    text, subtext, left: 'left',
    textStyle: { fontSize: 14, fontWeight: 600, color: '#303133', fontFamily: FONT },
    subtextStyle: { color: '#606266' },
  }
}
