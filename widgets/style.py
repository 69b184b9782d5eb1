"""The look every app shares: one stylesheet, put first in each app's children."""

from __future__ import annotations

import ipywidgets as w

from widgets.connection import ConnectionWatch

APP_CSS = """
<style>
body .jp-Cell { max-width: 1240px; margin-left: auto !important; margin-right: auto !important; }
.jp-RenderedMarkdown h1 { font-family: Inter, "Segoe UI", Helvetica, Arial, sans-serif;
  font-size: 28px; font-weight: 650; color: #1f2a44; margin: 14px 0 4px 12px; }
.jp-RenderedMarkdown p { font-family: Inter, "Segoe UI", Helvetica, Arial, sans-serif;
  font-size: 15.5px; color: #4b5563; margin-left: 12px; max-width: 860px; }
.sp-app { max-width: 1220px; margin: 0 auto; padding: 4px 12px 40px; color: #1f2a44;
  font-family: Inter, "Segoe UI", Helvetica, Arial, sans-serif; font-size: 15px; }
.sp-app .widget-html-content, .sp-app .widget-label { font-size: 15px; line-height: 1.45; }
.sp-title h2 { font-size: 22px; margin: 10px 0 4px; font-weight: 650; letter-spacing: -0.01em; }
.sp-title p { margin: 0 0 6px; color: #4b5563; max-width: 820px; }
.sp-card { background: #fff; border: 1px solid #e3e7ee; border-radius: 10px; padding: 12px 16px; }
.sp-bar { background: #f4f6fa; border: 1px solid #e3e7ee; border-radius: 10px;
  padding: 8px 14px; align-items: center; gap: 10px; }
.sp-bar .widget-label { font-weight: 600; }
.sp-msg { border-radius: 6px; padding: 6px 12px; margin: 4px 0; font-size: 14px; }
.sp-msg-error { background: #fdecec; color: #8a1c1c; border-left: 4px solid #d64545; }
.sp-msg-warning { background: #fff6e0; color: #7a4b00; border-left: 4px solid #e0a100; }
.sp-msg-info { background: #e9f3fb; color: #1d4f73; border-left: 4px solid #2a6f97; }
.sp-field-error { color: #8a1c1c; font-size: 12.5px; line-height: 1.3; margin: 2px 0 0;
  max-width: 260px; }
.sp-status { color: #5b6472; font-size: 13px; white-space: nowrap; }
.sp-status-saving { color: #7a4b00; }
.sp-status-failed { color: #8a1c1c; font-weight: 600; }
.sp-muted { color: #4b5563; }
.sp-statement { padding: 10px 2px 8px; border-bottom: 1px solid #eef0f4; }
.sp-statement-text { font-size: 16px; font-weight: 500; }
.sp-statement details { margin-top: 3px; font-size: 14px; color: #374151; }
.sp-statement summary { cursor: pointer; color: #2a6f97; font-size: 13.5px; }
.sp-statement .sp-source { color: #4b5563; font-size: 12.5px; }
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
/* A lost connection is said once, over the app (widgets/connection.py), not by a
   broken-link icon on every widget. */
.sp-app.jupyter-widgets-disconnected::before,
.sp-app .jupyter-widgets-disconnected::before { content: none; display: none; }
/* A control's label kept for screen readers where a caption or heading shows it. */
.sp-sr-label > .widget-label { position: absolute !important; width: 1px !important;
  height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; margin: 0;
  padding: 0; }
/* The core's checks (widgets.base.checks_html): a mark, the message and its why. */
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
</style>
"""


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
