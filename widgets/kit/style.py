"""The look of every app: one stylesheet (shared parts first, then each app's own), put
first in each app's children with the connection watch."""

from __future__ import annotations

import ipywidgets as w

from socialplaybook.rules.fonts import APP_FONTS
from widgets.page.connection import ConnectionWatch

APP_CSS = """
<style>
body .jp-Cell { max-width: 1240px; margin-left: auto !important; margin-right: auto !important; }
.jp-RenderedMarkdown h1 { font-family: APP_FONTS;
  font-size: 28px; font-weight: 650; color: #1f2a44; margin: 14px 0 4px 12px; }
.jp-RenderedMarkdown p { font-family: APP_FONTS;
  font-size: 15.5px; color: #4b5563; margin-left: 12px; max-width: 860px; }
.sp-app { max-width: 1220px; margin: 0 auto; padding: 4px 12px 40px; color: #1f2a44;
  font-family: APP_FONTS; font-size: 15px; }
.sp-app .widget-html-content, .sp-app .widget-label { font-size: 15px; line-height: 1.45; }
.sp-title h2 { font-size: 22px; margin: 10px 0 4px; font-weight: 650; letter-spacing: -0.01em; }
.sp-title p { margin: 0 0 6px; color: #4b5563; max-width: 820px; }
.sp-bar { background: #f4f6fa; border: 1px solid #e3e7ee; border-radius: 10px;
  padding: 8px 14px; align-items: center; gap: 10px; }
.sp-bar .widget-label { font-weight: 600; }
.sp-msg { border-radius: 6px; padding: 6px 12px; margin: 4px 0; font-size: 14px; }
.sp-msg-error { background: #fdecec; color: #8a1c1c; border-left: 4px solid #d64545; }
.sp-msg-warning { background: #fff6e0; color: #7a4b00; border-left: 4px solid #e0a100; }
.sp-msg-info { background: #e9f3fb; color: #1d4f73; border-left: 4px solid #2a6f97; }
.sp-field-error { color: #8a1c1c; font-size: 12.5px; line-height: 1.3; margin: 2px 0 0;
  max-width: 260px; }
.sp-field-error-wide { max-width: 480px; }
.sp-status { color: #5b6472; font-size: 13px; white-space: nowrap; }
.sp-status-saving { color: #7a4b00; }
.sp-status-failed { color: #8a1c1c; font-weight: 600; }
.sp-muted { color: #4b5563; }
.sp-statement { padding: 10px 2px 8px; border-bottom: 1px solid #eef0f4; }
.sp-statement-text { font-size: 16px; font-weight: 500; }
.sp-statement details { margin-top: 3px; font-size: 14px; color: #374151; }
.sp-statement summary { cursor: pointer; color: #2a6f97; font-size: 13.5px; }
.sp-statement .sp-source { color: #4b5563; font-size: 12.5px; }
/* The statement, and beside it the article's own sentence in the article's language. */
.sp-statement-pair { display: flex; flex-wrap: wrap; gap: 2px 18px; align-items: baseline; }
.sp-statement-pair .sp-statement-text { flex: 1 1 340px; }
.sp-statement-pair .sp-quote { flex: 1 1 260px; margin: 0; padding-left: 8px;
  border-left: 3px solid #d1d5db; color: #374151; font-size: 13.5px; line-height: 1.4; }
.sp-statement .sp-quote-rendering { margin-top: 3px; }
.sp-steps { margin: 6px 0; padding-left: 0; list-style: none; counter-reset: step; }
.sp-steps li { padding: 7px 0; border-bottom: 1px solid #eef0f4; }
.sp-steps a { color: #2a6f97; font-weight: 600; text-decoration: none; }
.sp-steps a:hover { text-decoration: underline; }
.sp-badge { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 10px;
  background: #eef0f4; color: #374151; margin-left: 6px; }
.sp-start-here ol { padding-left: 20px; margin: 6px 0; }
.sp-start-here li { margin: 4px 0; }
.sp-start-here a { color: #2a6f97; font-weight: 600; text-decoration: underline; }
.sp-app .widget-toggle-button { font-size: 13.5px; background: #f1f3f7; color: #1f2a44;
  border: 1px solid #d5dae3; border-radius: 6px; box-shadow: none; }
.sp-app .widget-toggle-button:hover { background: #e3e9f2; }
.sp-app .widget-toggle-button.mod-active { background: #2a6f97; color: #fff;
  border-color: #2a6f97; font-weight: 600; }
.sp-app .jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab {
  font-size: 14px; min-width: 0; max-width: none; flex: 1 1 auto; padding: 0 8px; }
.sp-app .jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab.lm-mod-current {
  color: #1f2a44; font-weight: 600; }
.sp-app .sp-bar .widget-label { line-height: 28px; }
/* Readable by everyone in the room (WCAG AA: 4.5:1 for text). JupyterLab's theme greys
   are below that on their own backgrounds: tab labels (#6d6d6d on #eeeeee, 4.46:1) and
   placeholders. */
.sp-app .jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab { color: #374151;
  background: #eef0f4; }
.sp-app .jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab.lm-mod-current {
  background: #fff; }
.sp-app input::placeholder, .sp-app textarea::placeholder { color: #5b6472; opacity: 1; }
/* A lost connection is said once, over the app (widgets/page/connection.py), not by a
   broken-link icon on every widget. */
.sp-app.jupyter-widgets-disconnected::before,
.sp-app .jupyter-widgets-disconnected::before { content: none; display: none; }
/* A control's label kept for screen readers where a caption or heading shows it. */
.sp-sr-label > .widget-label { position: absolute !important; width: 1px !important;
  height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; margin: 0;
  padding: 0; }
/* The core's checks (widgets.kit.messages.checks_html): a mark, the message and its why. */
.sp-app .sp-checks ul { list-style: none; padding: 0; margin: 4px 0; }
.sp-app .sp-checks li { margin: 3px 0; font-size: 14px; line-height: 1.35; }
.sp-app .sp-checks .sp-why { display: block; color: #4b5563; font-size: 12.5px;
  margin-left: 22px; }
.sp-app .sp-check-ok::before { content: "✓"; color: #1f7a4d; font-weight: 700;
  margin-right: 8px; }
.sp-app .sp-check-warning::before { content: "!"; color: #fff; background: #b45309;
  border-radius: 50%; display: inline-block; width: 15px; height: 15px; line-height: 15px;
  text-align: center; font-size: 11px; font-weight: 700; margin-right: 7px; }
.sp-app .sp-check-error::before { content: "✕"; color: #c02626; font-weight: 700;
  margin-right: 8px; }
.sp-app .sp-check-todo::before { content: "○"; color: #4b5563; font-weight: 700;
  margin-right: 8px; }
/* Shared by every app: a card with a title and a note, small labels, tags, an item's
   editor, tables of numbers (widgets/kit/card.py makes cards and rows). */
.sp-card { background: #fff; border: 1px solid #e3e7ee; border-radius: 10px;
  padding: 10px 14px; margin: 0 0 12px; }
.sp-card-h { font-weight: 650; font-size: 16px; margin: 0 0 4px; }
.sp-card-note { color: #4b5563; font-size: 13.5px; margin: 2px 0 6px; max-width: 900px; }
.sp-label { color: #374151; font-size: 13px; font-weight: 600; margin: 6px 0 2px; }
.sp-tag { display: inline-block; font-size: 11px; border-radius: 6px; padding: 0 5px;
  margin-left: 4px; background: #eef0f4; color: #374151; font-weight: 500; }
.sp-tag-team { background: #e0ecf8; color: #1d4f73; }
.sp-tag-nodata, .sp-tag-vanity { background: #fef3c7; color: #7a4b00; }
.sp-tag-outcome { background: #dcfce7; color: #14532d; }
.sp-editor { border: 1px solid #b9cde3; border-left: 4px solid #2a6f97;
  border-radius: 8px; padding: 8px 14px 10px; margin: 4px 0 10px; background: #f7fafd; }
.sp-editor-h { font-size: 15px; font-weight: 650; margin: 0 0 2px; }
.sp-editor .sp-label { margin: 8px 0 2px; }
table.sp-table, table.sp-rank { border-collapse: collapse; font-size: 13px; width: 100%;
  margin: 4px 0; }
table.sp-table th, table.sp-rank th { text-align: left; color: #374151; font-weight: 600;
  padding: 4px 6px; border-bottom: 1px solid #d1d5db; }
table.sp-table td, table.sp-rank td { padding: 4px 6px; border-bottom: 1px solid #eef0f4;
  vertical-align: top; }
table.sp-table td.sp-num, table.sp-table th.sp-num { text-align: right; white-space: nowrap; }
table.sp-kp-plan td, table.sp-kp-batch td { word-break: break-all; }
.sp-row { gap: 12px; flex-wrap: wrap; align-items: flex-end; }
.sp-row-top { gap: 12px; flex-wrap: wrap; align-items: flex-start; }
.sp-app .sp-stack.widget-inline-hbox { flex-direction: column; align-items: stretch;
  height: auto; }
.sp-app .sp-stack.widget-inline-hbox > select,
.sp-app .sp-stack.widget-inline-hbox > input { flex: 0 0 auto;
  height: var(--jp-widgets-inline-height, 28px); }
.sp-app .sp-stack > .widget-label { width: auto !important; max-width: none;
  text-align: left; font-size: 13px; font-weight: 600; color: #374151; margin: 6px 0 2px;
  line-height: 1.3; height: auto; white-space: normal; overflow: visible; }
/* The room's notice (widgets/app/notice.py): a bar over the app that blocks nothing. */
.sp-notice-holder { position: sticky; top: 0; z-index: 50; }
.sp-notice { display: flex; align-items: center; gap: 14px; background: #1d4f73; color: #fff;
  border-radius: 8px; padding: 10px 16px; margin: 6px 0 10px; font-size: 17px;
  line-height: 1.35; box-shadow: 0 4px 14px rgba(17, 24, 39, 0.18); }
.sp-notice[hidden], .sp-notice-clock[hidden] { display: none; }
.sp-notice-label { font-weight: 500; opacity: 0.9; }
.sp-notice-text { font-weight: 650; overflow-wrap: anywhere; }
.sp-notice-clock { margin-left: auto; font-size: 22px; font-weight: 700;
  font-variant-numeric: tabular-nums; background: rgba(255, 255, 255, 0.16);
  border-radius: 6px; padding: 2px 12px; white-space: nowrap; }
/* Presenter mode (?present=1): larger type, high contrast, no editing chrome. The frame has
   .sp-present; the page's body .sp-presenting (for the notebook's own title). */
body.sp-presenting .jp-RenderedMarkdown h1 { font-size: 40px; color: #000; }
body.sp-presenting .jp-RenderedMarkdown p { font-size: 21px; color: #111827; max-width: 1100px; }
body.sp-presenting .jp-Cell { max-width: 1500px; }
.sp-app.sp-present { max-width: 1480px; font-size: 20px; color: #000; }
.sp-app.sp-present .widget-html-content, .sp-app.sp-present .widget-label,
.sp-app.sp-present input, .sp-app.sp-present select, .sp-app.sp-present textarea,
.sp-app.sp-present table.sp-table, .sp-app.sp-present .sp-checks li { font-size: 19px;
  line-height: 1.45; }
.sp-app.sp-present .sp-title h2, .sp-app.sp-present .sp-card-h { font-size: 28px; color: #000; }
.sp-app.sp-present .sp-muted, .sp-app.sp-present .sp-card-note,
.sp-app.sp-present .sp-part-intro, .sp-app.sp-present .sp-checks .sp-why,
.sp-app.sp-present .sp-label, .sp-app.sp-present .sp-file-note { color: #111827;
  font-size: 17px; }
.sp-app.sp-present .sp-card, .sp-app.sp-present .sp-goal, .sp-app.sp-present .sp-segment,
.sp-app.sp-present .sp-milestone { border: 2px solid #4b5563; }
.sp-app.sp-present .sp-team-picker, .sp-app.sp-present .widget-button,
.sp-app.sp-present .widget-upload, .sp-app.sp-present .sp-status,
.sp-app.sp-present .sp-start-files { display: none !important; }
.sp-app.sp-present input, .sp-app.sp-present textarea { border-color: transparent;
  background: transparent; color: #000; }
.sp-app.sp-present input[type=checkbox], .sp-app.sp-present input[type=range],
.sp-app.sp-present .widget-toggle-button, .sp-app.sp-present select { pointer-events: none; }
.sp-app.sp-present .sp-view-bar select { pointer-events: auto; }
.sp-app.sp-present .sp-stack > .widget-label, .sp-app.sp-present .sp-ready,
.sp-app.sp-present .jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab { font-size: 16px;
  color: #000; }
.sp-app.sp-present input[type=date], .sp-app.sp-present select { font-size: 16px; }
.sp-app.sp-present .widget-toggle-button.mod-active { background: #000; border-color: #000; }
.sp-app.sp-present .sp-notice { font-size: 24px; }
/* The facilitator's room view (widgets/facilitator/) */
table.sp-fa-table th[scope=row] { font-weight: 600; white-space: nowrap; }
table.sp-fa-table td, table.sp-fa-table th { vertical-align: middle; }
.sp-fa-team { color: #1d4f73; font-weight: 650; }
.sp-fa-present { font-size: 12px; font-weight: 500; color: #1d4f73; margin-left: 6px; }
.sp-fa-when { white-space: nowrap; }
th.sp-fa-steps-h, td.sp-fa-steps { text-align: center; padding: 4px 2px; width: 34px; }
.sp-fa-step { display: inline-block; min-width: 24px; border-radius: 12px; padding: 1px 6px;
  font-weight: 700; font-size: 13px; text-decoration: none; color: #374151;
  border: 1px solid #c7ccd6; background: #fff; }
.sp-fa-step-done { color: #14532d; background: #dcfce7; border-color: #86c79f; }
.sp-fa-step-open { color: #7a4b00; background: #fef3c7; border-color: #e0a100; }
.sp-fa-note { display: block; font-size: 12px; color: #4b5563; }
.sp-fa-warn { color: #7a4b00; }
.sp-fa-radar { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.sp-fa-radar-svg { flex: 1 1 420px; max-width: 560px; }
.sp-fa-legend { list-style: none; padding: 0; margin: 8px 0; columns: 2; column-gap: 20px;
  font-size: 13.5px; flex: 1 1 300px; }
.sp-fa-legend li { margin: 3px 0; break-inside: avoid; }
.sp-fa-swatch { display: inline-block; width: 22px; height: 0; border-top-width: 3px;
  vertical-align: middle; margin-right: 6px; }
.sp-fa-notice-now { font-weight: 600; color: #1d4f73; margin: 6px 0 0; }
/* A label beside its field that wraps onto a second line rather than being cut ("…"). */
.sp-app .sp-wrap-label.widget-inline-hbox { height: auto; align-items: center; }
.sp-app .sp-wrap-label > .widget-label { white-space: normal; overflow: visible;
  height: auto; line-height: 1.25; }
/* The start page */
.sp-start-files { display: flex; gap: 14px; flex-wrap: wrap; align-items: flex-start;
  margin: 10px 0; }
.sp-start-files > .sp-card { flex: 1 1 360px; }
.sp-start-files h3 { font-size: 16px; font-weight: 650; margin: 0 0 6px; }
.sp-download-link { display: inline-block; background: #2a6f97; color: #fff !important;
  font-weight: 600; padding: 5px 14px; border-radius: 6px; text-decoration: none; }
.sp-download-link:hover { background: #1d4f73; }
.sp-file-note { font-size: 13.5px; color: #4b5563; margin: 6px 0 0; }
.sp-binder-note { font-size: 13.5px; color: #7a4b00; margin: 8px 0 0; }
/* Planning */
.sp-part-intro { color: #4b5563; margin: 8px 0 10px; max-width: 900px; }
.sp-goal, .sp-segment, .sp-milestone, .sp-assumptions { border: 1px solid #e3e7ee;
  border-radius: 10px;
  padding: 10px 14px; margin: 0 0 12px; background: #fff; }
.sp-goal-head { font-weight: 650; font-size: 16px; }
.sp-assumptions { margin-top: 16px !important; background: #f8fafc !important; }
.sp-readiness { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0 6px; }
.sp-ready { border-radius: 8px; padding: 4px 10px; font-size: 13.5px; border: 1px solid #e3e7ee;
  background: #fff; }
.sp-ready-warn { color: #7a4b00; }
.sp-ready-done { border-color: #9fd3b5; background: #eefaf3; }
.sp-ready b { font-weight: 600; }
.sp-raci-head { font-size: 12.5px; font-weight: 600; color: #374151; text-align: left;
  line-height: 1.2; }
.sp-raci-activity { font-size: 14px; font-weight: 500; }
.sp-legend { color: #4b5563; font-size: 13px; margin: 6px 0; }
.sp-app .jupyter-widget-tagsinput, .sp-app .widget-tagsinput { min-width: 200px; }
/* The box to type a tag in is as wide as its text: give it room to be seen. */
.sp-milestone-row .jupyter-widget-taginput, .sp-segment .jupyter-widget-taginput {
  min-width: 150px !important; }
.sp-milestone-row { border-bottom: 1px solid #eef0f4; padding: 2px 0; }
.sp-milestone-head { font-size: 12.5px; color: #4b5563; }
/* Platforms */
.sp-rank-name { font-weight: 600; white-space: nowrap; }
.sp-rank-score { font-weight: 650; font-size: 15px; }
.sp-score-bar { display: flex; height: 14px; width: 160px; background: #f3f4f6; border-radius: 3px;
  overflow: hidden; }
.sp-score-bar span { display: block; height: 100%; }
.sp-crit { font-size: 12px; color: #374151; line-height: 1.3; }
.sp-crit b { font-weight: 600; }
.sp-crit-out { color: #4b5563; font-style: italic; }
.sp-legend-dot { display: inline-block; width: 10px; height: 10px; border-radius: 2px;
  margin: 0 4px 0 10px; vertical-align: middle; }
.sp-greyed { opacity: 0.45; filter: grayscale(1); }
.sp-pf li { margin: 2px 0; font-size: 13.5px; }
.sp-pf .sp-in::before { content: "✓"; color: #1f7a4d; font-weight: 700; margin-right: 6px; }
.sp-pf .sp-out::before { content: "–"; color: #4b5563; font-weight: 700; margin-right: 8px; }
.sp-myth { margin: 4px 0 8px; font-size: 13.5px; }
.sp-myth b { display: block; }
.sp-myth ul { margin: 4px 0 4px 18px; padding: 0; }
.sp-myth li { margin: 2px 0; }
.sp-myth-note { margin: 4px 0 0; color: #4a5560; font-size: 13px; }
.sp-choice { border-bottom: 1px solid #eef0f4; padding: 4px 0; align-items: flex-start; }
.sp-choice-name { width: 130px; font-weight: 600; padding-top: 5px; }
.sp-origin { display: block; font-size: 11px; color: #5b6472; margin-top: 1px; }
.sp-origin-team { color: #1d4f73; font-weight: 600; }
.sp-view-bar { align-items: center; gap: 8px; margin: 8px 0 4px; }
.sp-editor-h .sp-pl-rank { font-weight: 500; color: #374151; font-size: 13.5px;
  margin-left: 8px; }
.sp-editor .sp-origin { display: inline; margin-left: 6px; font-weight: 500; }
.sp-editor-row { gap: 18px; flex-wrap: wrap; }
.sp-editor-buttons { gap: 8px; margin-top: 10px; }
/* Budget */
.sp-bu-head { background: #f4f6fa; border: 1px solid #e3e7ee; border-radius: 10px;
  padding: 10px 16px; margin: 0 0 12px; }
.sp-bu-total { font-size: 26px; font-weight: 700; color: #1f2a44; }
.sp-bu-total small { font-size: 14px; font-weight: 500; color: #4b5563; margin-left: 6px; }
.sp-bu-parts { font-size: 13.5px; color: #374151; margin-top: 2px; }
.sp-bu-parts b { font-weight: 650; }
.sp-bu-name { font-weight: 600; white-space: nowrap; }
.sp-bu-default { color: #5b6472; font-size: 11px; display: block; white-space: normal;
  line-height: 1.25; }
.sp-bu-scroll { overflow-x: auto; }
table.sp-bu-reach td.sp-num { white-space: normal; }
.sp-bu-stack .widget-text { flex-direction: column; align-items: stretch; height: auto; }
.sp-bu-stack .widget-text .widget-label { width: auto !important; max-width: none;
  margin: 0 0 2px; font-size: 13px; color: #374151; text-align: left; line-height: 18px; }
.sp-bu-stack .widget-text input { width: 100%; }
.sp-bu-bar { display: inline-block; height: 10px; border-radius: 2px; background: #2a6f97;
  vertical-align: middle; margin-right: 6px; }
.sp-bu-bar-over { background: #c2410c; }
.sp-bu-curves { display: flex; flex-wrap: wrap; gap: 10px; }
.sp-bu-curve { border: 1px solid #eef0f4; border-radius: 8px; padding: 4px; }
.sp-bu-legend { font-size: 12px; color: #374151; }
.sp-bu-legend span { display: inline-block; width: 9px; height: 9px; border-radius: 50%;
  margin: 0 4px 0 10px; vertical-align: middle; }
/* KPIs */
.sp-kp-sugg { list-style: none; padding: 0; margin: 4px 0 6px; columns: 2; column-gap: 24px;
  font-size: 13.5px; }
.sp-kp-sugg li { margin: 2px 0; break-inside: avoid; }
.sp-kp-tree { margin: 6px 0; font-size: 14px; }
.sp-kp-tree ul { list-style: none; margin: 0; padding-left: 22px;
  border-left: 2px solid #e3e7ee; }
.sp-kp-tree > ul { padding-left: 0; border-left: none; }
.sp-kp-tree li { margin: 3px 0; }
.sp-kp-node { display: inline-block; border-radius: 6px; padding: 2px 8px; }
.sp-kp-goal { font-weight: 650; background: #e9f3fb; color: #1d4f73; }
.sp-kp-outcome { background: #eefaf3; border: 1px solid #9fd3b5; }
.sp-kp-driver { background: #f4f6fa; border: 1px solid #d5dae3; }
.sp-kp-activity { background: #fff; border: 1px dashed #c7ccd6; }
.sp-kp-vanity { background: #fff8e6; border-color: #e0a100; }
.sp-kp-breakeven { font-size: 16px; font-weight: 600; margin: 6px 0; color: #1f2a44; }
.sp-kp-chart text { font-size: 11px; fill: #374151; }
.sp-kp-legend { font-size: 12.5px; color: #374151; }
.sp-kp-legend span { display: inline-block; width: 18px; height: 3px; vertical-align: middle;
  margin: 0 4px 0 12px; }
.sp-kp-link { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px;
  width: 100%; max-width: 900px; padding: 4px 6px; border: 1px solid #cfd6e0;
  border-radius: 6px; background: #f8fafc; }
.sp-kp-copy { margin-left: 6px; font-size: 13px; padding: 3px 10px; border-radius: 6px;
  border: 1px solid #cfd6e0; background: #f1f3f7; cursor: pointer; }
.sp-kp-download { font-weight: 600; color: #2a6f97; }
</style>
"""


APP_CSS = APP_CSS.replace("APP_FONTS", APP_FONTS)


class AppStyle(w.VBox):
    """The stylesheet and the connection watch every app holds, as one invisible widget.

    ``watch`` is the app's :class:`~widgets.connection.ConnectionWatch`: set its ``team``
    to the team the app works on, so "Reload" after a lost connection reopens that team.
    """

    def __init__(self) -> None:
        self.watch = ConnectionWatch()
        stylesheet = w.HTML(APP_CSS, layout=w.Layout(height="0px", overflow="hidden"))
        super().__init__([stylesheet, self.watch],
                         layout=w.Layout(height="0px", overflow="hidden", margin="0"))
        self.add_class("sp-style")


def app_style() -> AppStyle:
    """The shared stylesheet and connection watch, to put first in the app's children."""
    return AppStyle()
