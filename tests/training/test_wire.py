"""Messages from the trainer to the window: what goes in comes out, arrays read-only, out of band."""

import multiprocessing
import threading

import numpy as np
import pytest

from nnviz.training.wire import Writer, pack, receive, send, socket_of


@pytest.fixture
def pipe():
    a, b = multiprocessing.Pipe()
    yield a, b
    a.close()
    b.close()


@pytest.mark.parametrize("whole_frames", [False, True], ids=["recv_bytes", "socket"])
def test_a_message_with_arrays_arrives_whole_and_read_only(pipe, whole_frames, request):
    sender, reader = pipe
    sock = socket_of(reader) if whole_frames else None
    if sock is not None:
        request.addfinalizer(sock.close)
    W = np.arange(120_000, dtype=np.float32).reshape(300, 400)
    message = ("snapshot", {"W": W, "F": np.asfortranarray(W.astype(np.float64)), "every_other": W[:, ::2],
                            "scalar": np.float64(2.5), "names": ("a", "b")}, 7)
    writer = threading.Thread(target=send, args=(sender, pack(message)))  # more than a pipe holds
    writer.start()
    kind, payload, n = receive(reader, sock)
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


def test_the_writer_never_waits_for_the_reader_and_keeps_the_order(pipe):
    """A message too big for the socket goes out in the background; the next ones wait behind it, so
    the reader gets everything in order, whole, once it reads."""
    sender, reader = pipe
    writer = Writer(sender)
    big = np.arange(1_500_000, dtype=np.float32)  # 6 MB: far more than a socket holds
    writer.post(pack(("state", "playing")))
    writer.post(pack(("snapshot", big)))  # returns although nobody reads yet
    writer.post(pack(("message", "after the snapshot")))
    assert receive(reader) == ("state", "playing")
    kind, arrived = receive(reader)
    assert kind == "snapshot" and np.array_equal(arrived, big)
    assert receive(reader) == ("message", "after the snapshot")
    for k in range(200):  # small ones, each taken at once by the socket
        writer.post(pack(("step", k, np.full(3, k))))
    for k in range(200):
        kind, n, values = receive(reader)
        assert (kind, n) == ("step", k) and values.tolist() == [k] * 3
    writer.close()
    assert writer.failed is None


def test_the_writer_notes_a_reader_gone_and_writes_nothing_more(pipe):
    sender, reader = pipe
    writer = Writer(sender)
    reader.close()
    for _ in range(3):  # the first write may still succeed: the failure shows on one of the next
        writer.post(pack(("snapshot", np.zeros(300_000))))
    writer.close()
    failure = writer.failed
    assert isinstance(failure, OSError)
    writer.post(pack(("state", "paused")))  # quietly nothing: no exception, no new failure
    assert writer.failed is failure
