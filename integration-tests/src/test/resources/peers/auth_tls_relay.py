"""A test relay (aiosmtpd) that insists on STARTTLS and AUTH, as paid relays do, and writes each accepted mail to its
own file headed by how it came: the AUTH user and the TLS version. Usage:
    auth_tls_relay.py PORT DUMP_DIR CERT_PEM KEY_PEM USER PASSWORD
AUTH is only offered after STARTTLS; a wrong password gets 535. Listens on 127.0.0.1 only; stops on SIGTERM."""
import asyncio
import os
import signal
import ssl
import sys
import time
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Authenticator:
    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password
        # handled=False: aiosmtpd itself answers 235 or 535 (True would mean the authenticator already replied).
        return AuthResult(success=ok, handled=False, auth_data=auth_data)


class DumpingHandler:
    def __init__(self, dump_dir):
        self.dump_dir = dump_dir

    async def handle_DATA(self, server, session, envelope):
        arrived_ms = int(time.time() * 1000)
        user = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else ""
        ssl_object = server.transport.get_extra_info("ssl_object") if server.transport is not None else None
        tls = ssl_object.version() if ssl_object is not None else ("yes" if session.ssl else "")
        name = os.path.join(self.dump_dir, "%d-%s.eml" % (arrived_ms, uuid.uuid4().hex))
        with open(name + ".tmp", "wb") as out:
            out.write(("X-Relay-Auth-User: %s\r\nX-Relay-Tls: %s\r\n" % (user, tls)).encode())
            for rcpt in envelope.rcpt_tos:
                out.write(("X-Rcpt-Args: <%s>\r\n" % rcpt).encode())
            out.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        return "250 2.0.0 queued"


def main():
    port, dump_dir, cert, key, user, password = sys.argv[1:7]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controller = Controller(DumpingHandler(dump_dir), hostname="127.0.0.1", port=int(port), tls_context=context,
                            require_starttls=True, auth_required=True, auth_require_tls=True,
                            authenticator=Authenticator(user, password), data_size_limit=None)
    controller.start()
    print("listening", flush=True)
    stopped = asyncio.Event()
    loop = asyncio.new_event_loop()
    loop.add_signal_handler(signal.SIGTERM, stopped.set)
    loop.run_until_complete(stopped.wait())
    controller.stop()


if __name__ == "__main__":
    main()
