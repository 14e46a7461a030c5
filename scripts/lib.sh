# Helpers shared by the scripts (sourced).
# A free loopback port: the kernel chooses one, then it is released for the server to bind.
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
