"""Fields a person types into, with what is wrong shown right under them.

The rules live in the core (``socialplaybook.numbers``): a field only reads what was
typed, asks the core, and shows the number or the message.
"""

from __future__ import annotations

import ipywidgets as w
from traitlets import Any

from socialplaybook.rules.numbers import MAX_TYPED_NUMBER, format_number, parse_number
from widgets.kit.messages import field_error_html


class NumberField(w.VBox):
    """A text box for a number, written the team's way, with the problem shown under it.

    ``value`` is the last valid number (None when blank; an int when ``whole``). Text
    that is not a valid number in ``locale`` shows a message at the field and leaves
    ``value`` as it was. A stored number is shown with ``format_number``, so what the
    field shows reads back to exactly the number stored.
    """

    value = Any(None)

    def __init__(self, placeholder: str = "", value: float | None = None, *,
                 minimum: float | None = 0, maximum: float = MAX_TYPED_NUMBER,
                 whole: bool = False, width: str = "130px", description: str = "",
                 locale: str = "en") -> None:
        self._limits = {"minimum": minimum, "maximum": maximum, "whole": whole}
        format_number(0, locale=locale)  # an unknown locale is refused here, not on typing
        self._locale = locale
        value = self._stored(value)
        self.text = w.Text(value=format_number(value, locale=locale), placeholder=placeholder,
                           description=description, layout=w.Layout(width="auto"),
                           style={"description_width": "initial"})
        self._message = w.HTML()
        # As wide as its box, so a message wraps under it instead of pushing the next field.
        super().__init__([self.text, self._message], layout=w.Layout(margin="0", width=width))
        self.add_class("sp-number")
        self.value = value
        self.text.observe(self._on_text, names="value")

    @property
    def message(self) -> str:
        """The problem with what was typed, as HTML ("" when none)."""
        return self._message.value

    @property
    def locale(self) -> str:
        """How numbers are written in this field: a number locale such as "de"."""
        return self._locale

    def _stored(self, number: float | None) -> float | int | None:
        if number is not None and self._limits["whole"]:
            return int(number)
        return number

    def _on_text(self, change) -> None:
        try:
            number = parse_number(change["new"], locale=self._locale, **self._limits)
        except ValueError as exc:
            self._message.value = field_error_html(str(exc))
            return
        self._message.value = ""
        self.value = self._stored(number)

    def _show(self, value: float | None) -> None:
        """Show ``value`` in the text box without it counting as typing."""
        self.text.unobserve(self._on_text, names="value")
        try:
            self.text.value = format_number(value, locale=self._locale)
        finally:
            self.text.observe(self._on_text, names="value")
        self._message.value = ""

    def set_quietly(self, value: float | None) -> None:
        """Show and hold ``value`` without it counting as an edit: no ``value`` change fires.

        For a value that came from elsewhere (a teammate's save), which must not be saved
        back as if typed here.
        """
        value = self._stored(value)
        self._show(value)
        # Set the trait without notifying: observers (autosave) only hear about edits.
        self._trait_values["value"] = value

    def set_locale(self, locale: str) -> None:
        """Write numbers the ``locale`` way from now on, re-showing the current value.

        Text that was not a valid number is replaced by the last valid value.
        """
        format_number(0, locale=locale)  # refuse an unknown locale before changing anything
        self._locale = locale
        self._show(self.value)
