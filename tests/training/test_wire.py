"""Messages from the trainer to the window: what goes in comes out, arrays read-only, out of band."""

import multiprocessing
import threading

import numpy as np
import pytest

from nnviz.training.wire import pack, receive, send


@pytest.fixture
def pipe():
    a, b = multiprocessing.Pipe()
    yield a, b
    a.close()
    b.close()


def test_a_message_with_arrays_arrives_whole_and_read_only(pipe):
    sender, reader = pipe
    W = np.arange(120_000, dtype=np.float32).reshape(300, 400)
    message = ("snapshot", {"W": W, "F": np.asfortranarray(W.astype(np.float64)), "every_other": W[:, ::2],
                            "scalar": np.float64(2.5), "names": ("a", "b")}, 7)
    writer = threading.Thread(target=send, args=(sender, pack(message)))  # more than a pipe holds
    writer.start()
    kind, payload, n = receive(reader)
    writer.join()
    assert (kind, n, payload["names"], payload["scalar"]) == ("snapshot", 7, ("a", "b"), 2.5)
    for key, expected in (("W", W), ("F", W), ("every_other", W[:, ::2])):
        assert np.array_equal(payload[key], expected) and payload[key].shape == expected.shape
    # A snapshot's arrays (contiguous copies) stay immutable in the window too.
    assert not payload["W"].flags.writeable and not payload["F"].flags.writeable
    assert len(pack(message)) == 3  # W and F out of band; the strided view is copied into the pickle
    assert payload["W"].dtype == np.float32 and payload["F"].flags.f_contiguous


def test_big_arrays_travel_as_their_own_frames_and_small_ones_inside_the_pickle():
    big, small = np.zeros(100_000), np.zeros(10)
    head, *buffers = pack(("snapshot", big, small, big + 1))
    assert len(buffers) == 2 and len(head) < 1_000
    assert [memoryview(b).nbytes for b in buffers] == [big.nbytes, big.nbytes]


def test_messages_without_arrays_are_one_frame(pipe):
    sender, reader = pipe
    frames = pack(("failed", "Nothing to train yet."))
    assert len(frames) == 1
    send(sender, frames)
    assert receive(reader) == ("failed", "Nothing to train yet.")
