"""A test relay (aiosmtpd) that answers 451 to recipients in chosen domains and accepts all others,
writing each accepted mail to its own file with the time it arrived. Usage:
    selective_relay.py PORT DUMP_DIR DEFERRED_DOMAIN[,DOMAIN...]
Listens on 127.0.0.1 only; stops on SIGTERM."""
import asyncio
import os
import signal
import sys
import time
import uuid

from aiosmtpd.controller import Controller


class SelectiveHandler:
    def __init__(self, dump_dir, deferred_domains):
        self.dump_dir = dump_dir
        self.deferred_domains = deferred_domains

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rsplit("@", 1)[-1].lower()
        if domain in self.deferred_domains:
            return "451 4.4.1 " + domain + " is unreachable, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        arrived_ms = int(time.time() * 1000)
        name = os.path.join(self.dump_dir, "%d-%s.eml" % (arrived_ms, uuid.uuid4().hex))
        with open(name + ".tmp", "wb") as out:
            out.write(("X-Arrived-Ms: %d\r\n" % arrived_ms).encode())
            for rcpt in envelope.rcpt_tos:
                out.write(("X-Rcpt-Args: <%s>\r\n" % rcpt).encode())
            out.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        return "250 2.0.0 queued"


def main():
    port, dump_dir, domains = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    handler = SelectiveHandler(dump_dir, {d.strip().lower() for d in domains.split(",") if d.strip()})
    controller = Controller(handler, hostname="127.0.0.1", port=port, data_size_limit=None)
    controller.start()
    print("listening", flush=True)
    stopped = asyncio.Event()
    loop = asyncio.new_event_loop()
    loop.add_signal_handler(signal.SIGTERM, stopped.set)
    loop.run_until_complete(stopped.wait())
    controller.stop()


if __name__ == "__main__":
    main()
