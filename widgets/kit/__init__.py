"""The widget kit every app builds with: the stylesheet, cards, fields with their messages,
the team picker, item lists, charts."""
