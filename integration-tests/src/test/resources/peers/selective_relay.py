"""A test relay (aiosmtpd) that answers 451 to recipients in chosen domains and accepts all others,
writing each accepted mail to its own file with the time it arrived. Usage:
    selective_relay.py PORT DUMP_DIR DEFERRED_DOMAIN[,DOMAIN...] [RANDOM_DEFER_PROBABILITY] [--count-only]
                       [--reject=DOMAIN[,DOMAIN...]] [--delay-data=SECONDS]
RANDOM_DEFER_PROBABILITY (0 to 1, default 0) also answers 451 to that share of all other recipients, at random.
--reject answers 550 5.1.1 to recipients in those domains (a permanent failure: the sender gets a DSN).
--delay-data waits that long before answering each DATA (a slow relay: the sender's connection stays busy).
Every EHLO/HELO (one per SMTP session) adds a line to DUMP_DIR/sessions.log, to count connections.
--count-only writes one line per accepted mail to DUMP_DIR/accepted.log instead of a file per mail (for soaks).
Listens on 127.0.0.1 only; stops on SIGTERM."""
import asyncio
import os
import random
import signal
import sys
import time
import uuid

from aiosmtpd.controller import Controller


class SelectiveHandler:
    def __init__(self, dump_dir, deferred_domains, random_defer=0.0, count_only=False, rejected_domains=(),
                 data_delay=0.0):
        self.dump_dir = dump_dir
        self.data_delay = data_delay
        self.rejected_domains = set(rejected_domains)
        self.sessions = open(os.path.join(dump_dir, "sessions.log"), "a", buffering=1)
        self.deferred_domains = deferred_domains
        self.random_defer = random_defer
        self.count_only = count_only
        self.log = open(os.path.join(dump_dir, "accepted.log"), "a", buffering=1) if count_only else None

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self.sessions.write("%s\n" % hostname)
        return responses

    async def handle_HELO(self, server, session, envelope, hostname):
        session.host_name = hostname
        self.sessions.write("%s\n" % hostname)
        return "250 {}".format(server.hostname)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rsplit("@", 1)[-1].lower()
        if domain in self.rejected_domains:
            return "550 5.1.1 <" + address + ">: no such user here"
        if domain in self.deferred_domains:
            return "451 4.4.1 " + domain + " is unreachable, try later"
        if self.random_defer and random.random() < self.random_defer:
            return "451 4.3.0 random deferral, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        arrived_ms = int(time.time() * 1000)
        if self.count_only:
            message_id = ""
            for line in (envelope.original_content or envelope.content).split(b"\r\n"):
                if not line:
                    break
                if line.lower().startswith(b"message-id:"):
                    message_id = line.split(b":", 1)[1].strip().decode("ascii", "replace")
            self.log.write("%d %s\n" % (arrived_ms, message_id))
            return "250 2.0.0 queued"
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
    extra = [arg for arg in sys.argv[4:] if not arg.startswith("--")]
    rejected = [d.strip().lower() for arg in sys.argv[4:] if arg.startswith("--reject=")
                for d in arg.split("=", 1)[1].split(",") if d.strip()]
    data_delay = next((float(arg.split("=", 1)[1]) for arg in sys.argv[4:] if arg.startswith("--delay-data=")), 0.0)
    random_defer = float(extra[0]) if extra else 0.0
    handler = SelectiveHandler(dump_dir, {d.strip().lower() for d in domains.split(",") if d.strip()},
                               random_defer, "--count-only" in sys.argv[4:], rejected, data_delay)
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
