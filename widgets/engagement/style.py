"""The engagement app's own styles (the shared ones are in widgets/kit/style.py, which the
budget and KPI apps' editors also change; this app keeps its classes, all ``sp-en-``, here).
"""

ENGAGEMENT_CSS = """
<style>
.sp-en-pillar, .sp-en-contact, .sp-en-account { background: #fff; border-left-color: #6b7fa8; }
.sp-en-account { border-left-color: #2a6f97; }
.sp-en-scroll { overflow-x: auto; }
.sp-en-scroll-y { max-height: 520px; overflow-y: auto; }
.sp-app .sp-en-text textarea, .sp-app textarea { font-family: inherit; font-size: 14px; }
table.sp-en-slots td, table.sp-en-playbook td { font-size: 13px; }
table.sp-en-playbook td { min-width: 90px; }
tr.sp-en-week td { background: #f4f6fa; font-weight: 650; color: #1f2a44; }
.sp-en-query { margin: 4px 0 8px; }
.sp-en-query-text { width: calc(100% - 90px); }
.sp-en-tier { display: inline-block; font-size: 18px; font-weight: 700; border-radius: 8px;
  padding: 4px 12px; margin: 6px 0; }
.sp-en-tier-1 { background: #eefaf3; color: #14532d; }
.sp-en-tier-2 { background: #e9f3fb; color: #1d4f73; }
.sp-en-tier-3 { background: #fff6e0; color: #7a4b00; }
.sp-en-tier-4 { background: #fdecec; color: #8a1c1c; }
table.sp-en-triage th { width: 180px; vertical-align: top; }
.sp-en-examples-note { font-weight: 600; color: #1f2a44; }
.sp-en-doc { border: 1px solid #e3e7ee; border-radius: 8px; padding: 10px 18px;
  background: #fcfcfd; max-width: 900px; }
.sp-en-doc h3 { font-size: 18px; margin: 6px 0 8px; }
.sp-en-doc h4 { font-size: 15px; margin: 12px 0 4px; }
.sp-en-doc p { margin: 4px 0 6px; line-height: 1.5; }
.sp-en-law { background: #f4f6fa; border-left: 3px solid #6b7fa8; padding: 6px 10px;
  font-size: 13px; }
.sp-en-source { color: #4b5563; }
.sp-en-source a { color: #1d4f73; text-decoration: underline; }
.sp-en-downloads a { margin-right: 16px; }
.sp-en-cadence { align-items: flex-end; gap: 10px; border-bottom: 1px solid #eef0f4;
  padding: 2px 0; }
.sp-en-cadence-name { width: 140px; font-weight: 600; padding-bottom: 6px; }
.sp-en-origin { font-size: 12px; color: #4b5563; padding-bottom: 8px; }
</style>
"""
