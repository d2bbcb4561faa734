"""The pieces of code an exported script is made of (see export_python.py, which picks and fills them).

Each piece is written the way the curriculum writes its networks ("Make Your Own Neural Network",
the gender example): plain NumPy, one function per idea, comments a student can follow. Every
expression does the same floating-point operations, in the same order, as nnviz's engine
(nnviz/engine), so the script's float32 numbers are the app's, not merely close to them: e.g.
`grad_a * a * (1.0 - a)`, not `grad_a * (a * (1.0 - a))`, which rounds differently.
"""

from __future__ import annotations

#: Each activation: its forward function and its backward pass (dL/dz from dL/da).
ACTIVATIONS = {
    "sigmoid": '''
def sigmoid(z):
    """The logistic function 1 / (1 + e^-z). e^-z is capped at e^88 (near the largest float32),
    so a very negative z gives 0 instead of an overflow warning."""
    return 1.0 / (1.0 + np.exp(np.minimum(-z, 88.0)))


def sigmoid_backward(z, a, grad_a):
    """dL/dz from dL/da: the sigmoid's slope is a (1 - a)."""
    return grad_a * a * (1.0 - a)
''',
    "tanh": '''
def tanh(z):
    return np.tanh(z)


def tanh_backward(z, a, grad_a):
    """dL/dz from dL/da: tanh's slope is 1 - a^2."""
    return grad_a * (1.0 - a * a)
''',
    "relu": '''
def relu(z):
    """max(0, z)."""
    return np.clip(z, 0.0, np.inf)


def relu_backward(z, a, grad_a):
    """dL/dz from dL/da: ReLU's slope is 1 where z > 0, else 0."""
    return grad_a * (z > 0)
''',
    "leaky_relu": '''
def leaky_relu(z):
    """z where z > 0, else 0.01 z."""
    return np.where(z > 0, z, z * 0.01)


def leaky_relu_backward(z, a, grad_a):
    """dL/dz from dL/da: the slope is 1 where z > 0, else 0.01."""
    return np.where(z > 0, grad_a, grad_a * 0.01)
''',
    "identity": '''
def identity(z):
    """The output is the weighted input itself (regression: any real number)."""
    return z


def identity_backward(z, a, grad_a):
    return grad_a
''',
    "softmax": '''
def softmax(z):
    """e^z / sum(e^z) per row: outputs that are positive and sum to 1, one probability per class.
    Subtracting each row's largest z first changes nothing but keeps e^z from overflowing."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_backward(z, a, grad_a):
    """dL/dz from dL/da. Softmax couples a row's outputs (each z moves every a):
    a (g - <g, a>)."""
    return a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))
''',
}

#: Each loss: its value (mean over the batch) and, unless it is fused with the output, dL/da.
LOSSES = {
    "mse": '''
def loss(a, y):
    """Squared error: the sum of (a - y)^2 over the outputs, averaged over the batch.
    (np.vdot(d, d) is the sum of every d^2.)"""
    d = a - y
    return float(np.vdot(d, d) / len(a))


def loss_gradient(a, y):
    """dL/da of the squared error: 2 (a - y), averaged over the batch."""
    return (a - y) * (2.0 / len(a))
''',
    "bce": '''
def loss(a, y):
    """Binary cross-entropy: -[y log a + (1 - y) log(1 - a)], summed over the outputs and averaged
    over the batch. a is kept within [1e-7, 1 - 1e-7] so that log never sees 0."""
    a = np.clip(a, 1e-7, 1.0 - 1e-7)
    return float(-np.sum(y * np.log(a) + (1.0 - y) * np.log(1.0 - a)) / len(a))
''',
    "ce": '''
def loss(a, y):
    """Cross-entropy: -sum(y log a) over the outputs, averaged over the batch (a >= 1e-7 so that
    log never sees 0)."""
    return float(-np.sum(y * np.log(np.maximum(a, 1e-7))) / len(a))
''',
}

#: dL/da for a cross-entropy loss whose output activation does not cancel against it.
UNFUSED_GRADIENTS = {
    "bce": '''

def loss_gradient(a, y):
    """dL/da of the binary cross-entropy, averaged over the batch."""
    a = np.clip(a, 1e-7, 1.0 - 1e-7)
    return (a - y) / (a * (1.0 - a)) / len(a)
''',
    "ce": '''

def loss_gradient(a, y):
    """dL/da of the cross-entropy, averaged over the batch."""
    return -y / np.maximum(a, 1e-7) / len(a)
''',
}

FUSED_DELTA = '''\
        # The output layer's error term delta = dL/dz. With a {output} output and
        # {loss_name} the activation's slope cancels against the loss's, leaving simply
        # (a - y), averaged over the batch.
        delta = (activations[-1] - y) / len(y)
'''

CHAINED_DELTA = '''\
        # The output layer's error term delta = dL/dz: the loss's dL/da through the output's slope.
        delta = {output}_backward(zs[-1], activations[-1], loss_gradient(activations[-1], y))
'''

NETWORK = '''

class Network:
    """A fully connected network. Layer l has weights W[l] of shape (n_out, n_in), one row per
    neuron, and biases b[l] of shape (n_out,). Samples are rows: a batch x has shape
    (batch, n_in)."""

    def __init__(self, weights, biases):
        self.W = [np.array(W, dtype=np.float32) for W in weights]
        self.b = [np.array(b, dtype=np.float32) for b in biases]
        # Each layer's activation and its backward pass, the output layer's last.
        self.f = [{forward}]
        self.f_backward = [{backward}]
{optimizer_state}
    def forward(self, x):
        """Run the batch x through every layer. Returns every layer's weighted input z and its
        activation a = f(z); activations[0] is x itself."""
        zs, activations = [], [x]
        for W, b, f in zip(self.W, self.b, self.f):
            z = np.dot(activations[-1], W.T) + b
            zs.append(z)
            activations.append(f(z))
        return zs, activations

    def backward(self, zs, activations, y):
        """Back-propagation: dL/dW and dL/db of every layer for targets y (batch, n_out).
        delta is a layer's dL/dz, shape (batch, n_out); it flows back through the weights."""
        n = len(self.W)
        grad_W, grad_b = [None] * n, [None] * n
{output_delta}        for l in reversed(range(n)):
            grad_W[l] = np.dot(delta.T, activations[l]){l2}
            grad_b[l] = delta.sum(axis=0)
            if l > 0:
                # Back through W[l] to the layer below, then through that layer's slope.
                delta = self.f_backward[l - 1](zs[l - 1], activations[l], np.dot(delta, self.W[l]))
        return grad_W, grad_b
{update}
    def step(self, x, y):
        """One step of gradient descent on the batch (x, y); returns its loss before the update."""
        zs, activations = self.forward(x)
        loss_value = loss(activations[-1], y)
        grad_W, grad_b = self.backward(zs, activations, y)
        self.update(grad_W, grad_b)
        return loss_value

    def train(self, x, y, x_test, labels_test, epochs, steps=None):
        """Train on samples x with targets y. Every epoch shuffles the samples, cuts them into
        batches and takes one step per batch; after it, the network is tested on (x_test,
        labels_test). With `steps`, stop after that many steps, printing the loss of each."""
        rng = np.random.default_rng(SEED)
{batch_size}        step, epoch = 0, 0
        while epochs is None or epoch < epochs:  # epochs None: until you stop it (Ctrl+C)
            epoch += 1
            order = rng.permutation(len(x))
            loss_sum = 0.0
            for start in range(0, len(x), batch_size):
                batch = order[start:start + batch_size]
{augment_batch}                loss_value = self.step({x_batch}, y[batch])
                step += 1
                if not math.isfinite(loss_value):
                    print(f"Diverged: the loss became {{loss_value}} at step {{step}}. "
                          "Lower the learning rate.")
                    return
                if steps is not None:
                    print(f"step {{step}}: loss {{loss_value:.9f}}")
                    if step == steps:
                        return
                loss_sum += loss_value * len(batch)
            if epoch % PRINT_EVERY == 0 or epoch == epochs:
{epoch_report}
    def predict(self, x):
        """The network's outputs for samples x, shape (n, n_out)."""
        return self.forward(x)[1][-1]
'''

STATE = {
    "sgd": "",
    "momentum": '''\
        # Momentum: each parameter's velocity, a running sum of its past steps.
        self.velocity = [np.zeros_like(p) for p in self.W + self.b]
''',
    "adam": '''\
        # Adam: running averages of each parameter's gradients (m) and squared gradients (v).
        self.m = [np.zeros_like(p) for p in self.W + self.b]
        self.v = [np.zeros_like(p) for p in self.W + self.b]
        self.t = 0  # steps taken
''',
}

UPDATES = {
    "sgd": '''
    def update(self, grad_W, grad_b):
        """Gradient descent: move every parameter a step against its gradient."""
        for p, g in zip(self.W + self.b, grad_W + grad_b):
            p -= LEARNING_RATE * g
''',
    "momentum": '''
    def update(self, grad_W, grad_b):
        """Gradient descent with momentum: v <- momentum * v - learning rate * g; p <- p + v."""
        for p, g, v in zip(self.W + self.b, grad_W + grad_b, self.velocity):
            v *= MOMENTUM
            v -= LEARNING_RATE * g
            p += v
''',
    "adam": '''
    def update(self, grad_W, grad_b):
        """Adam (Kingma & Ba, 2015): each parameter steps by its average gradient m over the root
        of its average squared gradient v, both corrected for starting at zero."""
        self.t += 1
        step_size = LEARNING_RATE / (1.0 - BETA1**self.t)
        v_scale = 1.0 / math.sqrt(1.0 - BETA2**self.t)
        for p, g, m, v in zip(self.W + self.b, grad_W + grad_b, self.m, self.v):
            m *= BETA1
            m += g * (1.0 - BETA1)
            v *= BETA2
            v += g * g * (1.0 - BETA2)
            p -= m / (np.sqrt(v) * v_scale + EPSILON) * step_size
''',
}

CLASSIFICATION_REPORT = '''\
                test_loss, accuracy = self.evaluate(x_test, labels_test)
                print(f"epoch {epoch}: train loss {loss_sum / len(x):.6f}, "
                      f"test loss {test_loss:.6f}, test accuracy {100 * accuracy:.2f} %")
'''

REGRESSION_REPORT = '''\
                test_loss, r2, rmse = self.evaluate(x_test, labels_test)
                print(f"epoch {epoch}: train loss {loss_sum / len(x):.6f}, "
                      f"test loss {test_loss:.6f}, test R² {r2:.4f}, RMSE {rmse:.4g}")
'''

CLASSIFY = {
    "single": '''
    def evaluate(self, x, labels):
        """Loss and accuracy on samples x with class labels: the single output says class 1 when it
        is nearer ON than OFF."""
        outputs = self.predict(x)
        predicted = (outputs[:, 0] > (OFF + ON) / 2).astype(np.int64)
        return loss(outputs, encode(labels)), np.mean(predicted == labels)
''',
    "multi": '''
    def evaluate(self, x, labels):
        """Loss and accuracy on samples x with class labels: the largest output names the class."""
        outputs = self.predict(x)
        return loss(outputs, encode(labels)), np.mean(outputs.argmax(axis=1) == labels)
''',
    "regression": '''
    def evaluate(self, x, targets):
        """Loss, R² (the share of the targets' variance the network explains) and the root mean
        squared error{rmse_units} on samples x with targets."""
        outputs = self.predict(x)
        residuals = targets.astype(np.float64) - outputs[:, 0]
        spread = np.sum((targets - targets.mean(dtype=np.float64)) ** 2)
        r2 = 1.0 - np.sum(residuals**2) / spread if spread > 0 else float(np.all(residuals == 0))
        rmse = np.sqrt(np.mean(residuals**2)){rmse_scale}
        return loss(outputs, targets[:, None]), r2, rmse
''',
}

ENCODE = {
    "single": '''

def encode(labels):
    """The target output for each class label: ON for class 1, OFF for class 0, shape (n, 1)."""
    return np.where(labels[:, None] == 1, ON, OFF).astype(np.float32)
''',
    "multi": '''

def encode(labels):
    """The target outputs for each class label: ON at the label's output, OFF at the others."""
    y = np.full((len(labels), N_CLASSES), OFF, dtype=np.float32)
    y[np.arange(len(labels)), labels] = ON
    return y
''',
}

AUGMENT = '''

def augment(x, rng):
    """A copy of the batch of 28x28 images x in which about half of the images are distorted a
    little, as a different hand would draw them: rotated by up to 10 degrees, scaled by 0.92 to
    1.08, slanted (shear up to 0.15) and moved by up to 1.5 pixels each way."""
    x = x.copy()
    chosen = np.flatnonzero(rng.random(len(x)) < 0.5)
    n = len(chosen)
    angle = np.deg2rad(rng.uniform(-10.0, 10.0, n))
    scale = rng.uniform(0.92, 1.08, n)
    shear = rng.uniform(-0.15, 0.15, n)
    shift = rng.uniform(-1.5, 1.5, (n, 2))
    # Each image's map A = scale * rotation @ shear, in (row, column) coordinates about the centre.
    cos, sin = np.cos(angle), np.sin(angle)
    A = np.empty((n, 2, 2))
    A[:, 0, 0] = scale * (cos - sin * shear)
    A[:, 0, 1] = -scale * sin
    A[:, 1, 0] = scale * (sin + cos * shear)
    A[:, 1, 1] = scale * cos
    # Each output pixel p takes its value from where the inverse map sends it:
    # source = A^-1 (p - centre - shift) + centre. The images get a border of zeros (one pixel
    # before, two after), so a source outside the image reads 0; +1 moves into the padded frame.
    inverse = np.linalg.inv(A)
    centre = np.array([13.5, 13.5])
    maps = np.empty((n, 2, 3), dtype=np.float32)
    maps[:, :, :2] = inverse
    maps[:, :, 2] = centre + 1.0 - np.einsum("bij,bj->bi", inverse, centre + shift)
    rows, cols = np.divmod(np.arange(784), 28)
    pixels = np.stack([rows, cols, np.ones(784)]).astype(np.float32)  # [row, col, 1] of each pixel
    source = np.matmul(maps.transpose(1, 0, 2).reshape(2 * n, 3), pixels).reshape(2, n, 784)
    source[0] = np.clip(source[0], 0, 29)
    source[1] = np.clip(source[1], 0, 29)
    corner = np.floor(source)  # the top-left of the four pixels around each source point
    fr, fc = (source - corner).astype(np.float32)  # how far past it, down and right
    padded = np.zeros((n, 31, 31), dtype=np.float32)
    padded[:, 1:29, 1:29] = x[chosen].reshape(n, 28, 28)
    image = np.arange(n)[:, None]
    r, c = corner.astype(np.intp)
    top = padded[image, r, c] + (padded[image, r, c + 1] - padded[image, r, c]) * fc
    bottom = padded[image, r + 1, c] + (padded[image, r + 1, c + 1] - padded[image, r + 1, c]) * fc
    x[chosen] = top + (bottom - top) * fr  # bilinear: between the two rows' interpolations
    return x
'''

READ_IDX = '''

def read_idx(folder, name):
    """One of MNIST's IDX files, gzipped as distributed (name.gz) or not: a 4-byte magic number
    whose last byte is the number of dimensions, a 4-byte big-endian size for each, then the
    bytes."""
    path = os.path.join(folder, name + ".gz")
    opened = gzip.open(path) if os.path.exists(path) else open(os.path.join(folder, name), "rb")
    with opened as f:
        data = f.read()
    n_dims = data[3]
    shape = struct.unpack(f">{{n_dims}}I", data[4:4 + 4 * n_dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * n_dims).reshape(shape)


def load_data(folder):
    """MNIST's 60,000 training and 10,000 test digits (see scale) and their labels 0..9."""
    names = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
             "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
    missing = [name for name in names
               if not any(os.path.exists(os.path.join(folder, name + end)) for end in (".gz", ""))]
    if missing:
        raise SystemExit(f"MNIST is not in {{folder}} (missing {{', '.join(missing)}}): download "
                         "the four .gz files (https://ossci-datasets.s3.amazonaws.com/mnist/) or "
                         "run `nnviz data mnist`, and give their folder with --data")
    x_train, labels_train, x_test, labels_test = (read_idx(folder, name) for name in names)
    return (scale(x_train), labels_train.astype(np.int64),
            scale(x_test), labels_test.astype(np.int64))


def scale(images):
    """Images of 0..255 pixels as rows of network inputs,
    {scaling_words}."""
    return images.reshape(len(images), -1).astype(np.float32){scaling_code}
'''

BASE64 = '''

def unpack(text, shape):
    """Numbers nnviz wrote as base64 (float32, little-endian), as an array of `shape`."""
    return np.frombuffer(base64.b64decode(text), dtype="<f4").reshape(shape)
'''

CSV_NUMBER = '''

def number(cell):
    return float(cell)
'''

CSV_NUMBER_DECIMAL_COMMA = '''

def number(cell):
    """A cell as a number; a decimal comma (1,5) reads as a point (1.5)."""
    return float(cell.replace(",", "."))
'''

CSV_CLASS_NUMBER = '''

def class_of(cell):
    """The class index of a label: its place in CLASS_NAMES (whole numbers written without .0)."""
    value = number(cell)
    return CLASS_NAMES.index(str(int(value)) if value.is_integer() else f"{value:g}")
'''

CSV_CLASS_TEXT = '''

def class_of(cell):
    """The class index of a label: its place in CLASS_NAMES."""
    return CLASS_NAMES.index(cell)
'''

CSV_LOAD = '''

def load_data(path):
    """The samples in the CSV file at `path`: a header row, then one sample per row, its
    {what} in column LABEL_COLUMN. The rows are shuffled with SPLIT_SEED; the first
    TRAIN_SHARE of them train, the rest test.{standardised}"""
    with open(path, encoding=ENCODING, newline="") as f:
        rows = [[cell.strip() for cell in row] for row in csv.reader(f, delimiter=DELIMITER)]
    rows = [row for row in rows if any(row)][1:]  # without blank rows, and without the header
    features = [j for j in range(N_COLUMNS) if j != LABEL_COLUMN]
    x = np.array([[number(row[j]) for j in features] for row in rows])
    labels = np.array([{label} for row in rows])
{steps}    x = x.astype(np.float32)
    order = np.random.default_rng(SPLIT_SEED).permutation(len(rows))
    n_train = min(max(round(len(rows) * TRAIN_SHARE), 1), len(rows) - 1)  # at least one row each
    train, test = order[:n_train], order[n_train:]
    return x[train], labels[train], x[test], labels[test]
'''
