"""Engine vs PyTorch CPU: training throughput of the same MLP on real MNIST, side by side.

For each case both frameworks start from the same weights (the engine's initial weights are copied into
torch), see the same batches in the same order (one array per batch, built before timing, shared with
torch without a copy) and train one pass in float32. Each training loop also turns every step's loss
into a Python float, as the session does for its loss plot. Rounds alternate engine / torch / torch with
one thread, so slow spells on this shared 2-core machine hit all of them alike. The headline ratio
compares each side's best round: other work on the machine only ever slows a round down (and torch's
two OpenMP threads suffer most when a core is taken), so the best rounds are the fairest comparison;
the medians are printed too.

Sanity ("same math"): the first step's loss must agree, and after the pass both networks must reach
nearly the same test loss and accuracy.

Run:  python tests/bench/engine_vs_torch.py [--rounds 5] [--cases a,b,c,d]
      [--samples N] [--data-dir D]
      python tests/bench/engine_vs_torch.py --smoke   # seconds: does the script still run?
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

# Run as a script from anywhere: make the repository importable without installing it.
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from nnviz.engine import Network, make_optimizer, one_hot  # noqa: E402

try:
    import torch
except ImportError:  # the benchmark still runs the engine and says how to get torch
    torch = None

DEFAULT_DATA_DIR = REPO.parent / "shared" / "mnist"
SMOKE_SAMPLES = 512  # per case in a --smoke run: every case and code path, in seconds, measuring nothing


@dataclass(frozen=True)
class Case:
    key: str
    title: str
    sizes: tuple[int, ...]
    hidden: str
    output: str
    loss: str
    init: str
    optimizer: str  # "sgd", "momentum" or "adam"
    lr: float
    batch: int
    samples: int
    target: float  # wanted ratio engine / torch (samples per second)
    targets: tuple[float, float] = (0.0, 1.0)  # off/on values of the one-hot targets
    scaling: str = "unit"


CASES = {
    c.key: c
    for c in (
        Case("a", "784-128-10 ReLU, softmax+CE, SGD lr 0.1, batch 64", (784, 128, 10),
             "relu", "softmax", "ce", "he", "sgd", 0.1, 64, 20_000, 1.4),
        Case("b", "784-200-10 sigmoid, MSE, SGD lr 0.1, batch 1 (the textbook net)", (784, 200, 10),
             "sigmoid", "sigmoid", "mse", "textbook", "sgd", 0.1, 1, 10_000, 2.0,
             targets=(0.01, 0.99), scaling="textbook"),
        Case("c", "784-256-128-10 ReLU, softmax+CE, momentum 0.9 lr 0.01, batch 128", (784, 256, 128, 10),
             "relu", "softmax", "ce", "he", "momentum", 0.01, 128, 20_000, 1.4),
        # Not one of the three targets: the mnist-fast preset's network and optimizer (Adam).
        Case("d", "784-256-128-10 ReLU, softmax+CE, Adam lr 0.0015, batch 256 (mnist-fast; extra)",
             (784, 256, 128, 10), "relu", "softmax", "ce", "he", "adam", 0.0015, 256, 20_000, 1.4),
    )
}


# -- data ------------------------------------------------------------------------------------------

def load(data_dir: Path, scaling: str):
    """(x_train, labels_train, x_test, labels_test) as float32 / int64 arrays."""
    try:
        from nnviz.data import load_mnist
    except ImportError:
        load_mnist = None
    if load_mnist is not None:
        d = load_mnist(data_dir, scaling=scaling)
        return d.x_train, d.labels_train, d.x_test, d.labels_test
    from nnviz.data.idx import read_idx  # fallback while nnviz.data is being finished

    def images(name):
        x = read_idx(data_dir / name).reshape(-1, 784).astype(np.float32) / 255
        return x * 0.99 + 0.01 if scaling == "textbook" else x

    def labels(name):
        return read_idx(data_dir / name).astype(np.int64)

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


@dataclass(frozen=True)
class Batches:
    """One pass: x[i] (batch, 784) and y[i] (batch, 10) float32, labels[i] (batch,) int64, C-contiguous."""

    x: list[np.ndarray]
    y: list[np.ndarray]
    labels: list[np.ndarray]


def make_batches(case: Case, x_train, labels_train, seed: int = 0) -> Batches:
    order = np.random.default_rng(seed).permutation(len(x_train))[:case.samples]
    cut = [order[i:i + case.batch] for i in range(0, case.samples, case.batch)]
    off, on = case.targets
    return Batches(
        x=[np.ascontiguousarray(x_train[idx], dtype=np.float32) for idx in cut],
        y=[one_hot(labels_train[idx], case.sizes[-1], off, on, np.float32) for idx in cut],
        labels=[np.ascontiguousarray(labels_train[idx]) for idx in cut],
    )


# -- the two trainers ------------------------------------------------------------------------------

def engine_network(case: Case, seed: int = 0) -> Network:
    return Network(case.sizes, hidden=case.hidden, output=case.output, loss=case.loss, init=case.init,
                   seed=seed, dtype=np.float32)


def copy_network(net: Network) -> Network:
    """A network with the same layers as `net` and copies of its W and b, so training it leaves `net` as is."""
    return Network.from_parameters([W.copy() for W in net.weights], [b.copy() for b in net.biases],
                                   hidden=[f.name for f in net.activations[:-1]],
                                   output=net.activations[-1].name, loss=net.loss.name)


def train_engine(initial: Network, case: Case, batches: Batches, n_steps: int | None = None):
    """One pass with the product engine from a copy of `initial`; returns (seconds, losses, network)."""
    net = copy_network(initial)
    opt = make_optimizer(case.optimizer, 0.9)
    xs, ys = batches.x[:n_steps], batches.y[:n_steps]
    losses = []
    start = time.perf_counter()
    for x, y in zip(xs, ys):
        losses.append(net.train_step(x, y, opt, case.lr).loss)
    return time.perf_counter() - start, losses, net


def torch_model(initial: Network, case: Case):
    """The same layers as `initial`, with its weights copied; the CE model outputs logits."""
    acts = {"relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid}
    layers = []
    for l, (W, b) in enumerate(zip(initial.weights, initial.biases)):
        linear = torch.nn.Linear(W.shape[1], W.shape[0])
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W))  # both store W as (n_out, n_in)
            linear.bias.copy_(torch.from_numpy(b))
        layers.append(linear)
        name = case.hidden if l < len(initial.weights) - 1 else case.output
        if name != "softmax":  # softmax is inside F.cross_entropy
            layers.append(acts[name]())
    return torch.nn.Sequential(*layers)


def torch_loss(case: Case, engine_loss):
    """The engine's loss written in torch; engine_loss is the engine's Loss object for the same case."""
    F = torch.nn.functional
    if case.loss == "ce":
        # Mean over the batch of -log softmax at the label: the engine's CE on one-hot targets.
        return lambda out, y, labels: F.cross_entropy(out, labels)
    # The engine's MSE is k * (sum of squares per sample), averaged over the batch. Conventions differ
    # (k = 1, or Nielsen's 1/2), so read k off the engine: a = 1 against y = 0 costs exactly k.
    one = np.ones((1, 1), np.float32)
    k = engine_loss.value(one, 0 * one)
    return lambda out, y, labels: F.mse_loss(out, y, reduction="sum") * (k / len(out))


def train_torch(initial: Network, case: Case, batches, n_steps: int | None = None):
    """One pass with PyTorch from `initial`'s weights; returns (seconds, losses, model)."""
    model = torch_model(initial, case)
    if case.optimizer == "adam":  # the engine's betas and eps are torch's defaults
        opt = torch.optim.Adam(model.parameters(), lr=case.lr)
    else:
        momentum = 0.9 if case.optimizer == "momentum" else 0.0
        # torch's v <- mu v + g; p <- p - lr v equals the engine's v <- mu v - lr g; p <- p + v at fixed lr.
        opt = torch.optim.SGD(model.parameters(), lr=case.lr, momentum=momentum)
    loss_fn = torch_loss(case, initial.loss)
    xs, ys, ls = batches[0][:n_steps], batches[1][:n_steps], batches[2][:n_steps]
    losses = []
    start = time.perf_counter()
    for x, y, labels in zip(xs, ys, ls):
        opt.zero_grad()
        loss = loss_fn(model(x), y, labels)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return time.perf_counter() - start, losses, model


def torch_batches(batches: Batches):
    # torch.from_numpy shares memory: both frameworks read the very same arrays.
    return ([torch.from_numpy(a) for a in batches.x], [torch.from_numpy(a) for a in batches.y],
            [torch.from_numpy(a) for a in batches.labels])


# -- evaluation ------------------------------------------------------------------------------------

def test_metrics_engine(net: Network, x_test, labels_test, case: Case) -> tuple[float, float]:
    out = net.predict(x_test)
    y = one_hot(labels_test, case.sizes[-1], *case.targets)
    return net.loss_value(out, y), float(np.mean(out.argmax(1) == labels_test))


def test_metrics_torch(model, x_test, labels_test, case: Case, engine_loss) -> tuple[float, float]:
    with torch.no_grad():
        out = model(torch.tensor(x_test))  # a copy: the dataset's arrays are read-only
        y = torch.from_numpy(one_hot(labels_test, case.sizes[-1], *case.targets))
        loss = torch_loss(case, engine_loss)(out, y, torch.tensor(labels_test)).item()
        return loss, float((out.argmax(1).numpy() == labels_test).mean())


# -- reporting -------------------------------------------------------------------------------------

def thread_settings() -> str:
    lines = []
    try:
        from threadpoolctl import threadpool_info
        for pool in threadpool_info():
            lines.append(f"  {pool['internal_api']} ({pool['prefix']}): {pool['num_threads']} thread(s)")
    except ImportError:
        lines.append("  (threadpoolctl not installed: BLAS thread count unknown)")
    env = {k: os.environ[k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS") if k in os.environ}
    lines.append(f"  environment: {env or 'no thread variables set'}; cores: {os.cpu_count()}")
    if torch is not None:
        lines.append(f"  torch {torch.__version__}: intra-op threads {torch.get_num_threads()} (default), "
                     f"inter-op {torch.get_num_interop_threads()}")
    return "\n".join(lines)


def summary(name: str, samples: int, seconds: list[float]) -> dict:
    rates = [samples / s for s in seconds]
    return {"name": name, "median": statistics.median(rates), "best": max(rates)}


def run_case(case: Case, rounds: int, data_dir: Path, contenders: dict) -> dict:
    x_train, labels_train, x_test, labels_test = load(data_dir, case.scaling)
    batches = make_batches(case, x_train, labels_train)
    tb = torch_batches(batches) if torch is not None else None
    initial = engine_network(case)
    samples = sum(len(x) for x in batches.x)
    print(f"\n({case.key}) {case.title}: {samples} samples, {len(batches.x)} steps, float32")

    trainers = {name: make(case, batches, tb) for name, make in contenders.items()}
    warm = max(1, min(len(batches.x), 2000 // case.batch if case.batch > 1 else 500))
    for train in trainers.values():
        train(initial, warm)  # warm-up: caches, allocator, thread pools, torch's first-call setup

    seconds = {name: [] for name in trainers}
    results = {}
    for _ in range(rounds):
        for name, train in trainers.items():
            dt, losses, model = train(initial, None)
            seconds[name].append(dt)
            results[name] = (losses, model)

    rows = [summary(name, samples, s) for name, s in seconds.items()]
    for row in rows:
        print(f"  {row['name']:26s} {row['median']:10,.0f} samples/s median   {row['best']:10,.0f} best")

    ratios = {}
    if "torch" in seconds:
        torch_row = next(r for r in rows if r["name"] == "torch")
        for row in rows:
            if row["name"].startswith("engine"):
                best = row["best"] / torch_row["best"]
                median = row["median"] / torch_row["median"]
                ok = "meets" if best >= case.target else "MISSES"
                ratios[row["name"]] = best
                print(f"  ratio {row['name']}/torch: {best:.2f} (best rounds; medians give {median:.2f}); "
                      f"target >= {case.target}: {ok}")

        # Same math: first-step loss, then test loss/accuracy after the pass.
        e_losses, e_net = results["engine"]
        t_losses, t_model = results["torch"]
        e_loss, e_acc = test_metrics_engine(e_net, x_test, labels_test, case)
        t_loss, t_acc = test_metrics_torch(t_model, x_test, labels_test, case, initial.loss)
        first = abs(e_losses[0] - t_losses[0]) / abs(t_losses[0])
        same = first < 1e-4 and abs(e_acc - t_acc) < 0.01 and abs(e_loss - t_loss) < 0.05 * t_loss
        print(f"  sanity: first-step loss engine {e_losses[0]:.6f} torch {t_losses[0]:.6f}; after the pass "
              f"test loss {e_loss:.4f} vs {t_loss:.4f}, accuracy {e_acc:.4f} vs {t_acc:.4f} "
              f"-> {'same math' if same else 'MISMATCH'}")
    return {"case": case.key, "rows": rows, "ratios": ratios}


def contenders() -> dict:
    """name -> factory(case, batches, torch_batches) -> train(initial, n_steps) -> (s, losses, model)."""
    c = {"engine": lambda case, b, tb: lambda net, n: train_engine(net, case, b, n)}
    if torch is not None:
        def one_thread(case, b, tb):
            def train(net, n):
                default = torch.get_num_threads()
                torch.set_num_threads(1)
                try:
                    return train_torch(net, case, tb, n)
                finally:
                    torch.set_num_threads(default)
            return train

        c["torch"] = lambda case, b, tb: lambda net, n: train_torch(net, case, tb, n)
        c["torch (1 thread)"] = one_thread
    return c


def smoke_data_dir(data_dir: Path) -> Path:
    """data_dir if it holds MNIST, else (smoke runs only) the bundled 5,000-image subset."""
    from nnviz.data.bundled import bundled_mnist_dir
    from nnviz.data.mnist_files import mnist_status

    if mnist_status(data_dir).complete:
        return data_dir
    print(f"no MNIST in {data_dir}: the smoke run uses the bundled subset")
    return bundled_mnist_dir()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, help="alternating timed passes per contender (default 5; smoke 1)")
    parser.add_argument("--cases", help="comma-separated subset of a, b, c and d (d: the mnist-fast network "
                                        "with Adam); default a,b,c (smoke: all four)")
    parser.add_argument("--samples", type=int, help="samples per pass in every case (default: each case's own; "
                                                    f"smoke {SMOKE_SAMPLES})")
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("NNVIZ_DATA_DIR", DEFAULT_DATA_DIR)))
    parser.add_argument("--smoke", action="store_true",
                        help="tiny sizes (every case, one round, a few hundred samples): checks that the script "
                             "runs, in seconds; its numbers measure nothing")
    args = parser.parse_args(argv)
    if args.smoke:
        args.rounds = args.rounds or 1
        args.cases = args.cases or "a,b,c,d"
        args.samples = args.samples or SMOKE_SAMPLES
        args.data_dir = smoke_data_dir(args.data_dir)
        print("smoke run: tiny sizes, the numbers below measure nothing")
    args.rounds = args.rounds or 5
    args.cases = args.cases or "a,b,c"

    print("Engine vs PyTorch CPU, float32, one pass over real MNIST per round")
    if torch is None:
        print("PyTorch is not installed: timing the engine only, no comparison. To compare, run this "
              "script from a venv with nnviz and `pip install torch==2.13.0` (see tests/bench/README.md).")
    print("Thread settings (engine = NumPy's BLAS):")
    print(thread_settings())
    print(f"load average before: {os.getloadavg()[0]:.2f} (other work on this machine skews timings)")
    for key in args.cases.split(","):
        case = CASES[key.strip()]
        if args.samples is not None:
            case = replace(case, samples=args.samples)
        run_case(case, args.rounds, args.data_dir, contenders())
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
