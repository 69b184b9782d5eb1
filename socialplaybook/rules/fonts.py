"""The fonts text is drawn in: one list for the apps, one for the exports (HTML, PDF) and
the charts, each naming for every script of the workshop's languages a font the machines
it runs on have, so no character shows as an empty box.

Latin first; then Georgian (Noto Sans Georgian: Debian's fonts-noto-core; Sylfaen: Windows;
DejaVu Sans has it too), then Simplified Chinese (Noto Sans CJK SC: Debian's fonts-noto-cjk;
PingFang SC: macOS; Microsoft YaHei: Windows). Naming the SC fonts makes Chinese text take
the Simplified Chinese forms of the characters Chinese and Japanese share. The server
installs the Noto fonts (``.ci/run``, ``binder/apt.txt``, the hub images): WeasyPrint
draws the PDF with them; a participant's browser uses its own system's.
Single quotes, so a list fits in an SVG or HTML attribute.
"""

from __future__ import annotations

_OTHER_SCRIPTS = ("'Noto Sans Georgian', Sylfaen, 'DejaVu Sans', 'Noto Sans CJK SC', "
                  "'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', "
                  "'WenQuanYi Micro Hei', sans-serif")

APP_FONTS = f"Inter, 'Segoe UI', Helvetica, Arial, {_OTHER_SCRIPTS}"
"""The apps' text (their stylesheet, plotly charts)."""

DOCUMENT_FONTS = f"'DejaVu Sans', 'Segoe UI', Helvetica, Arial, {_OTHER_SCRIPTS}"
"""The exports' text and the core's SVG charts: DejaVu Sans first, the font the PDF is
measured and drawn with on the server."""

SCRIPT_FONTS = ("Noto Sans Georgian", "Noto Sans CJK SC")
"""The fonts every list names (tests check it)."""
