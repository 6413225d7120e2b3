"""The test server (tests/support/server.py) keeps the test log for real problems: a browser that
closes a page while a file is still being sent is not reported, other errors still are."""

from __future__ import annotations

import socket
import struct
import time

from tests.support.server import SiteServer


def test_a_reader_gone_mid_download_leaves_no_traceback(tmp_path, capfd):
    (tmp_path / "big.bin").write_bytes(bytes(32 * 1024 * 1024))
    with SiteServer(tmp_path) as server:
        host, port = server.httpd.server_address[:2]
        for _ in range(3):
            client = socket.create_connection((host, port))
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            client.recv(1024)
            # Closed with a reset, as a browser tab closing does, while the server still sends.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
        time.sleep(1.0)   # the handler threads meet the closed socket
    assert "Traceback" not in capfd.readouterr().err


def test_other_errors_are_still_reported(tmp_path, capfd):
    with SiteServer(tmp_path) as server:
        try:
            raise ValueError("a fault in a handler")
        except ValueError:
            server.httpd.handle_error(None, ("127.0.0.1", 0))
    err = capfd.readouterr().err
    assert "ValueError: a fault in a handler" in err
