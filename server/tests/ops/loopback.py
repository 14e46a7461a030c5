"""Helpers shared by the ops tests (imported from the scripts' own folder)."""
import socket


def free_port():
    """A free loopback port: the kernel chooses one, then it is released for a server to bind."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
