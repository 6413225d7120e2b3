"""How the command line reads standard input and writes standard output and standard error,
tested in this process (so `make mutate` sees it) with small fake streams in place of the real ones.

What a user would notice if each behaviour broke:

- stdin (`_Input.json`): answers piped in would be refused or misread; a file saved with a
  byte-order mark (Windows Notepad) would be "not JSON"; a file one byte under the limit would be
  refused, or a huge one read whole; a bad byte would be reported at the wrong place, so the user
  looks in the wrong spot; a closed, empty or unreadable stdin would end in a traceback instead of
  one `error:` line.
- stderr (`_say`): an error line would come out in the locale's encoding (mojibake or a crash on
  an ASCII terminal), would not appear before the exit, or a closed stderr would turn a plain
  error into a traceback.
- stdout (`_write`): the result would be written in the locale's encoding (a crash on "£" under
  LANG=C); `| head` would print "BrokenPipeError" and exit 1 instead of ending quietly with 0; a
  full disk or a closed stdout would exit 0 as if the result had been written, or with a traceback.
- `main`: --help would exit 2; a usage error would print argparse's usage block instead of one
  `error:` line, or exit with another status; a full disk under --help would go unreported;
  `score` with nothing but a pipe would not read the pipe; JSON would show "\\u20ac" in place
  of "€", lose its indentation or its final newline; each command would print the wrong part of the
  API's reply (keys missing or added).

The `os.dup2` calculator.cli calls is wrapped for every test: `_silence_stdout` may only point a
temporary file's descriptor at /dev/null, never the real process's stdout (it raises otherwise).
"""

from __future__ import annotations

import errno
import io
import json
import os
import sys
from types import SimpleNamespace
from typing import Any

import pytest

from calculator import cli
from calculator.addresses import DEFAULT_SITE_URL
from calculator.api import handle
from calculator.errors import CalculatorError, clean_line

# ---------------------------------------------------------------------------------------------
# Fake streams


class _Fake:
    """What both fake streams share: their data, the sizes asked of read, how often they were
    flushed; `fail` is raised by read and write."""

    def __init__(self, data: Any, fail: BaseException | None) -> None:
        self.data, self.fail = data, fail
        self.sizes: list[int] = []
        self.flushes = 0

    def read(self, size: int = -1) -> Any:
        self.sizes.append(size)
        self._fail()
        return self.data if size < 0 else self.data[:size]

    def flush(self) -> None:
        self.flushes += 1

    def _fail(self) -> None:
        if self.fail is not None:
            raise self.fail


class Bytes(_Fake):
    """A binary stream (like sys.stdin.buffer / sys.stdout.buffer); `written` holds its bytes."""

    def __init__(self, data: bytes = b"", fail: BaseException | None = None) -> None:
        super().__init__(data, fail)
        self.written = b""

    def write(self, data: bytes) -> int:
        self._fail()
        assert isinstance(data, bytes), data
        self.written += data
        return len(data)


class TextOnly(_Fake):
    """A text stream with no `.buffer` (like io.StringIO); `text` holds what was written, `fd` is
    what fileno() returns."""

    def __init__(self, text: str = "", fail: BaseException | None = None, fd: int | None = None) -> None:
        super().__init__(text, fail)
        self.fd = fd
        self.text = ""

    def write(self, text: str) -> int:
        self._fail()
        assert isinstance(text, str), text
        self.text += text
        return len(text)

    def fileno(self) -> int:
        if self.fd is None:
            raise io.UnsupportedOperation("fileno")
        return self.fd


class Console(TextOnly):
    """A text stream over a binary one, as sys.stdin, sys.stdout and sys.stderr are."""

    def __init__(self, buffer: Bytes, fd: int | None = None) -> None:
        super().__init__(fd=fd)
        self.buffer = buffer

    def write(self, text: str) -> int:
        raise AssertionError(f"wrote text {text!r} to a stream that has a .buffer")


# ---------------------------------------------------------------------------------------------
# Fixtures


class GuardedOs:
    """The os module as calculator.cli sees it in these tests: dup2 replaced, and every
    descriptor os.open gives out and os.close takes back recorded."""

    def __init__(self, dup2: Any) -> None:
        self.dup2 = dup2
        self.opened: list[int] = []
        self.closed: list[int] = []

    def open(self, *args: Any, **kwargs: Any) -> int:
        fd = os.open(*args, **kwargs)
        self.opened.append(fd)
        return fd

    def close(self, fd: int) -> None:
        self.closed.append(fd)
        os.close(fd)

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)


@pytest.fixture(autouse=True)
def dup2_guard(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Wraps cli's os.dup2 for every test (pytest's own capture keeps the real one): it may only
    land on a descriptor in `allowed` (a test's temporary file); each target is recorded."""
    guard = SimpleNamespace(allowed=[], targets=[])
    real_dup2 = os.dup2

    def dup2(fd: int, fd2: int, *args: Any, **kwargs: Any) -> int:
        if fd2 not in guard.allowed:
            raise AssertionError(f"os.dup2 onto descriptor {fd2}, which is not a test's temporary file")
        guard.targets.append(fd2)
        return real_dup2(fd, fd2, *args, **kwargs)

    guarded = GuardedOs(dup2)
    monkeypatch.setattr(cli, "os", guarded)
    yield guard
    # _silence_stdout closes the /dev/null descriptor it opens (it would leak one per call).
    assert guarded.closed == guarded.opened


@pytest.fixture
def stdout_file(tmp_path: Any, dup2_guard: Any) -> Any:
    """A temporary file, already holding b"before\\n", whose descriptor a fake stdout's fileno() returns."""
    path = tmp_path / "stdout"
    file = open(path, "wb", buffering=0)
    dup2_guard.allowed.append(file.fileno())
    os.write(file.fileno(), b"before\n")
    yield SimpleNamespace(path=path, fd=file.fileno(), targets=dup2_guard.targets)
    file.close()


def assert_silenced(stdout_file: Any) -> None:
    """_silence_stdout pointed the temp file's descriptor at /dev/null: it receives nothing more."""
    assert stdout_file.targets == [stdout_file.fd]
    os.write(stdout_file.fd, b"after\n")
    assert stdout_file.path.read_bytes() == b"before\n"


def assert_not_silenced(stdout_file: Any) -> None:
    """Nothing was pointed at /dev/null: the temp file still receives what is written to it."""
    assert stdout_file.targets == []
    os.write(stdout_file.fd, b"after\n")
    assert stdout_file.path.read_bytes() == b"before\n" + b"after\n"


# pytest puts its own sys.stdout and sys.stderr back when a test's body starts, so the fakes
# are installed by the test itself, not by a fixture.

def fake_stderr(monkeypatch: pytest.MonkeyPatch) -> Console:
    """A fake sys.stderr with a .buffer; `said(err)` is what was written to it."""
    stream = Console(Bytes())
    monkeypatch.setattr(sys, "stderr", stream)
    return stream


def said(stream: Console) -> str:
    return stream.buffer.written.decode("utf-8")


def read_error(stream: Any, what: str = "the answers") -> str:
    with pytest.raises(CalculatorError) as caught:
        cli._Input(stream).json(what)
    return caught.value.message


# ---------------------------------------------------------------------------------------------
# 1. _Input.json: standard input


@pytest.mark.parametrize("make", [lambda b: Console(Bytes(b)), lambda b: TextOnly(b.decode("utf-8"))],
                         ids=["bytes-buffer", "text-only"])
def test_input_reads_json_with_or_without_a_byte_order_mark(make: Any) -> None:
    """JSON is read from .buffer or, without one, from the text stream; a UTF-8 BOM is skipped."""
    plain = make(b'{"direction": "us", "name": "\xc3\xa9t\xc3\xa9"}')
    assert cli._Input(plain).json("the answers") == {"direction": "us", "name": "été"}
    bom = make(b'\xef\xbb\xbf{"direction": "us"}')
    assert cli._Input(bom).json("the answers") == {"direction": "us"}


def test_input_asks_for_one_byte_more_than_the_limit() -> None:
    """read is called once, for MAX_INPUT_BYTES + 1, on .buffer when there is one."""
    binary = Console(Bytes(b"[1]"))
    assert cli._Input(binary).json("x") == [1]
    assert binary.buffer.sizes == [cli.MAX_INPUT_BYTES + 1] == [10_000_001] and binary.sizes == []
    text = TextOnly("[2]")
    assert cli._Input(text).json("x") == [2]
    assert text.sizes == [10_000_001]


@pytest.mark.parametrize("make", [lambda b: Console(Bytes(b)), lambda b: TextOnly(b.decode("ascii"))],
                         ids=["bytes-buffer", "text-only"])
def test_input_of_exactly_the_limit_passes_and_one_byte_more_is_refused(make: Any,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """With a limit of 20 bytes, 20 bytes are read as JSON and 21 are refused by size."""
    monkeypatch.setattr(cli, "MAX_INPUT_BYTES", 20)
    exactly = make(b'"' + b"a" * 18 + b'"')
    assert cli._Input(exactly).json("the answers") == "a" * 18
    sizes = exactly.buffer.sizes if hasattr(exactly, "buffer") else exactly.sizes
    assert sizes == [21]
    assert read_error(make(b'"' + b"a" * 19 + b'"')) == "standard input is larger than 20 bytes"
    assert read_error(make(b'"' + b"a" * 40 + b'"')) == "standard input is larger than 20 bytes"


def test_input_larger_than_the_real_limit_names_it_with_thousands_separators() -> None:
    """The default limit: 10,000,001 bytes are refused, and the message spells 10,000,000."""
    assert read_error(Console(Bytes(b"[" * 10_000_001))) == "standard input is larger than 10,000,000 bytes"


# Positions count the input's bytes, a byte-order mark included (the last case: byte 7).
@pytest.mark.parametrize("data, position", [(b"\xff{}", 1), (b'"abc\xff"', 5), (b'"ab\xc3"', 4),
                                            (b'\xef\xbb\xbf"ab\xff"', 7)])
def test_input_that_is_not_utf8_names_the_byte(data: bytes, position: int) -> None:
    """A byte that is not UTF-8 is reported with its 1-based position."""
    assert read_error(Console(Bytes(data))) == f"standard input is not UTF-8 text (byte {position})"


def test_text_input_with_an_escaped_byte_is_not_utf8() -> None:
    """A text stream decoded with surrogateescape hands "\\udcff" for byte 0xff: it is put back
    as that byte and reported as not UTF-8 at its position."""
    assert read_error(TextOnly('"ab\udcff"')) == "standard input is not UTF-8 text (byte 4)"
    assert read_error(TextOnly("\udcff")) == "standard input is not UTF-8 text (byte 1)"


def test_text_input_with_a_surrogate_no_byte_stands_for_names_the_character() -> None:
    """A text stream holding a lone surrogate that is not an escaped byte ("\\ud800") cannot be
    put back into bytes: one line naming the character's position, not a traceback."""
    assert read_error(TextOnly('"\ud800"')) == "standard input is not UTF-8 text (character 2)"


@pytest.mark.parametrize("failure, name", [(OSError(errno.EIO, "I/O error"), "OSError"),
                                           (ValueError("I/O operation on closed file"), "ValueError")])
@pytest.mark.parametrize("binary", [True, False], ids=["bytes-buffer", "text-only"])
def test_input_that_cannot_be_read_names_the_exception(failure: Exception, name: str, binary: bool) -> None:
    """An OSError or ValueError from read is one line naming the exception's class."""
    stream = Console(Bytes(fail=failure)) if binary else TextOnly(fail=failure)
    assert read_error(stream) == f"standard input could not be read ({name})"


def test_closed_and_empty_input_say_what_was_expected() -> None:
    """No stdin at all, empty or blank stdin, or only a BOM: the message names what was expected."""
    assert read_error(None) == "expected the answers on standard input, and it is closed"
    assert read_error(None, "the cost figures") == "expected the cost figures on standard input, and it is closed"
    for data in (b"", b" \n\t\r\n", b"\xef\xbb\xbf"):
        assert read_error(Console(Bytes(data))) == "expected the answers on standard input, and it is empty"
    assert read_error(TextOnly("  \n"), "the workstreams") == \
        "expected the workstreams on standard input, and it is empty"


def test_input_that_is_not_json_is_reported_by_line_and_column() -> None:
    """Text that is not JSON, too deep, or with a giant integer: one message each."""
    assert read_error(Console(Bytes(b"\n direction=us"))) == \
        "could not read the answers as JSON: Expecting value at line 2, column 2"
    assert read_error(Console(Bytes(b"[" * 100_000))) == "could not read the answers: it is nested too deeply"
    assert read_error(Console(Bytes(b"9" * 5000)), "the cost figures") == (
        "could not read the cost figures: it has a number with far more digits than any figure the calculator takes")


# ---------------------------------------------------------------------------------------------
# 2. _say: standard error

LINE = "error: \u00e9t\u00e9 \udcff \x1b[31m"


def test_say_writes_one_clean_utf8_line_to_the_buffer_and_flushes(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a .buffer: exactly clean_line(line) + newline as UTF-8 bytes, text layer flushed
    first, then the bytes flushed."""
    err = fake_stderr(monkeypatch)
    cli._say(LINE)
    expected = (clean_line(LINE) + "\n").encode("utf-8", "backslashreplace")
    assert err.buffer.written == expected == b"error: \xc3\xa9t\xc3\xa9 \\udcff \\x1b[31m\n"
    assert err.flushes == 1 and err.buffer.flushes == 1


def test_say_without_a_buffer_writes_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without .buffer: the same line, as text (UTF-8 decoded, so "é" stays one character)."""
    stream = TextOnly()
    monkeypatch.setattr(sys, "stderr", stream)
    cli._say(LINE)
    assert stream.text == "error: \u00e9t\u00e9 \\udcff \\x1b[31m\n"


def test_say_with_stderr_closed_or_failing_raises_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """sys.stderr None, or a write raising OSError or ValueError: nothing is raised."""
    monkeypatch.setattr(sys, "stderr", None)
    assert cli._say("error: x") is None
    for failure in (OSError(errno.EBADF, "Bad file descriptor"), ValueError("I/O operation on closed file")):
        broken = Console(Bytes(fail=failure))
        monkeypatch.setattr(sys, "stderr", broken)
        assert cli._say("error: x") is None
        text_only = TextOnly(fail=failure)
        monkeypatch.setattr(sys, "stderr", text_only)
        assert cli._say("error: x") is None


# ---------------------------------------------------------------------------------------------
# 3. _write: standard output

OUTPUT = "\u00e9t\u00e9 \udcff £\n"


def fake_stdout(monkeypatch: pytest.MonkeyPatch, stdout_file: Any) -> Console:
    """A fake sys.stdout with a .buffer, its fileno() a temporary file."""
    stream = Console(Bytes(), fd=stdout_file.fd)
    monkeypatch.setattr(sys, "stdout", stream)
    return stream


def test_write_puts_utf8_bytes_on_stdout_buffer(stdout_file: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The output goes to sys.stdout.buffer as UTF-8, a lone surrogate backslash-escaped; status 0."""
    out = fake_stdout(monkeypatch, stdout_file)
    err = fake_stderr(monkeypatch)
    assert cli._write(OUTPUT, None) == 0
    assert out.buffer.written == OUTPUT.encode("utf-8", "backslashreplace") == b"\xc3\xa9t\xc3\xa9 \\udcff \xc2\xa3\n"
    assert out.flushes == 1 and out.buffer.flushes == 1
    assert said(err) == ""
    assert_not_silenced(stdout_file)


def test_write_to_a_callers_stream_writes_the_text_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    """A caller's own stream gets the text as it is, and sys.stdout is not touched."""
    err = fake_stderr(monkeypatch)
    monkeypatch.setattr(sys, "stdout", None)
    stream = io.StringIO()
    assert cli._write(OUTPUT, stream) == 0
    assert stream.getvalue() == OUTPUT
    assert said(err) == ""


def test_write_with_stdout_closed_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """sys.stdout None: status 2 and one line on stderr."""
    err = fake_stderr(monkeypatch)
    monkeypatch.setattr(sys, "stdout", None)
    assert cli._write("x\n", None) == 2
    assert said(err) == "error: standard output is closed, so the result cannot be written\n"


def test_write_to_a_reader_that_stopped_ends_quietly(stdout_file: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """BrokenPipeError (| head): status 0, nothing said, stdout pointed at /dev/null."""
    out = fake_stdout(monkeypatch, stdout_file)
    err = fake_stderr(monkeypatch)
    out.buffer.fail = BrokenPipeError(errno.EPIPE, "Broken pipe")
    assert cli._write("x\n", None) == 0
    assert said(err) == ""
    assert_silenced(stdout_file)


def test_write_to_a_full_disk_says_why(stdout_file: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """OSError(ENOSPC): status 2, the OS's reason on stderr, stdout pointed at /dev/null."""
    out = fake_stdout(monkeypatch, stdout_file)
    err = fake_stderr(monkeypatch)
    out.buffer.fail = OSError(errno.ENOSPC, "disk full")
    assert cli._write("x\n", None) == 2
    reason = os.strerror(errno.ENOSPC)
    assert said(err) == f"error: the result could not be written to standard output ({reason})\n"
    assert said(err) == "error: the result could not be written to standard output (No space left on device)\n"
    assert_silenced(stdout_file)


@pytest.mark.parametrize("failure", [OSError("no errno"), ValueError("I/O operation on closed file")],
                         ids=["OSError-without-errno", "ValueError"])
def test_write_to_a_closed_stdout_says_it_is_closed(failure: Exception, stdout_file: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An OSError without errno, or a ValueError: status 2 and "(it is closed)"."""
    out = fake_stdout(monkeypatch, stdout_file)
    err = fake_stderr(monkeypatch)
    out.buffer.fail = failure
    assert cli._write("x\n", None) == 2
    assert said(err) == "error: the result could not be written to standard output (it is closed)\n"
    assert_silenced(stdout_file)


def test_silence_stdout_without_a_descriptor_raises_nothing(monkeypatch: pytest.MonkeyPatch,
                                                            dup2_guard: Any) -> None:
    """A stdout with no fileno (or none at all): _silence_stdout does nothing and raises nothing."""
    monkeypatch.setattr(sys, "stdout", TextOnly())
    cli._silence_stdout()
    monkeypatch.setattr(sys, "stdout", None)
    cli._silence_stdout()
    assert dup2_guard.targets == []


# ---------------------------------------------------------------------------------------------
# 4. main: help, usage errors, sys.stdin, JSON on sys.stdout


def test_help_exits_0(monkeypatch: pytest.MonkeyPatch) -> None:
    """--help prints the usage on stdout and returns 0."""
    err = fake_stderr(monkeypatch)
    stream = TextOnly()
    monkeypatch.setattr(sys, "stdout", stream)
    assert cli.main(["--help"]) == 0
    assert stream.text.startswith("usage: python -m calculator")
    assert "Which model fits: staff augmentation, managed services or BPO." in stream.text
    assert said(err) == ""


def test_a_usage_error_is_one_line_and_status_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unknown option: status 2, one "error: " line pointing at --help, nothing on stdout."""
    err = fake_stderr(monkeypatch)
    stream = io.StringIO()
    assert cli.main(["score", "--colour", "red"], stdin=io.StringIO(""), stdout=stream) == 2
    assert said(err) == "error: unrecognized arguments: --colour red (see: python -m calculator --help)\n"
    assert stream.getvalue() == ""
    assert cli.main([], stdin=io.StringIO(""), stdout=stream) == 2
    assert said(err).splitlines()[1] == \
        "error: the following arguments are required: command (see: python -m calculator --help)"


def test_system_exit_maps_to_0_or_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """A SystemExit from the parser with code 0 or None is status 0; any other code is status 2."""
    err = fake_stderr(monkeypatch)
    for code, status in ((0, 0), (None, 0), (1, 2), (2, 2)):
        def parse_args(argv: Any, code: Any = code) -> Any:
            raise SystemExit(code)
        monkeypatch.setattr(cli, "_parser", lambda parse_args=parse_args: SimpleNamespace(parse_args=parse_args))
        assert cli.main(["questions"], stdin=io.StringIO(""), stdout=io.StringIO()) == status, code
    assert said(err) == ""


def test_help_to_a_reader_that_stopped_exits_0(monkeypatch: pytest.MonkeyPatch, stdout_file: Any) -> None:
    """--help to a stdout whose write raises BrokenPipeError: status 0, nothing on stderr."""
    err = fake_stderr(monkeypatch)
    monkeypatch.setattr(sys, "stdout", TextOnly(fail=BrokenPipeError(errno.EPIPE, "Broken pipe"), fd=stdout_file.fd))
    assert cli.main(["--help"]) == 0
    assert said(err) == ""


def test_help_write_broken_pipe_reaching_main_ends_quietly(monkeypatch: pytest.MonkeyPatch,
                                                           stdout_file: Any) -> None:
    """A BrokenPipeError out of the help: status 0, nothing said, stdout pointed at /dev/null."""
    err = fake_stderr(monkeypatch)
    monkeypatch.setattr(sys, "stdout", TextOnly(fail=BrokenPipeError(errno.EPIPE, "Broken pipe"), fd=stdout_file.fd))
    assert cli.main(["--help"]) == 0
    assert said(err) == ""
    assert_silenced(stdout_file)


def test_help_to_a_full_disk_says_why(monkeypatch: pytest.MonkeyPatch, stdout_file: Any) -> None:
    """An OSError(ENOSPC) out of the help: status 2 and the OS's reason on stderr (the parser
    lets the error through, where argparse 3.13 on its own would drop it and exit 0)."""
    err = fake_stderr(monkeypatch)
    monkeypatch.setattr(sys, "stdout", TextOnly(fail=OSError(errno.ENOSPC, "disk full"), fd=stdout_file.fd))
    assert cli.main(["--help"]) == 2
    reason = os.strerror(errno.ENOSPC)
    assert said(err) == f"error: the help could not be written to standard output ({reason})\n"
    assert said(err) == "error: the help could not be written to standard output (No space left on device)\n"
    assert_silenced(stdout_file)


def test_help_to_a_closed_stdout_says_it_is_closed(monkeypatch: pytest.MonkeyPatch, stdout_file: Any) -> None:
    """An OSError without an errno out of the help: status 2, "(it is closed)", as for output."""
    err = fake_stderr(monkeypatch)
    monkeypatch.setattr(sys, "stdout", TextOnly(fail=OSError("closed"), fd=stdout_file.fd))
    assert cli.main(["--help"]) == 2
    assert said(err) == "error: the help could not be written to standard output (it is closed)\n"
    assert_silenced(stdout_file)


def test_main_reads_sys_stdin_when_no_stdin_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without stdin=, `score` reads sys.stdin's bytes; with stdin=, sys.stdin is left alone."""
    err = fake_stderr(monkeypatch)
    piped = Console(Bytes(b'{"direction": "us"}'))
    monkeypatch.setattr(sys, "stdin", piped)
    stream = io.StringIO()
    assert cli.main(["score"], stdout=stream) == 0
    assert json.loads(stream.getvalue())["recommendation"] == "staff_augmentation"
    assert piped.buffer.sizes == [cli.MAX_INPUT_BYTES + 1]
    untouched = Console(Bytes(fail=OSError(errno.EIO, "I/O error")))
    monkeypatch.setattr(sys, "stdin", untouched)
    stream = io.StringIO()
    assert cli.main(["score"], stdin=TextOnly('{"direction": "us"}'), stdout=stream) == 0
    assert "recommendation" in json.loads(stream.getvalue()) and untouched.buffer.sizes == []
    assert said(err) == ""


def test_main_with_sys_stdin_closed_or_unreadable_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """sys.stdin None (`<&-`) or failing: status 2 and one line."""
    err = fake_stderr(monkeypatch)
    monkeypatch.setattr(sys, "stdin", None)
    assert cli.main(["score"], stdout=io.StringIO()) == 2
    monkeypatch.setattr(sys, "stdin", Console(Bytes(fail=OSError(errno.EIO, "I/O error"))))
    assert cli.main(["cost"], stdout=io.StringIO()) == 2
    assert said(err) == ("error: expected the answers on standard input, and it is closed\n"
                         "error: standard input could not be read (OSError)\n")


FIGURES_EURO = '{"general": {"currency": "€", "people": 1}, "staff_augmentation": {"rate_per_person_month": 10}}'


def test_json_on_stdout_is_utf8_unescaped_indented_and_ends_with_a_newline(monkeypatch: pytest.MonkeyPatch,
                                                                           stdout_file: Any) -> None:
    """`cost --format json` to sys.stdout: "€" literally (ensure_ascii=False) as UTF-8 bytes,
    indented by 2 spaces, one final newline."""
    out = fake_stdout(monkeypatch, stdout_file)
    err = fake_stderr(monkeypatch)
    assert cli.main(["cost", "--figures", FIGURES_EURO, "--format", "json"]) == 0
    assert said(err) == ""
    raw = out.buffer.written
    assert "€".encode("utf-8") in raw and b"\\u20ac" not in raw
    text = raw.decode("utf-8")
    data = json.loads(text)
    assert data["cost"]["currency"] == "€"
    assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert text.startswith('{\n  "cost": {\n    "') and text.endswith("}\n") and not text.endswith("\n\n")


def test_score_json_is_indented_and_ends_with_a_newline(monkeypatch: pytest.MonkeyPatch, stdout_file: Any) -> None:
    """`score` JSON on sys.stdout: the same dump, indented by 2 spaces with a final newline."""
    out = fake_stdout(monkeypatch, stdout_file)
    err = fake_stderr(monkeypatch)
    assert cli.main(["score", "--answers", '{"direction": "us"}']) == 0
    text = out.buffer.written.decode("utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    assert text.startswith('{\n  "')
    assert said(err) == ""


# ---------------------------------------------------------------------------------------------
# 5. What each command prints as JSON

EVALUATION = {
    "model": "managed_services", "criteria": [{"id": "service_levels", "weight": 2}],
    "cost": {"general": {"currency": "€"}},
    "providers": [{"name": "Åkesson", "scores": {"service_levels": 4}, "price": {"fee_per_month": 900}},
                  {"name": "Beacon", "scores": {"service_levels": 3}, "price": {"fee_per_month": 800}}],
}
WORKSTREAMS = [{"name": "Paie", "answers": {"kind": "business_process", "process_maturity": "documented"}}]
FIGURES = {"general": {"people": 2, "currency": "£"}, "staff_augmentation": {"rate_per_person_month": 5000}}
ANSWERS = {"direction": "us", "kind": "build"}


def ask(request: dict[str, Any]) -> dict[str, Any]:
    reply = json.loads(handle(json.dumps(request)))
    assert reply["ok"], reply
    return reply


def printed(argv: list[str], stdin: str = "") -> Any:
    """What `main` printed for argv, parsed; it must be the exact JSON dump of that."""
    stream = io.StringIO()
    assert cli.main(argv, stdin=io.StringIO(stdin), stdout=stream) == 0
    text = stream.getvalue()
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return data


@pytest.mark.parametrize("op", ["questions", "card"])
def test_questions_and_card_print_the_apis_object(op: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`questions` and `card` print the API reply's object itself, not the envelope."""
    err = fake_stderr(monkeypatch)
    data = printed([op])
    expected = ask({"op": op})[op]
    assert set(data) == set(expected) and data == expected
    assert said(err) == ""


def test_providers_json_is_the_evaluation_and_its_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """`providers --format json`: exactly {"evaluation", "share"}, as the API gives them."""
    err = fake_stderr(monkeypatch)
    data = printed(["providers", "--format", "json"], json.dumps(EVALUATION))
    reply = ask({"op": "providers", "evaluation": EVALUATION, "site_url": DEFAULT_SITE_URL})
    assert set(data) == {"evaluation", "share"}
    assert data == {"evaluation": reply["evaluation"], "share": reply["share"]}
    assert printed(["providers", "--evaluation", json.dumps(EVALUATION)]) == data  # json is the default
    assert said(err) == ""


def test_plan_json_is_the_plan_and_its_view(monkeypatch: pytest.MonkeyPatch) -> None:
    """`plan --format json`: exactly {"plan", "plan_view"}, as the API gives them."""
    err = fake_stderr(monkeypatch)
    data = printed(["plan", "--format", "json"], json.dumps(WORKSTREAMS))
    reply = ask({"op": "plan", "workstreams": WORKSTREAMS, "site_url": DEFAULT_SITE_URL})
    assert set(data) == {"plan", "plan_view"}
    assert data == {"plan": reply["plan"], "plan_view": reply["plan_view"]}
    assert said(err) == ""


def test_cost_json_is_the_cost_and_its_view(monkeypatch: pytest.MonkeyPatch) -> None:
    """`cost --format json`: exactly {"cost", "cost_view"}, as the API gives them."""
    err = fake_stderr(monkeypatch)
    data = printed(["cost", "--format", "json"], json.dumps(FIGURES))
    reply = ask({"op": "cost", "cost": FIGURES})
    assert set(data) == {"cost", "cost_view"}
    assert data == {"cost": reply["cost"], "cost_view": reply["cost_view"]}
    with_fit = printed(["cost", "--format", "json", "--answers", json.dumps(ANSWERS)], json.dumps(FIGURES))
    fit_reply = ask({"op": "cost", "cost": FIGURES, "answers": ANSWERS})
    assert with_fit == {"cost": fit_reply["cost"], "cost_view": fit_reply["cost_view"]} != data
    assert said(err) == ""


def test_score_json_is_the_result_and_the_link_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    """`score --format json`: the API's result plus "link_notes", nothing else."""
    err = fake_stderr(monkeypatch)
    data = printed(["score", "--format", "json"], json.dumps(ANSWERS))
    reply = ask({"op": "score", "answers": ANSWERS, "site_url": DEFAULT_SITE_URL})
    assert set(data) == set(reply["result"]) | {"link_notes"}
    assert data == reply["result"] | {"link_notes": reply["link"]["notes"]}
    old = printed(["score", "--share", "v2d1"])
    assert old["link_notes"] == ask({"op": "score", "share": "v2d1"})["link"]["notes"] != []
    assert said(err) == ""


# ---------------------------------------------------------------------------------------------
# The cases of tests/engine/test_cli_hostile.py (child processes, left out of `make mutate`), in
# this process: sys.stdin, sys.stdout and sys.stderr are fakes with a .buffer, and main() is
# called as `python -m calculator` calls it.

HOSTILE_FIGURES = '{"general": {"people": 2, "currency": "£"}, "staff_augmentation": {"rate_per_person_month": 5000}}'
# (case, argv, stdin bytes (None: stdin closed), status, words in the one stderr line ("" = none))
HOSTILE = [
    ("answers on stdin", ["score"], b'{"direction": "us"}', 0, ""),
    ("stdin with a UTF-8 byte-order mark", ["score"], b'\xef\xbb\xbf{"direction": "us"}', 0, ""),
    ("stdin closed", ["score"], None, 2, "expected the answers on standard input, and it is closed"),
    ("stdin empty", ["score"], b"", 2, "standard input, and it is empty"),
    ("stdin not UTF-8", ["score"], b'{"direction": "\xff\xfe"}', 2, "standard input is not UTF-8 text (byte 16)"),
    ("stdin larger than 10 MB", ["score"], b"[" * 10_000_001, 2, "standard input is larger than 10,000,000 bytes"),
    ("stdin nested 100,000 deep", ["score"], b"[" * 100_000, 2, "nested too deeply"),
    ("an integer of 5,000 digits", ["cost"], b'{"general": {"people": ' + b"9" * 5000 + b"}}", 2, "digits"),
    ("a figure of 1e309", ["cost"], b'{"general": {"people": 1e309}}', 2, "Size of the work, in people"),
    ("1 followed by 309 zeros", ["cost"], b'{"general": {"people": 1' + b"0" * 309 + b"}}", 2, "far above"),
    ("a lone surrogate in a key", ["score"], b'{"\\ud800": "x"}', 2, "\\ud800"),
    ("a terminal escape in a share code", ["score", "--share", "v2\x1b[31mred"], b"", 2, "\\x1b"),
    ("an undecodable byte in an argument", ["score", "--share", "v2\udcff"], b"", 2, "share link"),
    ("'p' and 4,301 digits as a plan link", ["plan", "--share", "p" + "1" * 4301], b"", 2, "plan link"),
    ("a 60,000-character share code", ["score", "--share", "v2" + "k1" * 30_000], b"", 2, "characters long"),
    ("site URL //evil.example/", ["score", "--answers", "{}", "--site-url", "//evil.example/"], b"", 2, "site_url"),
    ("site URL with a newline", ["score", "--answers", "{}", "--site-url", "https://a.example/\n<b>"], b"", 2,
     "site_url"),
    ("an unknown option", ["score", "--colour", "red"], b"", 2, "unrecognized arguments"),
    ("no command", [], b"", 2, "required"),
    ("pounds", ["cost", "--format", "text", "--figures", HOSTILE_FIGURES], b"", 0, ""),
    ("an error naming a snowman", ["plan", "--workstreams", '[{"name": "Paie ☃", "answers": 3}]'], b"", 2,
     "Paie ☃"),
    ("a pasted calculator address", ["score", "--share", "https://outside-help.netlify.app/calculator/?answers=v2d1"],
     b"", 0, ""),
]


@pytest.mark.parametrize("case, argv, stdin, status, words", HOSTILE, ids=[c[0] for c in HOSTILE])
def test_hostile_input_exits_0_or_2_with_at_most_one_line(case: str, argv: list[str], stdin: bytes | None,
                                                          status: int, words: str, monkeypatch: pytest.MonkeyPatch,
                                                          stdout_file: Any) -> None:
    """Status 0 with UTF-8 output and nothing on stderr, or status 2 with one clean error line."""
    out = fake_stdout(monkeypatch, stdout_file)
    err = fake_stderr(monkeypatch)
    monkeypatch.setattr(sys, "stdin", None if stdin is None else Console(Bytes(stdin)))
    assert cli.main(argv) == status, said(err)
    text = said(err)  # stderr is UTF-8 bytes whatever the locale
    if not words:
        assert text == ""
        assert out.buffer.written.decode("utf-8")
        return
    assert out.buffer.written == b""
    assert text.startswith("error: ") and text.count("\n") == 1 and text.endswith("\n"), text
    assert words in text and "\x1b" not in text and len(text) < 1200, text


def test_pounds_are_utf8_bytes_on_stdout(monkeypatch: pytest.MonkeyPatch, stdout_file: Any) -> None:
    """The text table's "£" reaches stdout as UTF-8 bytes, whatever sys.stdout's encoding."""
    out = fake_stdout(monkeypatch, stdout_file)
    err = fake_stderr(monkeypatch)
    assert cli.main(["cost", "--format", "text", "--figures", HOSTILE_FIGURES]) == 0
    assert "£240,000".encode("utf-8") in out.buffer.written
    assert said(err) == ""


def test_stdout_closed_full_or_gone_from_main(monkeypatch: pytest.MonkeyPatch, stdout_file: Any) -> None:
    """main's result to a closed stdout or a full disk is status 2 and one line; to a reader
    that stopped it is status 0 and nothing."""
    out = fake_stdout(monkeypatch, stdout_file)
    err = fake_stderr(monkeypatch)
    out.buffer.fail = BrokenPipeError(errno.EPIPE, "Broken pipe")
    assert cli.main(["card"]) == 0
    assert said(err) == ""
    assert_silenced(stdout_file)
    out.buffer.fail = OSError(errno.ENOSPC, "disk full")
    assert cli.main(["questions"]) == 2
    assert said(err) == f"error: the result could not be written to standard output ({os.strerror(errno.ENOSPC)})\n"
    monkeypatch.setattr(sys, "stdout", None)
    assert cli.main(["questions"]) == 2
    assert said(err).splitlines()[-1] == "error: standard output is closed, so the result cannot be written"


def test_an_error_with_stderr_closed_still_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad share code with sys.stderr None: status 2, nothing raised."""
    monkeypatch.setattr(sys, "stderr", None)
    assert cli.main(["score", "--share", "v9"], stdin=io.StringIO(""), stdout=io.StringIO()) == 2
