"""Text the window may say in another language, made by code that knows nothing of Qt.

The engine, data and training layers word their hints, phase captions and error messages in English.
The command line prints them as they are; the window translates them with Qt's own translation system.
For that, such text is marked where it is written, with Qt's usual marker:

    QT_TRANSLATE_NOOP("Hints", "The loss rose for {periods} periods in a row").format(periods=3)

`pyside6-lupdate` finds the marker by its name and extracts the template into the `.ts` file. The
marker returns a `Template`, and its `format()` a `Phrase`: both are `str` (the English text, so every
caller and test that reads a string still works) that also remember their context, template and
arguments, so that the window can look the template up and fill it in again (nnviz.gui.i18n.said).
A Phrase survives pickling, so one made in the trainer process reaches the window intact.
"""

from __future__ import annotations

import string


class Template(str):
    """An English template marked for translation: `context` is the `.ts` context it lives in."""

    context: str

    def __new__(cls, context: str, text: str) -> Template:
        self = super().__new__(cls, text)
        self.context = context
        return self

    @property
    def template(self) -> str:
        return str(self)

    @property
    def args(self) -> dict:
        return {}

    def format(self, *unused, **args) -> Phrase:
        """The English text with `args` filled in, as a Phrase that can be translated again. Only
        named fields: a translation may reorder them."""
        if unused:
            raise TypeError("a marked template takes named fields only")
        return Phrase(self.context, str(self), args)

    def __reduce__(self):
        return Template, (self.context, str(self))


class Phrase(str):
    """`template.format(**args)` in English, remembering context, template and args. Args may be
    Templates or Phrases themselves (an activation's name inside a sentence); they are translated too."""

    context: str
    template: str
    args: dict

    def __new__(cls, context: str, template: str, args: dict) -> Phrase:
        self = super().__new__(cls, template.format(**args))
        self.context = context
        self.template = template
        self.args = dict(args)
        return self

    def __reduce__(self):
        return Phrase, (self.context, self.template, self.args)


def QT_TRANSLATE_NOOP(context: str, text: str) -> Template:  # noqa: N802 (the name lupdate looks for)
    """Mark `text` for translation in `context`; returns it as a Template (a str)."""
    return Template(context, text)


def fields(template: str) -> set[str]:
    """The named fields of a format template, e.g. {"periods"}: a translation must keep the same."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
