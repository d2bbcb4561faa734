"""`nnviz gradcheck`: compare back-propagation with finite differences on a small float64 network.

The network gets random weights and random nonzero biases (with zero biases and inputs near zero,
ReLU units can sit exactly on their kink, where finite differences are meaningless), random inputs,
and targets the loss accepts: one-hot rows for cross-entropy, values in (0.05, 0.95) otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.cli import output
from nnviz.cli.argtypes import activation_names, layer_sizes, positive_int
from nnviz.cli.errors import EXIT_FAILED, EXIT_OK, CommandError, UsageError
from nnviz.engine.activations import ACTIVATIONS
from nnviz.engine.gradcheck import GradCheckResult, gradient_check
from nnviz.engine.losses import LOSSES
from nnviz.engine.network import Network

#: A correct backward pass in float64 agrees with central differences to about 1e-10.
TOLERANCE = 1e-7

DEFAULTS = {"layers": (3, 5, 4), "activation": "tanh", "output": "sigmoid", "loss": "bce"}


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "gradcheck", help="check back-propagation against numerical gradients",
        description="Check back-propagation against central differences on a small float64 network; "
                    f"passes when every relative error is below {TOLERANCE:g}.",
    )
    p.add_argument("--layers", type=layer_sizes, metavar="N,N,...", help="layer sizes (default 3,5,4)")
    p.add_argument("--activation", type=activation_names, metavar="NAME[,NAME...]", help="hidden activation (default tanh)")
    p.add_argument("--output", choices=list(ACTIVATIONS), help="output activation (default sigmoid)")
    p.add_argument("--loss", choices=list(LOSSES), help="loss (default bce)")
    p.add_argument("--all", action="store_true",
                   help="check every hidden activation with every output activation and loss that go together")
    p.add_argument("--l2", type=float, default=0.0, help="L2 strength included in the cost (default 0)")
    p.add_argument("--samples", type=positive_int, default=5, metavar="N", help="batch size (default 5)")
    p.add_argument("--seed", type=int, default=0, help="seed for weights, inputs and targets (default 0)")
    p.add_argument("--json", action="store_true", help="print one line of JSON")
    p.set_defaults(_run=run, _parser=p)


def run(args) -> int:
    if args.l2 < 0:
        raise UsageError(f"--l2 must be >= 0, got {args.l2}")
    sizes = args.layers or DEFAULTS["layers"]
    if args.all:
        given = [f"--{name}" for name in ("activation", "output", "loss") if getattr(args, name) is not None]
        if given:
            raise UsageError(f"--all checks every combination; leave out {', '.join(given)}")
        return _run_all(args, sizes)
    hidden = args.activation or DEFAULTS["activation"]
    out, loss = args.output or DEFAULTS["output"], args.loss or DEFAULTS["loss"]
    try:
        result = check(sizes, hidden, out, loss, args.samples, args.l2, args.seed)
    except ValueError as e:  # a combination the network refuses, or an activation without a gradient
        raise CommandError(str(e)) from None
    passed = result.max_relative_error < TOLERANCE
    if args.json:
        output.say_json({
            "layers": list(sizes), "activation": hidden, "output": out, "loss": loss, "l2": args.l2,
            "samples": args.samples, "max_relative_error": result.max_relative_error,
            "per_parameter": result.per_parameter, "n_checked": result.n_checked,
            "tolerance": TOLERANCE, "passed": passed,
        })
    else:
        output.say(f"gradient check of {output.architecture(sizes, hidden, out)}, {loss} loss, L2 {args.l2:g}, "
                   f"{args.samples} samples, {result.n_checked} parameters")
        for name, error in result.per_parameter.items():
            output.say(f"  {name:<4} relative error {error:.2e}  {_verdict(error < TOLERANCE)}")
        output.say(f"max relative error {result.max_relative_error:.2e} (tolerance {TOLERANCE:g}): {_verdict(passed)}")
    return EXIT_OK if passed else EXIT_FAILED


def check(sizes, hidden, out: str, loss: str, samples: int, l2: float, seed: int) -> GradCheckResult:
    """Gradient-check one network; raises ValueError for a combination that cannot be checked."""
    names = [hidden] if isinstance(hidden, str) else list(hidden)
    stuck = [name for name in [*names, out] if not ACTIVATIONS[name].differentiable]
    if stuck:
        raise ValueError(f"the {stuck[0]} activation has no gradient to check")
    network = Network(sizes, hidden=hidden, output=out, loss=loss, init="xavier", seed=seed, dtype=np.float64)
    rng = np.random.default_rng(seed)
    for b in network.biases:
        b[...] = rng.uniform(0.1, 0.5, b.shape) * rng.choice([-1.0, 1.0], b.shape)
    x = rng.normal(size=(samples, sizes[0]))
    n_out = sizes[-1]
    if loss == "ce":
        y = np.eye(n_out)[rng.integers(0, n_out, samples)]
    else:
        y = rng.uniform(0.05, 0.95, (samples, n_out))
    return gradient_check(network, x, y, l2=l2)


@dataclass(frozen=True)
class _Combination:
    hidden: str
    output: str
    loss: str


def combinations(sizes) -> list[_Combination]:
    """Every differentiable hidden activation x output activation x loss that a network accepts."""
    found = []
    for hidden, h_cls in ACTIVATIONS.items():
        if not (h_cls.hidden_ok and h_cls.differentiable):
            continue
        for out, o_cls in ACTIVATIONS.items():
            if not o_cls.differentiable:
                continue
            for loss in LOSSES:
                try:
                    Network(sizes, hidden=hidden, output=out, loss=loss, seed=0, dtype=np.float64)
                except ValueError:
                    continue
                found.append(_Combination(hidden, out, loss))
    return found


def _run_all(args, sizes) -> int:
    rows = []
    for c in combinations(sizes):
        result = check(sizes, c.hidden, c.output, c.loss, args.samples, args.l2, args.seed)
        rows.append((c, result.max_relative_error, result.max_relative_error < TOLERANCE))
    passed = all(ok for _, _, ok in rows)
    worst = max(error for _, error, _ in rows)
    if args.json:
        output.say_json({
            "layers": list(sizes), "l2": args.l2, "samples": args.samples, "tolerance": TOLERANCE,
            "max_relative_error": worst, "passed": passed,
            "combinations": [
                {"activation": c.hidden, "output": c.output, "loss": c.loss, "max_relative_error": error, "passed": ok}
                for c, error, ok in rows
            ],
        })
    else:
        output.say(f"gradient check of every combination on layers {','.join(map(str, sizes))}, "
                   f"L2 {args.l2:g}, {args.samples} samples")
        for line in output.table(
            ("hidden", "output", "loss", "max rel. error", "result"),
            [(c.hidden, c.output, c.loss, f"{error:.2e}", _verdict(ok)) for c, error, ok in rows],
        ):
            output.say(line)
        failed = sum(not ok for _, _, ok in rows)
        output.say(f"{len(rows) - failed}/{len(rows)} passed (tolerance {TOLERANCE:g}): {_verdict(passed)}")
    return EXIT_OK if passed else EXIT_FAILED


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"
