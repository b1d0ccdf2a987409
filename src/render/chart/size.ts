/**
 * The summary chart is designed for the width chat shows it at: Teams cards and Slack previews
 * are about 400–600 px wide, so the chart is laid out at CHART_WIDTH logical pixels (the Teams
 * card asks for exactly that width) and rasterised at CHART_SCALE× so it stays sharp on
 * high-density screens. Every text is at least CHART_MIN_FONT px at that width: readable
 * without zooming. This file loads nothing, so card presenters can import it.
 */
export const CHART_WIDTH = 520;
export const CHART_SCALE = 2;
export const CHART_MIN_FONT = 13;
