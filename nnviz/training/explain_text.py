"""A NeuronExplanation as a teacher's handout (Unicode maths, aligned columns) and as JSON numbers.

Both are read off the explanation alone (explain.py), so the text, the JSON and the window's inspector
show the same numbers. Inputs and neurons are numbered from 1, as the window numbers them.
"""

from __future__ import annotations


from nnviz.engine.activations import get_activation
from nnviz.training.explain import LOSS_FORMULAS, NeuronExplanation, WeightChange, derivative_formula
from nnviz.training.numbers import significant

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def number(v: float | None, digits: int = 4) -> str:
    """`digits` significant digits with a real minus sign (nnviz.training.numbers)."""
    return significant(v, digits)


def sub(n: int) -> str:
    """A subscript number: sub(12) == "₁₂"."""
    return str(n).translate(_SUBSCRIPTS)


def _table(rows: list[list[str]], right: set[int], indent: str = "    ") -> list[str]:
    """rows of cells in columns two spaces apart; columns in `right` right-aligned."""
    widths = [max(len(row[c]) for row in rows if c < len(row)) for c in range(max(map(len, rows)))]
    lines = []
    for row in rows:
        cells = [cell.rjust(widths[c]) if c in right else cell.ljust(widths[c]) for c, cell in enumerate(row)]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def _input_name(e: NeuronExplanation, j: int, feature_names) -> str:
    if e.layer == 1:
        name = feature_names[j] if j < len(feature_names) else ""
        return f"x{sub(j + 1)}" + (f" ({name})" if name else "")
    return f"a{sub(j + 1)} (hidden {e.layer - 1} · neuron {j + 1})"


def explanation_text(e: NeuronExplanation, feature_names=(), class_names=()) -> str:
    """The worked example as lines of text, forward → loss → backward → update."""
    f = e.forward
    batch = "one sample" if e.batch_size == 1 else f"the first of a batch of {e.batch_size}"
    head = [f"Neuron: {e.name} (layer {e.layer}, {f.activation}) · training step {e.step} · {batch}"]
    if e.x is not None:
        head.append(f"input x = ({', '.join(number(v) for v in e.x)})")
    lines = [*head, "", f"Forward: z = Σⱼ wⱼ·aⱼ + b,   a = f(z) with {f.formula}"]
    rows = [["", "aⱼ", "", "wⱼ", "", "wⱼ·aⱼ"]]
    for t in f.terms:
        rows.append([_input_name(e, t.source, feature_names), number(t.a), "×", number(t.w), "=", number(t.product)])
    if f.rest_count:
        rows.append([f"the other {f.rest_count} inputs", "", "", "", "=", number(f.rest_sum)])
    rows += [["", "", "", "Σ wⱼ·aⱼ", "=", number(f.weighted_sum)], ["", "", "", "+ b", "=", number(f.b)],
             ["", "", "", "z", "=", number(f.z)]]
    lines += _table(rows, right={1, 3, 5})
    lines.append(f"    a = f(z) = {f.activation}({number(f.z)}) = {number(f.a)}")
    lines += _output_lines(e, class_names)
    lines += _backward_lines(e)
    lines += _update_lines(e)
    return "\n".join(lines)


def _output_lines(e: NeuronExplanation, class_names) -> list[str]:
    o = e.output
    if o is None:
        return []
    grad_formula = LOSS_FORMULAS.get(_loss_key(o.loss_name), ("", "", ""))[2]
    lines = ["", f"Loss: {o.loss_name}, per sample {o.loss_formula}",
             f"    target y = {number(o.target)}{_class_of(e, class_names)},  "
             f"this neuron's term of L = {number(o.loss_term)}"]
    if o.fused is not None:
        lines.append(f"    {o.fused}")
    else:
        lines.append(f"    {grad_formula} = {number(o.dL_da)}" + _per_batch(e))
    return lines


def _class_of(e: NeuronExplanation, class_names) -> str:
    """" (female)" when a single output's target says which class the sample is."""
    if e.output is None or len(class_names) != 2 or not e.name == "output":
        return ""
    return f" ({class_names[int(e.output.target > 0.5)]})"


def _loss_key(loss_name: str) -> str:
    return next((key for key, (name, _, _) in LOSS_FORMULAS.items() if name == loss_name), loss_name)


def _per_batch(e: NeuronExplanation) -> str:
    return "" if e.batch_size == 1 else f"  (÷ {e.batch_size}: L is the mean over the batch)"


def _backward_lines(e: NeuronExplanation) -> list[str]:
    b = e.backward
    if b is None:
        return []
    f = get_activation(e.forward.activation)
    slope = derivative_formula(f)
    lines = ["", "Backward: the error term δ = ∂L/∂z"]
    if b.at_output and b.f_prime is None and e.output is not None and e.output.fused is not None:
        lines.append(f"    δ = a − y = {number(e.forward.a)} − {number(e.output.target)}"
                     + ("" if e.batch_size == 1 else f", ÷ {e.batch_size} (the batch mean)")
                     + f" = {number(b.delta)}")
        return lines
    if not b.at_output:
        lines.append(f"    ∂L/∂a = Σₖ wₖⱼ·δₖ over the {_neurons(len(b.terms) + b.rest_count)} of layer {e.layer + 1}")
        rows = [["", "wₖⱼ", "", "δₖ", "", "wₖⱼ·δₖ"]]
        for t in b.terms:
            rows.append([f"neuron {t.target + 1}", number(t.w), "×", number(t.delta), "=", number(t.product)])
        if b.rest_count:
            rows.append([f"the other {b.rest_count}", "", "", "", "=", number(b.rest_sum)])
        rows.append(["", "", "", "∂L/∂a", "=", number(b.incoming)])
        lines += _table(rows, right={1, 3, 5})
    if b.f_prime is None:  # softmax without its cross-entropy: the Jacobian couples the outputs
        lines.append(f"    δ = a·(∂L/∂a − Σₖ aₖ·∂L/∂aₖ) (softmax couples the outputs) = {number(b.delta)}")
        return lines
    lines.append(f"    f′(z): {slope} = {number(b.f_prime)}")
    lines.append(f"    δ = ∂L/∂a · f′(z) = {number(b.incoming)} × {number(b.f_prime)} = {number(b.delta)}")
    return lines


def _neurons(n: int) -> str:
    return "one neuron" if n == 1 else f"{n} neurons"


_OPTIMIZERS = {"sgd": "SGD", "momentum": "SGD with momentum", "adam": "Adam"}


def _update_lines(e: NeuronExplanation) -> list[str]:
    u = e.update
    if u is None:
        return []
    averaged = "" if u.batch_size == 1 else f", summed over the batch of {u.batch_size} (each δ already ÷ {u.batch_size})"
    l2 = any(w.l2 for w in u.weights)
    lines = ["", f"Gradient and update: {_OPTIMIZERS.get(u.optimizer, u.optimizer)}, learning rate η = {number(u.lr)}",
             f"    ∂L/∂wⱼ = δ·aⱼ{' + λ·wⱼ' if l2 else ''}, ∂L/∂b = δ{averaged}",
             *_rule_lines(u.rule)]
    term_names = [name for name, _ in (u.bias.terms or (u.weights[0].terms if u.weights else ()))]
    gradient = ["Σ δ·a" if u.batch_size > 1 else "δ·a", "+ λ·w", "= ∂L/∂w"] if l2 else ["∂L/∂w"]
    rows = [["", "aⱼ", *gradient, *term_names, "before", "", "after", "change"]]
    for w in (*u.weights, u.bias):
        rows.append(_change_row(e, w, l2))
    if u.rest_count:
        rows.insert(len(u.weights) + 1, [f"(the other {u.rest_count} weights are not listed)"])
    right = set(range(1, len(rows[0])))
    lines += _table(rows, right=right)
    return lines


def _rule_lines(rule: str) -> list[str]:
    """The rule, and its constants "(μ = 0.9)" on a line of their own."""
    formula, _, constants = rule.partition("  (")
    return [f"    {formula}"] + ([f"    with {constants.rstrip(')')}"] if constants else [])


def _change_row(e: NeuronExplanation, w: WeightChange, l2: bool) -> list[str]:
    name = "b" if w.source is None else f"w{sub(w.source + 1)}"
    gradient = [number(w.grad - w.l2), number(w.l2), number(w.grad)] if l2 else [number(w.grad)]
    return [name, number(w.a), *gradient,
            *(number(v) for _, v in w.terms), number(w.before, 7), "→", number(w.after, 7),
            number(w.after - w.before)]


def explanation_json(e: NeuronExplanation) -> dict:
    """The numbers of the explanation as plain JSON values; inputs and neurons numbered from 1."""
    f, o, b, u = e.forward, e.output, e.backward, e.update

    def change(w: WeightChange) -> dict:
        return {"input": None if w.source is None else w.source + 1, "a": w.a, "grad": w.grad, "l2": w.l2,
                "before": w.before, "after": w.after, **{name: v for name, v in w.terms}}

    return {
        "layer": e.layer, "neuron": e.index + 1, "name": e.name, "step": e.step, "batch_size": e.batch_size,
        "x": None if e.x is None else list(e.x),
        "z": f.z, "a": f.a, "delta": None if b is None else b.delta,
        "forward": {
            "activation": f.activation, "formula": f.formula,
            "terms": [{"input": t.source + 1, "a": t.a, "w": t.w, "product": t.product} for t in f.terms],
            "rest_count": f.rest_count, "rest_sum": f.rest_sum,
            "weighted_sum": f.weighted_sum, "b": f.b, "z": f.z, "a": f.a,
        },
        "output": None if o is None else {
            "target": o.target, "loss": o.loss_name, "formula": o.loss_formula, "loss_term": o.loss_term,
            "dL_da": o.dL_da, "fused": o.fused,
        },
        "backward": None if b is None else {
            "at_output": b.at_output, "incoming": b.incoming, "f_prime": b.f_prime, "delta": b.delta,
            "terms": [{"neuron": t.target + 1, "w": t.w, "delta": t.delta, "product": t.product} for t in b.terms],
            "rest_count": b.rest_count, "rest_sum": b.rest_sum,
        },
        "update": None if u is None else {
            "optimizer": u.optimizer, "lr": u.lr, "rule": u.rule, "batch_size": u.batch_size,
            "weights": [change(w) for w in u.weights], "rest_count": u.rest_count, "bias": change(u.bias),
        },
    }
