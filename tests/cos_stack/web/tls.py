"""A throwaway CA and a server certificate for the loopback addresses, made at every start."""

import datetime
import ipaddress
import ssl

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from ..ibm.addressing import VIRTUAL_HOST_DOMAIN
from ..process.settings import NETWORK_ADDRESSES


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(subject, issuer, public_key, days):
    now = datetime.datetime.now(datetime.timezone.utc)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=days))
    )


def write_certificates(directory):
    """Write ca.pem, server.pem and server-key.pem into directory; return an SSL context
    for the servers."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("cos-stack local CA")
    ca_cert = (
        _builder(ca_name, ca_name, ca_key.public_key(), 30)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    # The virtual-host names (ibm/addressing.py) are covered too; OpenSSL matches a wildcard only
    # with two labels after it, hence a domain under localhost rather than localhost itself.
    names = [x509.DNSName(name) for name in ("localhost", VIRTUAL_HOST_DOMAIN, f"*.{VIRTUAL_HOST_DOMAIN}")] + [
        x509.IPAddress(ipaddress.ip_address(address)) for address in NETWORK_ADDRESSES.values()
    ]
    server_cert = (
        _builder(_name("cos-stack"), ca_name, server_key.public_key(), 30)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    (directory / "ca.pem").write_bytes(ca_cert.public_bytes(pem))
    (directory / "server.pem").write_bytes(server_cert.public_bytes(pem))
    key_path = directory / "server-key.pem"
    key_path.write_bytes(
        server_key.private_bytes(
            pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    key_path.chmod(0o600)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(directory / "server.pem", key_path)
    return context
