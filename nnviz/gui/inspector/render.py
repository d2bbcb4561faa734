"""The neuron inspector's page: a `NeuronExplanation` (nnviz.training.explain) as rich text, in symbols
and in numbers side by side, one part per phase of the step.

Nothing here computes: every number is one of the explanation's, formatted with theme.precise; the
only text made from numbers is the substitution (e.g. "0.5 × 2") of values already shown. Qt's rich
text takes a subset of HTML 4 (tables, bgcolor, font colours), so the layout is tables. The words are
translated (context "InspectorPage") each time a page is rendered; formulas and symbols stay as they are.

Parts and the phase each belongs to (their place in step_phases): the sample (input), the forward
pass (forward through the neuron's layer), the loss (loss; output neurons only), the error term
(backward through its layer) and the update (update). With a phase, its part is highlighted and the
parts still to come are faded; without one (phase None) all are shown plainly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from html import escape

from nnviz.engine.activations import get_activation
from nnviz.gui.diagram.names import neuron_name
from nnviz.gui.i18n import said, translate
from nnviz.gui.theme import DELTA_TEXT, FAINT, SUBTLE, TEXT, precise
from nnviz.training.architecture import Architecture
from nnviz.training.explain import LOSS_FORMULAS, BackwardPart, ForwardPart, NeuronExplanation, OutputPart, \
    UpdatePart, derivative_formula
from nnviz.training.phases import Phase, PhaseKind, step_phases

HIGHLIGHT = "#fff1c9"  # the current phase's part: a warm, projector-safe tint
HIGHLIGHT_EDGE = "#e0b84a"
RULE = "#d8d8d8"
DELTA = DELTA_TEXT.name()
SUB = SUBTLE.name()
FADE = FAINT.name()
INK = TEXT.name()


def empty_text() -> str:
    """What the page says when no neuron is inspected."""
    return translate("InspectorPage", "Click a neuron to see its arithmetic")


class Part(StrEnum):
    """A part of the page, named by what it explains (and anchored by that name)."""

    SAMPLE = "sample"
    FORWARD = "forward"
    LOSS = "loss"
    BACKWARD = "backward"
    UPDATE = "update"


def part_phase_index(part: Part, layer: int, n_layers: int) -> int:
    """Where the phase of `part` of a neuron in `layer` comes in step_phases(n_layers)."""
    return {
        Part.SAMPLE: 0,
        Part.FORWARD: layer,
        Part.LOSS: n_layers + 1,
        Part.BACKWARD: 2 * n_layers + 2 - layer,
        Part.UPDATE: 2 * n_layers + 2,
    }[part]


def current_part(phase: Phase | None, layer: int, n_layers: int) -> Part | None:
    """The part of a neuron in `layer` that `phase` is about (None: none of this neuron's parts)."""
    if phase is None:
        return None
    index = step_phases(n_layers).index(phase)
    return next((p for p in Part if part_phase_index(p, layer, n_layers) == index), None)


@dataclass(frozen=True)
class Page:
    """The rendered page, and which part it highlights (None: all shown plainly)."""

    html: str
    highlighted: Part | None


# -- small pieces ----------------------------------------------------------------------------------------

def num(v: float | None, color: str | None = None, bold: bool = False) -> str:
    text = "—" if v is None else precise(v)
    if bold:
        text = f"<b>{text}</b>"
    return f'<span style="color:{color}">{text}</span>' if color else text


def paren(v: float) -> str:
    """A number inside a product: "(−0.5)" for negatives, so "2 × (−0.5)" reads right."""
    text = precise(v)
    return f"({text})" if text.startswith("−") else text


def neuron_label(arch: Architecture | None, layer: int, index: int) -> str:
    """How the page calls neuron `index` of `layer`: a feature's name, a pixel, "hidden 1 · 3", "output 2"."""
    if arch is None:
        return translate("InspectorPage", "layer {layer} · {number}").format(layer=layer, number=index + 1)
    if layer == 0:
        if arch.image_shape is not None:
            return translate("InspectorPage", "pixel {coordinates}").format(coordinates=_pixel(arch, index))
        return said(arch.feature_name(index))
    if layer == arch.n_layers:
        if arch.sizes[-1] == 1:
            return translate("InspectorPage", "output")
        return translate("InspectorPage", "output {number} ({name})").format(number=index + 1,
                                                                            name=arch.class_name(index))
    return translate("InspectorPage", "hidden {layer} · {number}").format(layer=layer, number=index + 1)


def _pixel(arch: Architecture, index: int) -> str:
    """A pixel's "(row, column)"."""
    r, c = divmod(index, arch.image_shape[1])
    return f"({r}, {c})"


def _cell(text: str, align: str = "right", color: str | None = None, extra: str = "") -> str:
    """A table cell; numbers (not left-aligned) never wrap; extra: more attributes (a style merges)."""
    css = (f"color:{color};" if color else "") + ("white-space:nowrap;" if align != "left" else "")
    if ' style="' in extra:
        extra, _, rest = extra.partition(' style="')
        css += rest.rstrip('"')
    style = f' style="{css}"' if css else ""
    return f'<td align="{align}"{style}{extra}>{text}</td>'


def _table(rows: list[str], full: bool = False) -> str:
    """Rows in a table; full: as wide as the panel (equations, whose numbers align on the right)."""
    width = ' width="100%"' if full else ""
    return f'<table cellspacing="0" cellpadding="2"{width}>' + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"


def _equation(symbol: str, substitution: str, result: str) -> str:
    """One row of an equation table: the symbols on the left; on the right, the numbers put in and
    the result (right-aligned, so results line up; in a narrow panel the result goes under them)."""
    numbers = f'<span style="color:{SUB}">= {substitution.replace(" ", "&nbsp;")}</span> ' if substitution else ""
    return (_cell(symbol, "left", None, ' style="white-space:nowrap"')
            + f'<td align="right">{numbers}<span style="white-space:nowrap">= {result}</span></td>')


def _section(part: Part, title: str, body: str, state: str) -> str:
    """A part of the page; state: "current" (highlighted), "future" (faded) or "plain"."""
    if state == "current":
        head = f'<span style="color:{INK}"><b>▶ {title}</b></span>'
        return (f'<a name="{part}"></a><table width="100%" cellspacing="0" cellpadding="5" bgcolor="{HIGHLIGHT}" '
                f'style="border: 1px solid {HIGHLIGHT_EDGE}"><tr><td>{head}<br/>{body}</td></tr></table>')
    color = FADE if state == "future" else INK
    return (f'<a name="{part}"></a><table width="100%" cellspacing="0" cellpadding="5"><tr><td>'
            f'<span style="color:{color}"><b>{title}</b><br/>{body}</span></td></tr></table>')


def term_name(name: str) -> str:
    """An optimiser term's name as the page writes it: Adam's bias-corrected m̂ and v̂ in words (a
    combining circumflex in a wrapped table cell is drawn astray by Qt's rich text)."""
    if name == "m\u0302":
        return translate("InspectorPage", "corrected m")
    if name == "v\u0302":
        return translate("InspectorPage", "corrected v")
    return name


def formula(text: str) -> str:
    """A formula from the training layer ("(e^z − e^−z) / (e^z + e^−z)") as rich text, each "^x"
    an exponent in <sup>: students read e^−z as a caret, not as a power."""
    return EXPONENT.sub(r"<sup>\1</sup>", escape(text))


#: "^" and what it raises to: a (signed) symbol or number, with its subscripts ("e^zᵢ").
EXPONENT = re.compile(r"\^([−-]?[\w.]+)")


def rule_html(rule: str) -> str:
    """An update rule ("m ← …;  v ← …;  w ← …  (β₁ = 0.9, …, step t = 12)") as rich text, one clause
    a line, as textbooks write Adam's. m̂ and v̂ are italic, as variables are in print: Qt places
    DejaVu Sans's upright combining circumflex a line too high, over the text above; its oblique's
    sits on the letter."""
    rule, _, constants = rule.partition("  (")
    clauses = (HATTED.sub(r"<i>\g<0></i>", escape(c)) for c in rule.split(";  "))
    html = "<br/>".join(f'<span style="white-space:nowrap">{c}</span>' for c in clauses)
    # Each constant and its value stay together ("step t = 12" never breaks before its number).
    return f"{html}<br/>({escape(constants).replace(' = ', '&nbsp;=&nbsp;')}" if constants else html


#: A letter with a combining circumflex (Adam's bias-corrected m̂, v̂).
HATTED = re.compile("\\w\u0302")


# -- the parts -----------------------------------------------------------------------------------------

def _sample_part(e: NeuronExplanation, arch: Architecture | None) -> str:
    if e.batch_size > 1:
        line = translate("InspectorPage", "Step {step} · the first sample of a batch of {batch}")
    else:
        line = translate("InspectorPage", "Step {step} · the sample of this step (a batch of one)")
    lines = [line.format(step=f"{e.step:,}", batch=e.batch_size)]
    if e.x is not None:
        scaled = arch is not None and arch.input_scaling not in ("none", "")
        values = ", ".join(f"{escape(neuron_label(arch, 0, j))} = {precise(v)}" for j, v in enumerate(e.x))
        line = (translate("InspectorPage", "input x: {values} (as scaled for the network)") if scaled
                else translate("InspectorPage", "input x: {values}"))
        lines.append(line.format(values=values))
    return "<br/>".join(lines)


def _forward_part(f: ForwardPart, e: NeuronExplanation, arch: Architecture | None) -> str:
    src = "x" if e.layer == 1 else "a"
    pixels = e.layer == 1 and arch is not None and arch.image_shape is not None
    # Pixels are named by (row, column) under one heading: the table stays narrow enough for a laptop.
    source = (translate("InspectorPage", "pixel (row, col)") if pixels
              else translate("InspectorPage", "input j"))
    source = f"<i>{escape(source)}</i>"
    head = (_cell(source, "left", SUB) + _cell(f"<i>{src}ⱼ</i>", color=SUB) + _cell("<i>wⱼ</i>", color=SUB)
            + _cell(f"<i>wⱼ·{src}ⱼ</i>", color=SUB))
    rows = [head]
    for t in f.terms:
        name = _pixel(arch, t.source) if pixels else neuron_label(arch, e.layer - 1, t.source)
        rows.append(_cell(escape(name), "left") + _cell(f"{precise(t.a)} <span style='color:{SUB}'>×</span>")
                    + _cell(f"{precise(t.w)} <span style='color:{SUB}'>=</span>") + _cell(precise(t.product)))
    if f.rest_count:
        rest = translate("InspectorPage", "the other {count} inputs add up to").format(count=f"{f.rest_count:,}")
        rows.append(_cell(escape(rest), "left", SUB, ' colspan="3"')
                    + _cell(precise(f.rest_sum)))
    terms = _table(rows)
    name = f.activation
    above = (translate("InspectorPage", "the terms above") if len(f.terms) + f.rest_count > 1
             else translate("InspectorPage", "the term above"))
    eqs = _table(full=True, rows=[
        _equation(f"Σⱼ wⱼ·{src}ⱼ", escape(above), num(f.weighted_sum)),
        _equation("z = Σⱼ wⱼ·" + src + "ⱼ + b", f"{precise(f.weighted_sum)} + {paren(f.b)}", num(f.z, bold=True)),
        _equation("a = f(z)", f"{escape(name)}({precise(f.z)})", num(f.a, bold=True)),
    ])
    written = f'<span style="color:{SUB}">{escape(name)}: {formula(said(f.formula))}</span>'
    return f"{terms}{eqs}{written}"


def _loss_part(o: OutputPart, e: NeuronExplanation, loss_key: str | None) -> str:
    rows = [
        _equation(escape(translate("InspectorPage", "target y")), "", num(o.target)),
        _equation(escape(translate("InspectorPage", "its term of L")), "", num(o.loss_term, bold=True)),
    ]
    if o.dL_da is not None:
        grad_formula = LOSS_FORMULAS.get(loss_key or "", ("", "", "∂L/∂a"))[2].removeprefix("∂L/∂a = ")
        if e.batch_size > 1 and grad_formula:  # the engine's loss is the batch's mean
            grad_formula = f"{grad_formula} / B, B = {e.batch_size}"
        rows.append(_equation("∂L/∂a", escape(grad_formula), num(o.dL_da, bold=True)))
    loss_name = escape(said(o.loss_name))
    body = _table(rows, full=True) + f'<span style="color:{SUB}">{loss_name}: {escape(said(o.loss_formula))}</span>'
    if o.fused:
        body += "<br/>"
        body += f'<span style="color:{SUB}">{escape(said(o.fused))}</span>'
    if e.batch_size > 1:
        mean = translate("InspectorPage", "L is the mean over the batch of {batch}.").format(batch=e.batch_size)
        body += f'<br/><span style="color:{SUB}">{escape(mean)}</span>'
    return body


def _backward_part(b: BackwardPart, e: NeuronExplanation, arch: Architecture | None, dc: str) -> str:
    delta = num(b.delta, dc, bold=True)
    f_name = e.forward.activation
    f_formula = derivative_formula(get_activation(f_name)) if f_name else ""
    parts: list[str] = []
    rows: list[str] = []
    if b.at_output:
        fused = e.output is not None and e.output.fused
        if b.f_prime is None and fused:  # softmax + CE, sigmoid + BCE: δ = (a − y), over the batch's mean
            target = e.output.target
            mean = e.batch_size > 1
            symbols = "(a − y) / B" if mean else "a − y"
            numbers = f"{precise(e.forward.a)} − {paren(target)}"
            numbers = f"({numbers}) / {e.batch_size}" if mean else numbers
            rows.append(_equation(f'<span style="color:{dc}">δ</span> = {symbols}', numbers, delta))
        elif b.f_prime is None:  # softmax with another loss: its Jacobian couples the outputs
            rows.append(_equation("∂L/∂a", escape(translate("InspectorPage", "from the loss above")),
                                  num(b.incoming)))
            rows.append(_equation(f'<span style="color:{dc}">δ</span> = a·(∂L/∂a − Σₖ aₖ·∂L/∂aₖ)',
                                  escape(translate("InspectorPage", "softmax couples the outputs")), delta))
        else:
            rows.append(_equation("∂L/∂a", escape(translate("InspectorPage", "from the loss above")),
                                  num(b.incoming)))
    else:
        nxt = e.layer + 1
        at_output = arch is not None and nxt == arch.n_layers
        # The next layer named once, in the heading; each row only its neuron's number (and class).
        feeds = (translate("InspectorPage", "From the neurons k of the output layer it feeds:") if at_output
                 else translate("InspectorPage", "From the neurons k of the hidden {layer} layer it feeds:")
                 .format(layer=nxt))
        parts.append(f'<span style="color:{SUB}">{escape(feeds)}</span>')
        head = (_cell("<i>k</i>", "left", SUB) + _cell("<i>wₖⱼ</i>", color=SUB)
                + _cell('<i>δₖ</i>', color=dc) + _cell("<i>wₖⱼ·δₖ</i>", color=SUB))
        terms = [head]
        for t in b.terms:
            label = neuron_label(arch, nxt, t.target) if at_output and arch.sizes[-1] == 1 else str(t.target + 1)
            if at_output and arch.sizes[-1] > 1:
                label += f" ({arch.class_name(t.target)})"
            link = f'<a href="neuron:{nxt}:{t.target}">{escape(label)}</a>'
            terms.append(_cell(link, "left") + _cell(f"{precise(t.w)} <span style='color:{SUB}'>×</span>")
                         + _cell(f"{num(t.delta, dc)} <span style='color:{SUB}'>=</span>") + _cell(precise(t.product)))
        if b.rest_count:
            rest = translate("InspectorPage", "the other {count} add up to").format(count=f"{b.rest_count:,}")
            terms.append(_cell(escape(rest), "left", SUB, ' colspan="3"')
                         + _cell(precise(b.rest_sum)))
        parts.append(_table(terms))
        rows.append(_equation("∂L/∂a = Σₖ wₖⱼ·δₖ", escape(translate("InspectorPage", "the terms above")),
                              num(b.incoming)))
    if b.f_prime is not None:
        rows.append(_equation("f′(z)", f"{escape(f_name)}′({precise(e.forward.z)})", num(b.f_prime)))
        rows.append(_equation(f'<span style="color:{dc}">δ</span> = ∂L/∂a · f′(z)',
                              f"{precise(b.incoming)} × {paren(b.f_prime)}", delta))
    parts.append(_table(rows, full=True))
    if b.f_prime is not None and f_formula:
        parts.append(f'<span style="color:{SUB}">{escape(f_name)}: {formula(said(f_formula))}</span>')
    return "".join(parts)


def _update_part(u: UpdatePart, e: NeuronExplanation, arch: Architecture | None, dc: str) -> str:
    src = "x" if e.layer == 1 else "a"
    averaged = u.batch_size > 1
    l2 = any(c.l2 != 0 for c in u.weights)
    rule = rule_html(said(u.rule))
    lines = [translate("InspectorPage", "{rule}, with η = {rate}").format(rule=rule, rate=precise(u.lr))]
    if averaged:
        lines.append(translate("InspectorPage", "∂L/∂wⱼ = mean of {delta}·{source}ⱼ over the batch: "
                                                "<b>averaged over the batch of {batch}</b>")
                     .format(delta=f"<span style='color:{dc}'>δ</span>", source=src, batch=u.batch_size))
    else:
        lines.append(f"∂L/∂wⱼ = <span style='color:{dc}'>δ</span> · {src}ⱼ"
                     f" = {num(e.backward.delta if e.backward else None, dc)} × {src}ⱼ")
    if l2:
        lines.append(escape(translate("InspectorPage", "+ the L2 term λ·wⱼ (not on the bias)")))
    # With L2 the gradient is shown as its two parts and their sum, so every row adds up.
    data_part = "Σ δ·a" if averaged else "δ·a"
    head = ((_cell(f"<i>{data_part}</i>", color=SUB) + _cell("<i>+ λ·w</i>", color=SUB)
             + _cell("<i>= ∂L/∂w</i>", color=SUB)) if l2 else _cell("<i>∂L/∂w</i>", color=SUB))
    before, after = translate("InspectorPage", "before"), translate("InspectorPage", "after")
    head += _cell(f"<i>{escape(before)}</i>", color=SUB) + _cell("") + _cell(f"<i>{escape(after)}</i>", color=SUB)
    columns = 4 + 2 * l2
    rows = [head]
    for c in (*u.weights, u.bias):
        # The parameter's name on a line of its own, its numbers under it: narrow panels stay readable.
        name = (translate("InspectorPage", "bias b") if c.source is None else
                translate("InspectorPage", "w from {source}").format(source=neuron_label(arch, e.layer - 1, c.source)))
        name = escape(name)
        rows.append(_cell(name, "left", None, f' colspan="{columns}"'))
        grad = (_cell(precise(c.grad - c.l2)) + _cell(precise(c.l2)) + _cell(precise(c.grad))) if l2 \
            else _cell(precise(c.grad))
        rows.append(grad + _cell(precise(c.before)) + _cell("→", "center", SUB) + _cell(num(c.after, bold=True)))
        if c.terms:  # the optimiser's state for this parameter
            state = ", ".join(f"{escape(term_name(n))}&nbsp;=&nbsp;{precise(v)}" for n, v in c.terms)
            rows.append(_cell(f"&nbsp;&nbsp;{state}", "left", SUB, f' colspan="{columns}"'))
    body = "<br/>".join(lines) + _table(rows, full=True)
    if u.rest_count:
        more = translate("InspectorPage", "… and {count} more weights, each updated the same way.")
        body += f'<span style="color:{SUB}">{escape(more.format(count=f"{u.rest_count:,}"))}</span>'
    return body


# -- the page ------------------------------------------------------------------------------------------

def render(e: NeuronExplanation, arch: Architecture | None, phase: Phase | None) -> Page:
    """The page for explanation `e` of a network `arch`, highlighting `phase`'s part (None: none)."""
    n_layers = arch.n_layers if arch is not None else e.layer
    phase_index = step_phases(n_layers).index(phase) if phase is not None else None
    present = {Part.SAMPLE, Part.FORWARD} | {part for part, there in (
        (Part.LOSS, e.output), (Part.BACKWARD, e.backward), (Part.UPDATE, e.update)) if there is not None}
    highlighted = current_part(phase, e.layer, n_layers)
    if highlighted not in present:
        highlighted = None

    def state(part: Part) -> str:
        if phase_index is None:
            return "plain"
        where = part_phase_index(part, e.layer, n_layers)
        return "current" if where == phase_index else "future" if where > phase_index else "plain"

    f_name = e.forward.activation
    title = escape(neuron_name(e.layer, e.index, arch.sizes, arch.class_names) if arch is not None else said(e.name))
    sub = escape(translate("InspectorPage", "layer {layer} of {layers} · {activation}")
                 .format(layer=e.layer, layers=n_layers, activation=f_name))
    html = [f'<p style="margin:0"><span style="font-size:large"><b>{title}</b></span>'
            f'&nbsp;&nbsp;<span style="color:{SUB}">{sub}</span></p>']
    if phase is not None:
        k, n = phase_index + 1, len(step_phases(n_layers))
        reason = "" if highlighted is not None else _not_here(phase, e.layer, n_layers)
        line = (translate("InspectorPage", "Phase {phase} of {phases}: {label} — {reason}") if reason
                else translate("InspectorPage", "Phase {phase} of {phases}: {label}"))
        line = line.format(phase=k, phases=n, label=said(phase.label()), reason=reason)
        html.append(f'<p style="margin:2px 0 4px 0; color:{SUB}">{escape(line)}</p>')
    html.append(_section(Part.SAMPLE, escape(translate("InspectorPage", "The sample")), _sample_part(e, arch),
                         state(Part.SAMPLE)))

    def delta_color(part: Part) -> str:
        return FADE if state(part) == "future" else DELTA

    # (part, title, body) of the numbered sections: only an output neuron has the loss's, so the
    # numbers are counted here rather than written into the titles.
    sections = [(Part.FORWARD, translate("InspectorPage", "Forward: weighted sum and activation"),
                 _forward_part(e.forward, e, arch))]
    if e.output is not None:
        sections.append((Part.LOSS, translate("InspectorPage", "Loss: the output meets its target"),
                         _loss_part(e.output, e, arch.loss_name if arch else None)))
    if e.backward is not None:
        sections.append((Part.BACKWARD, translate("InspectorPage", "Backward: the error term δ, at the output")
                         if e.backward.at_output else
                         translate("InspectorPage", "Backward: the error term δ, passed back from the next layer"),
                         _backward_part(e.backward, e, arch, delta_color(Part.BACKWARD))))
    if e.update is not None:
        sections.append((Part.UPDATE, translate("InspectorPage", "Gradient and update"),
                         _update_part(e.update, e, arch, delta_color(Part.UPDATE))))
    for number, (part, title, body) in enumerate(sections, 1):
        html.append(_section(part, escape(f"{number} · {title}"), body, state(part)))
    return Page("".join(html), highlighted)


def _not_here(phase: Phase, layer: int, n_layers: int) -> str:
    """Why a phase highlights nothing of this neuron."""
    if phase.kind is PhaseKind.FORWARD:
        if phase.layer < layer:
            return translate("InspectorPage", "this neuron's layer comes later")
        return translate("InspectorPage", "this neuron's layer is done")
    if phase.kind is PhaseKind.LOSS:
        return translate("InspectorPage", "the loss is computed at the output; δ reaches this neuron later")
    if phase.kind is PhaseKind.BACKWARD:
        if phase.layer > layer:
            return translate("InspectorPage", "δ reaches this neuron later")
        return translate("InspectorPage", "this neuron's δ is known")
    return ""


def message_html(text: str) -> str:
    """A page with only a centred, quiet message (the empty and the waiting states)."""
    return (f'<table width="100%" height="100%"><tr><td align="center" valign="middle" style="color:{SUB}">'
            f"<p>&nbsp;</p><p>&nbsp;</p><span style='font-size:large'>{escape(text)}</span></td></tr></table>")
