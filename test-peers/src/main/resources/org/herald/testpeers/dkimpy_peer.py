"""DKIM signing and verification with dkimpy (Debian's python3-dkim), for Herald's tests (org.herald.testpeers.DkimPy).

Run by Debian's /usr/bin/python3. Commands:
  check                                   prints the versions; fails when a module is missing
  verify PORT MESSAGE_FILE                verifies every DKIM-Signature; keys are looked up with dnspython at
                                          127.0.0.1:PORT (the test's DnsServer), never through the system resolver
  sign MESSAGE_FILE DOMAIN SELECTOR KEY_FILE ALGORITHM OUT_FILE
                                          relaxed/relaxed signature, written with the message to OUT_FILE
  genkey ALGORITHM BITS DIRECTORY         writes DIRECTORY/private.key (what dkimpy signs with) and DIRECTORY/dns.txt

Output lines are tab-separated; fields escape backslash, tab, CR and LF as \\\\, \\t, \\r, \\n.
"""
import base64
import logging
import os
import subprocess
import sys


def escape(value):
    if value is None:
        return ''
    if isinstance(value, bytes):
        value = value.decode('utf-8', 'replace')
    return str(value).replace('\\', '\\\\').replace('\t', '\\t').replace('\r', '\\r').replace('\n', '\\n')


def emit(*fields):
    sys.stdout.write('\t'.join(escape(f) for f in fields) + '\n')


class Collector(logging.Handler):
    """Keeps what dkimpy logs at INFO and above: its explanation of a failure."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def check():
    import dkim  # noqa: F401
    import nacl.signing  # noqa: F401
    import dns.resolver  # noqa: F401
    import dns.version
    import nacl
    emit('dkimpy', getattr(dkim, '__version__', 'unknown'))
    emit('pynacl', getattr(nacl, '__version__', 'unknown'))
    emit('dnspython', dns.version.version)


def make_dnsfunc(port):
    import dkim
    import dns.exception
    import dns.rdatatype
    import dns.resolver

    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = ['127.0.0.1']
    resolver.port = port
    resolver.cache = None
    resolver.retry_servfail = False

    def dnsfunc(name, timeout=5):
        """Like dkimpy's get_txt_dnspython: the first TXT record's strings, joined; None when there is none."""
        if isinstance(name, bytes):
            name = name.decode('ascii')
        try:
            answer = resolver.resolve(name, dns.rdatatype.TXT, raise_on_no_answer=False, lifetime=timeout,
                                      search=False)
        except dns.resolver.NXDOMAIN:
            emit('dns', name, 'NXDOMAIN')
            return None
        except dns.resolver.NoNameservers as e:
            emit('dns', name, 'SERVFAIL: %s' % e)
            return None
        except dns.exception.Timeout as e:
            emit('dns', name, 'timeout: %s' % e)
            raise dkim.DnsTimeoutError('dns.exception.Timeout: {0}'.format(e))
        if answer.rrset is None or len(answer.rrset) == 0:
            emit('dns', name, 'NODATA')
            return None
        record = list(answer.rrset)[0]
        emit('dns', name, 'TXT ' + ' '.join(repr(s.decode('utf-8', 'replace')) for s in record.strings))
        return b''.join(record.strings)

    return dnsfunc


def verify(port, message_file):
    import dkim
    from dkim.util import parse_tag_value

    with open(message_file, 'rb') as f:
        message = f.read()
    dnsfunc = make_dnsfunc(int(port))
    try:
        signatures = [value for name, value in dkim.DKIM(message).headers if name.lower() == b'dkim-signature']
    except dkim.DKIMException as e:
        emit('count', 0)
        emit('message-error', '%s: %s' % (type(e).__name__, e))
        return
    emit('count', len(signatures))
    for index, value in enumerate(signatures):
        try:
            tags = parse_tag_value(value)
        except Exception:  # a malformed tag list: dkimpy's verify reports it below
            tags = {}
        collector = Collector()
        logger = logging.getLogger('dkimpy-peer-%d' % index)
        logger.propagate = False
        logger.setLevel(logging.DEBUG)
        logger.addHandler(collector)
        error = ''
        try:
            passed = bool(dkim.DKIM(message, logger=logger).verify(idx=index, dnsfunc=dnsfunc))
        except dkim.DKIMException as e:
            passed = False
            error = '%s: %s' % (type(e).__name__, e)
        if not passed and not error:
            error = '; '.join(collector.messages) or 'signature did not verify'
        emit('signature', index, tags.get(b'd', b''), tags.get(b's', b''), tags.get(b'a', b''),
             'pass' if passed else 'fail', error)


def sign(message_file, domain, selector, key_file, algorithm, out_file):
    import dkim

    with open(message_file, 'rb') as f:
        message = f.read()
    with open(key_file, 'rb') as f:
        key = f.read()
    header = dkim.sign(message, selector.encode('ascii'), domain.encode('ascii'), key,
                       canonicalize=(b'relaxed', b'relaxed'), signature_algorithm=algorithm.encode('ascii'))
    with open(out_file, 'wb') as f:
        f.write(header + message)


def genkey(algorithm, bits, directory):
    private_file = os.path.join(directory, 'private.key')
    if algorithm == 'rsa':
        subprocess.run(['openssl', 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:%d' % int(bits),
                        '-out', private_file], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        der = subprocess.run(['openssl', 'pkey', '-in', private_file, '-pubout', '-outform', 'DER'],
                             check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout
        txt = 'v=DKIM1; k=rsa; p=' + base64.b64encode(der).decode('ascii')
    elif algorithm == 'ed25519':
        import nacl.encoding
        import nacl.signing
        key = nacl.signing.SigningKey.generate()
        with open(private_file, 'wb') as f:
            # what dkimpy's sign takes for ed25519-sha256: the base64 32-byte seed (as dknewkey writes it)
            f.write(key.encode(encoder=nacl.encoding.Base64Encoder))
        txt = 'v=DKIM1; k=ed25519; p=' + key.verify_key.encode(encoder=nacl.encoding.Base64Encoder).decode('ascii')
    else:
        raise SystemExit('unknown key algorithm: %s' % algorithm)
    with open(os.path.join(directory, 'dns.txt'), 'w') as f:
        f.write(txt)


def main(argv):
    command = argv[1] if len(argv) > 1 else ''
    if command == 'check' and len(argv) == 2:
        check()
    elif command == 'verify' and len(argv) == 4:
        verify(argv[2], argv[3])
    elif command == 'sign' and len(argv) == 8:
        sign(*argv[2:8])
    elif command == 'genkey' and len(argv) == 5:
        genkey(argv[2], argv[3], argv[4])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
